#include "bvv/beslagvrije_voet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace nabij::bvv {
namespace {

// The real rules tree of the repository, loaded once for all tests.
class BvvTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = rules::ParameterSet::Load(std::filesystem::path(NABIJ_SOURCE_DIR) / "rules");
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    rules_ = std::make_unique<rules::ParameterSet>(std::move(*set));
  }
  static void TearDownTestSuite() { rules_.reset(); }

  static Params SnapshotOf(int year, unsigned month) {
    auto p = Snapshot(*rules_, Month::Of(year, month));
    EXPECT_TRUE(p.ok()) << p.error().ToString();
    return p.ok() ? *p : Params{};
  }

  // A debtor whose whole income is a bijstand payment of `norm`.
  static Input OpBijstand(Huishouden h, int64_t norm) {
    Input in;
    in.huishouden = h;
    in.op_bijstand = true;
    in.bijstandsnorm = Money::Cents(norm);
    in.maandinkomen = Money::Cents(norm);
    return in;
  }

  static std::unique_ptr<rules::ParameterSet> rules_;
};

std::unique_ptr<rules::ParameterSet> BvvTest::rules_;

std::vector<std::string> Refs(const rules::Trace& t) {
  std::vector<std::string> refs;
  for (const auto& s : t.steps()) refs.push_back(s.legal_ref);
  return refs;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// --- test vectors (../shared/testvectors/participatiewet.yaml, beslagvrije_voet) ---------------

TEST_F(BvvTest, SingleOnBijstand2021KeepsAllButFivePercent) {
  Params p = SnapshotOf(2021, 1);
  auto out = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 107544), nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->maximaal_beslag.cents(), 5377);
  EXPECT_EQ(out->beslagvrije_voet.cents(), 102167);  // 95 % x 107544 = 102166,8
}

TEST_F(BvvTest, CoupleOnBijstand2021) {
  Params p = SnapshotOf(2021, 1);
  auto out = Calculate(p, OpBijstand(Huishouden::kGehuwdenZonderKinderen, 153634), nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->maximaal_beslag.cents(), 7682);
  EXPECT_EQ(out->beslagvrije_voet.cents(), 145952);  // 95 % x 153634 = 145952,3
}

TEST_F(BvvTest, SingleOnFullBijstand2026RoundsTheHalfCentToTheDebtor) {
  Params p = SnapshotOf(2026, 1);
  auto out = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 140150), nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  // 95 % x 1.401,50 = 1.331,425 -> 1.331,43 (ADR 0001); municipal tables print 1.331,42.
  EXPECT_EQ(out->beslagvrije_voet.cents(), 133143);
  EXPECT_EQ(out->maximaal_beslag.cents(), 7007);
  EXPECT_EQ((out->beslagvrije_voet + out->maximaal_beslag).cents(), 140150);
  EXPECT_EQ(out->maximum.cents(), 219142);
}

TEST_F(BvvTest, MaximaJuly2026) {
  Params p = SnapshotOf(2026, 7);
  auto single = Maximum(p, Huishouden::kAlleenstaande);
  ASSERT_TRUE(single.ok()) << single.error().ToString();
  EXPECT_EQ(single->cents(), 220848);
  EXPECT_EQ(Maximum(p, Huishouden::kAlleenstaandeOuder)->cents(), 254375);
  EXPECT_EQ(Maximum(p, Huishouden::kGehuwdenZonderKinderen)->cents(), 290579);
  EXPECT_EQ(Maximum(p, Huishouden::kGehuwdenMetKinderen)->cents(), 317968);
}

// --- Snapshot --------------------------------------------------------------------------------

TEST_F(BvvTest, SnapshotTakesTheValueInForceOnTheFirstDay) {
  EXPECT_EQ(SnapshotOf(2026, 6).maximum_alleenstaande.value.cents(), 219142);
  Params july = SnapshotOf(2026, 7);
  EXPECT_EQ(july.maximum_alleenstaande.value.cents(), 220848);
  ASSERT_NE(july.maximum_alleenstaande.source, nullptr);
  EXPECT_EQ(july.maximum_alleenstaande.source->effective, Date::Of(2026, 7, 1));
  EXPECT_EQ(july.maximum_alleenstaande.param->id, "rv.bvv.maximum.alleenstaande");
  EXPECT_EQ(july.percentage_inkomen.value, Ratio::Of(95, 100));
  ASSERT_TRUE(july.norm_gehuwden.has_value());
  EXPECT_EQ(july.norm_gehuwden->value.cents(), 202779);
}

TEST_F(BvvTest, SnapshotWithoutTheNoAddressFiguresStillWorks) {
  // rules/ has the 47,5 % from 2024 and the couple norm from 2023: 2021 lacks both.
  Params p = SnapshotOf(2021, 1);
  EXPECT_FALSE(p.geen_woonadres_percentage.has_value());
  EXPECT_FALSE(p.norm_gehuwden.has_value());
}

TEST_F(BvvTest, SnapshotBeforeTheLawIsRuleMissing) {
  auto p = Snapshot(*rules_, Month::Of(2020, 12));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code(), ErrorCode::kRuleMissing);
  EXPECT_EQ(p.error().field(), "rv.bvv.maximum.alleenstaande");
  EXPECT_EQ(p.error().legal_basis(), "Rv art. 475da lid 1");
}

// --- geen woonadres, Rv art. 475da lid 4 --------------------------------------------------------

TEST_F(BvvTest, NoAddressIsFortySevenAndAHalfPercentOfTheCoupleNorm) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.huishouden = Huishouden::kAlleenstaande;
  in.geen_woonadres = true;
  in.maandinkomen = Money::Cents(150000);
  rules::Trace trace;
  auto out = Calculate(p, in, &trace);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 95101);  // 47,5 % x 200213 = 95101,175
  EXPECT_EQ(out->maximaal_beslag.cents(), 150000 - 95101);
  auto refs = Refs(trace);
  EXPECT_TRUE(Contains(refs, "Pw art. 21 onder b"));
  EXPECT_TRUE(Contains(refs, "Rv art. 475da lid 4"));
  EXPECT_TRUE(Contains(refs, "Rv art. 475b lid 1"));
}

TEST_F(BvvTest, NoAddressAlsoOnBijstandTakesTheNoAddressRule) {
  Params p = SnapshotOf(2026, 1);
  Input in = OpBijstand(Huishouden::kAlleenstaande, 140150);
  in.geen_woonadres = true;
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 95101);
}

TEST_F(BvvTest, NoAddressIsCappedAtNinetyFivePercentOfALowIncome) {
  // Rv art. 475dc lid 1 deviates from all of art. 475da, lid 4 included.
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.geen_woonadres = true;
  in.maandinkomen = Money::Cents(60000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 57000);
  EXPECT_EQ(out->maximaal_beslag.cents(), 3000);
}

TEST_F(BvvTest, NoAddressWithoutItsFiguresIsRuleMissing) {
  Params p = SnapshotOf(2021, 1);
  Input in;
  in.geen_woonadres = true;
  in.maandinkomen = Money::Cents(150000);
  rules::Trace trace;
  auto out = Calculate(p, in, &trace);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kRuleMissing);
  EXPECT_EQ(out.error().legal_basis(), "Rv art. 475da lid 4");
  EXPECT_EQ(out.error().field(), "rv.bvv.geen_woonadres.percentage");
  EXPECT_NE(out.error().message().find("2021-01-01"), std::string::npos);
  EXPECT_TRUE(trace.empty());

  // The percentage alone is not enough: the norm of Pw art. 21 onder b is needed too.
  p.geen_woonadres_percentage = Fixed<Ratio>{Ratio::Of(475, 1000), nullptr, nullptr};
  auto out2 = Calculate(p, in, nullptr);
  ASSERT_FALSE(out2.ok());
  EXPECT_EQ(out2.error().code(), ErrorCode::kRuleMissing);
  EXPECT_EQ(out2.error().field(), "pw.norm.gehuwden_21_tot_aow");
}

// --- bijstand, Rv art. 475dc lid 2 --------------------------------------------------------------

TEST_F(BvvTest, OtherIncomeLowersTheBeslagvrijeVoet) {
  Params p = SnapshotOf(2026, 1);
  Input in = OpBijstand(Huishouden::kAlleenstaande, 140150);
  in.inkomen_art32 = Money::Cents(40000);
  in.maandinkomen = Money::Cents(140150 - 40000);  // the bijstand paid on top of the income
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 133143 - 40000);
  EXPECT_EQ(out->maximaal_beslag.cents(), 7007);
}

TEST_F(BvvTest, IncomeAboveNinetyFivePercentOfTheNormLeavesNoBeslagvrijeVoetBelowZero) {
  Params p = SnapshotOf(2026, 1);
  Input in = OpBijstand(Huishouden::kAlleenstaande, 140150);
  in.inkomen_art32 = Money::Cents(135000);
  in.maandinkomen = Money::Cents(5150);
  rules::Trace trace;
  auto out = Calculate(p, in, &trace);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 0);
  EXPECT_EQ(out->maximaal_beslag.cents(), 5150);
  EXPECT_NE(trace.steps()[1].detail.find("niet lager dan € 0,00"), std::string::npos);
}

// --- general rule: Rv art. 475da lid 1 and 2, Rv art. 475dc lid 1
// ---------------------------------

TEST_F(BvvTest, FormulaResultIsCappedAtNinetyFivePercentOfIncome) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.huishouden = Huishouden::kAlleenstaande;
  in.maandinkomen = Money::Cents(150000);
  in.formule_uitkomst = Money::Cents(180000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 142500);
  EXPECT_EQ(out->maximaal_beslag.cents(), 7500);
}

TEST_F(BvvTest, NinetyFivePercentOfIncomeRoundsHalfUp) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.maandinkomen = Money::Cents(140150);
  in.formule_uitkomst = Money::Cents(200000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 133143);
  EXPECT_EQ(out->maximaal_beslag.cents(), 7007);
}

TEST_F(BvvTest, FormulaResultIsCappedAtTheMaximum) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.huishouden = Huishouden::kGehuwdenMetKinderen;
  in.maandinkomen = Money::Cents(600000);
  in.formule_uitkomst = Money::Cents(400000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->maximum.cents(), 315531);
  EXPECT_EQ(out->beslagvrije_voet.cents(), 315531);
  EXPECT_EQ(out->maximaal_beslag.cents(), 600000 - 315531);
}

TEST_F(BvvTest, FormulaResultBelowBothCapsIsKept) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.maandinkomen = Money::Cents(300000);
  in.formule_uitkomst = Money::Cents(170000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 170000);
  EXPECT_EQ(out->maximaal_beslag.cents(), 130000);
}

// --- reductions, Rv art. 475db lid 1 ----------------------------------------------------------

// A married debtor whose formula gives 2.000,00 and who earns 3.000,00 a month (95 % is 2.850,00:
// no cap).
Input Gehuwd(int64_t formule = 200000, int64_t maandinkomen = 300000) {
  Input in;
  in.huishouden = Huishouden::kGehuwdenZonderKinderen;
  in.maandinkomen = Money::Cents(maandinkomen);
  in.formule_uitkomst = Money::Cents(formule);
  return in;
}

TEST_F(BvvTest, TheSpousesIncomeLowersTheBeslagvrijeVoetByAtMostHalf) {
  Params p = SnapshotOf(2026, 1);
  Input in = Gehuwd();
  in.inkomen_echtgenoot_niet_beslagen = Money::Cents(30000);
  auto small = Calculate(p, in, nullptr);
  ASSERT_TRUE(small.ok()) << small.error().ToString();
  EXPECT_EQ(small->beslagvrije_voet.cents(), 170000);
  in.inkomen_echtgenoot_niet_beslagen = Money::Cents(150000);  // more than half of 2.000,00
  auto large = Calculate(p, in, nullptr);
  ASSERT_TRUE(large.ok()) << large.error().ToString();
  EXPECT_EQ(large->beslagvrije_voet.cents(), 100000);
  EXPECT_EQ(large->maximaal_beslag.cents(), 200000);
}

TEST_F(BvvTest, HalfOfAnOddAmountIsRoundedDownSoTheReductionStaysWithinHalf) {
  Params p = SnapshotOf(2026, 1);
  Input in = Gehuwd(200001);
  in.inkomen_echtgenoot_niet_beslagen = Money::Cents(150000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  // half of 2.000,01 is 1.000,005: at most 1.000,00 comes off.
  EXPECT_EQ(out->beslagvrije_voet.cents(), 100001);
}

TEST_F(BvvTest, TheReductionsComeInTheOrderOfTheLawAndStopAtZero) {
  Params p = SnapshotOf(2026, 1);
  Input in = Gehuwd();
  in.inkomen_echtgenoot_niet_beslagen = Money::Cents(150000);  // a: 1.000,00 (half)
  in.inkomen_eigen_niet_beslagen = Money::Cents(20000);        // b: 200,00
  in.loonbelasting_auto = Money::Cents(5000);                  // c: 50,00
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 75000);
  in.inkomen_eigen_niet_beslagen = Money::Cents(500000);
  auto zero = Calculate(p, in, nullptr);
  ASSERT_TRUE(zero.ok()) << zero.error().ToString();
  EXPECT_EQ(zero->beslagvrije_voet.cents(), 0);
  EXPECT_EQ(zero->maximaal_beslag.cents(), 300000);
}

TEST_F(BvvTest, TheNinetyFivePercentCapComesAfterTheReductions) {
  // Rv art. 475dc lid 1 looks at the result of 475da and 475db together: 2.000,00 − 700,00 =
  // 1.300,00 stays under 95 % of 1.500,00 (1.425,00). Capping first would give 725,00.
  Params p = SnapshotOf(2026, 1);
  Input in = Gehuwd(200000, 150000);
  in.inkomen_eigen_niet_beslagen = Money::Cents(70000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 130000);
  in.inkomen_eigen_niet_beslagen = Money::Cents(10000);  // 1.900,00: above the cap
  auto capped = Calculate(p, in, nullptr);
  ASSERT_TRUE(capped.ok()) << capped.error().ToString();
  EXPECT_EQ(capped->beslagvrije_voet.cents(), 142500);
}

TEST_F(BvvTest, TheReductionsAlsoApplyWithoutAnAddress) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.huishouden = Huishouden::kGehuwdenZonderKinderen;
  in.geen_woonadres = true;
  in.maandinkomen = Money::Cents(300000);
  auto base = Calculate(p, in, nullptr);
  ASSERT_TRUE(base.ok()) << base.error().ToString();
  in.inkomen_eigen_niet_beslagen = Money::Cents(10000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet, base->beslagvrije_voet - Money::Cents(10000));
}

TEST_F(BvvTest, OnBijstandTheReductionsAreRefusedInFavourOfTheArt32Income) {
  Params p = SnapshotOf(2026, 1);
  Input in = OpBijstand(Huishouden::kAlleenstaande, 140150);
  in.inkomen_eigen_niet_beslagen = Money::Cents(10000);
  auto out = Calculate(p, in, nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(out.error().field(), "inkomen_eigen_niet_beslagen");
  EXPECT_EQ(out.error().legal_basis(), "Rv art. 475dc lid 2");
}

TEST_F(BvvTest, ReductionTraceNamesEachOnderdeel) {
  Params p = SnapshotOf(2026, 1);
  Input in = Gehuwd();
  in.inkomen_echtgenoot_niet_beslagen = Money::Cents(150000);
  in.loonbelasting_auto = Money::Cents(5000);
  rules::Trace trace;
  ASSERT_TRUE(Calculate(p, in, &trace).ok());
  const std::vector<std::string> refs = Refs(trace);
  EXPECT_TRUE(Contains(refs, "Rv art. 475db lid 1 onder a"));
  EXPECT_FALSE(Contains(refs, "Rv art. 475db lid 1 onder b")) << "no own income: no step";
  EXPECT_TRUE(Contains(refs, "Rv art. 475db lid 1 onder c"));
  bool half = false;
  for (const auto& s : trace.steps()) {
    if (s.legal_ref != "Rv art. 475db lid 1 onder a") continue;
    half = s.detail.find("inkomen € 1.500,00, ten hoogste 50 % van € 2.000,00: € 1.000,00") != std::string::npos;
    EXPECT_EQ(s.rule_id, "rv.bvv.vermindering_echtgenoot.maximum") << "the half comes from rules/";
    EXPECT_EQ(s.effective, Date::Of(2021, 1, 1));
  }
  EXPECT_TRUE(half) << "the step of onderdeel a says it stops at half";
  rules::Trace plain;
  ASSERT_TRUE(Calculate(p, Gehuwd(), &plain).ok());
  EXPECT_EQ(plain.steps().size(), 6u) << "without reductions the trace is as before";
}

TEST_F(BvvTest, WithoutFormulaResultIsUnimplementedNamingTheArticle) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.maandinkomen = Money::Cents(250000);
  rules::Trace trace;
  auto out = Calculate(p, in, &trace);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kUnimplemented);
  EXPECT_EQ(out.error().field(), "formule_uitkomst");
  EXPECT_EQ(out.error().legal_basis(), "Rv art. 475da lid 2");
  const std::string& msg = out.error().message();
  EXPECT_NE(msg.find("Rv art. 475da lid 2"), std::string::npos);
  EXPECT_NE(msg.find("zorgtoeslag"), std::string::npos);
  EXPECT_NE(msg.find("berekent"), std::string::npos);          // Dutch
  EXPECT_NE(msg.find("does not compute"), std::string::npos);  // English
  EXPECT_TRUE(trace.empty());
}

// --- bad input -----------------------------------------------------------------------------------

TEST_F(BvvTest, NegativeAmountsAreRefusedNamingTheField) {
  Params p = SnapshotOf(2026, 1);
  const Input good = OpBijstand(Huishouden::kAlleenstaande, 140150);
  struct Case {
    std::string field;
    void (*spoil)(Input&);
  };
  const std::vector<Case> cases = {
      {"bijstandsnorm", [](Input& in) { in.bijstandsnorm = Money::Cents(-1); }},
      {"inkomen_art32", [](Input& in) { in.inkomen_art32 = Money::Cents(-1); }},
      {"maandinkomen", [](Input& in) { in.maandinkomen = Money::Cents(-1); }},
      {"formule_uitkomst", [](Input& in) { in.formule_uitkomst = Money::Cents(-1); }},
      {"inkomen_echtgenoot_niet_beslagen", [](Input& in) { in.inkomen_echtgenoot_niet_beslagen = Money::Cents(-1); }},
      {"inkomen_eigen_niet_beslagen", [](Input& in) { in.inkomen_eigen_niet_beslagen = Money::Cents(-1); }},
      {"loonbelasting_auto", [](Input& in) { in.loonbelasting_auto = Money::Cents(-1); }},
      {"huishouden", [](Input& in) { in.huishouden = static_cast<Huishouden>(42); }},
  };
  for (const Case& c : cases) {
    Input in = good;
    c.spoil(in);
    rules::Trace trace;
    auto out = Calculate(p, in, &trace);
    ASSERT_FALSE(out.ok()) << c.field;
    EXPECT_EQ(out.error().code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(out.error().field(), c.field);
    EXPECT_TRUE(trace.empty()) << c.field;
  }
  auto max = Maximum(p, static_cast<Huishouden>(-1));
  ASSERT_FALSE(max.ok());
  EXPECT_EQ(max.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(BvvTest, HugeIncomeDoesNotOverflow) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.maandinkomen = Money::Cents(std::numeric_limits<int64_t>::max());
  in.formule_uitkomst = Money::Cents(std::numeric_limits<int64_t>::max());
  auto out = Calculate(p, in, nullptr);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 219142);
  EXPECT_EQ((out->beslagvrije_voet + out->maximaal_beslag).cents(),
            std::numeric_limits<int64_t>::max());
}

TEST_F(BvvTest, ParamsSetByHandAreChecked) {
  Params p = SnapshotOf(2026, 1);
  p.percentage_inkomen.value = Ratio::Of(150, 100);
  auto out = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 140150), nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(out.error().field(), "rv.bvv.percentage_inkomen");

  p = SnapshotOf(2026, 1);
  p.vermindering_echtgenoot_maximum.value = Ratio::Of(3, 2);
  auto share = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 140150), nullptr);
  ASSERT_FALSE(share.ok());
  EXPECT_EQ(share.error().field(), "rv.bvv.vermindering_echtgenoot.maximum");

  p = SnapshotOf(2026, 1);
  p.maximum_alleenstaande.value = Money::Cents(-5);
  auto max = Maximum(p, Huishouden::kAlleenstaande);
  ASSERT_FALSE(max.ok());
  EXPECT_EQ(max.error().code(), ErrorCode::kFailedPrecondition);
}

// --- trace ---------------------------------------------------------------------------------------

TEST_F(BvvTest, BijstandTraceNamesItsArticlesAndTheRounding) {
  Params p = SnapshotOf(2026, 1);
  rules::Trace trace;
  auto out = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 140150), &trace);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  ASSERT_EQ(trace.steps().size(), 3u);

  const rules::TraceStep& pct = trace.steps()[0];
  EXPECT_EQ(pct.legal_ref, "Rv art. 475dc lid 2");
  EXPECT_EQ(pct.rule_id, "rv.bvv.percentage_inkomen");
  EXPECT_EQ(pct.param_value, "95 %");
  EXPECT_EQ(pct.effective, Date::Of(2021, 1, 1));
  EXPECT_EQ(pct.amount.cents(), 133143);
  EXPECT_NE(pct.detail.find("€ 1.331,425"), std::string::npos) << pct.detail;
  EXPECT_NE(pct.detail.find("€ 1.331,43"), std::string::npos) << pct.detail;

  EXPECT_EQ(trace.steps()[1].legal_ref, "Rv art. 475dc lid 2");
  EXPECT_EQ(trace.steps()[1].amount.cents(), 133143);
  EXPECT_EQ(trace.steps()[2].legal_ref, "Rv art. 475b lid 1");
  EXPECT_EQ(trace.steps()[2].amount.cents(), 7007);
  for (const auto& s : trace.steps()) EXPECT_FALSE(s.label.empty());
}

TEST_F(BvvTest, FormulaTraceNamesItsArticles) {
  Params p = SnapshotOf(2026, 1);
  Input in;
  in.maandinkomen = Money::Cents(150000);
  in.formule_uitkomst = Money::Cents(180000);
  rules::Trace trace;
  ASSERT_TRUE(Calculate(p, in, &trace).ok());
  EXPECT_EQ(Refs(trace), (std::vector<std::string>{"Rv art. 475da lid 2", "Rv art. 475da lid 1",
                                                   "Rv art. 475da lid 2", "Rv art. 475dc lid 1",
                                                   "Rv art. 475dc lid 1", "Rv art. 475b lid 1"}));
  const rules::TraceStep& maximum = trace.steps()[1];
  EXPECT_EQ(maximum.rule_id, "rv.bvv.maximum.alleenstaande");
  EXPECT_EQ(maximum.param_value, "€ 2.191,42 per maand");
  EXPECT_EQ(maximum.effective, Date::Of(2026, 1, 1));
  EXPECT_EQ(trace.steps()[4].amount.cents(), 142500);
}

TEST_F(BvvTest, BatchPathWithoutTraceGivesTheSameCents) {
  Params p = SnapshotOf(2026, 1);
  std::vector<Input> inputs;
  inputs.push_back(OpBijstand(Huishouden::kAlleenstaande, 140150));
  Input formule;
  formule.maandinkomen = Money::Cents(150000);
  formule.formule_uitkomst = Money::Cents(180000);
  inputs.push_back(formule);
  Input adres;
  adres.geen_woonadres = true;
  adres.maandinkomen = Money::Cents(150000);
  inputs.push_back(adres);
  for (const Input& in : inputs) {
    rules::Trace trace;
    auto traced = Calculate(p, in, &trace);
    auto batch = Calculate(p, in, nullptr);
    ASSERT_TRUE(traced.ok() && batch.ok());
    EXPECT_EQ(traced->beslagvrije_voet, batch->beslagvrije_voet);
    EXPECT_EQ(traced->maximaal_beslag, batch->maximaal_beslag);
    EXPECT_EQ(traced->maximum, batch->maximum);
    EXPECT_EQ(trace.steps().back().amount, batch->maximaal_beslag);
  }
}

TEST_F(BvvTest, ValueSetByHandIsTracedWithoutADate) {
  Params p = SnapshotOf(2026, 1);
  p.percentage_inkomen = Fixed<Ratio>{Ratio::Of(90, 100), nullptr, nullptr};  // a reform
  rules::Trace trace;
  auto out = Calculate(p, OpBijstand(Huishouden::kAlleenstaande, 140150), &trace);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->beslagvrije_voet.cents(), 126135);
  const rules::TraceStep& pct = trace.steps()[0];
  EXPECT_EQ(pct.rule_id, "rv.bvv.percentage_inkomen");
  EXPECT_EQ(pct.legal_ref, "Rv art. 475dc lid 2");
  EXPECT_FALSE(pct.effective.has_value());
}

}  // namespace
}  // namespace nabij::bvv
