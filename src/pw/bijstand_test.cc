#include "pw/bijstand.h"

#include <gtest/gtest.h>

#include <random>

#include "pw/procedure.h"
#include "pw/test_util.h"

namespace nabij::pw {
namespace {

using testing::AddHousemate;
using testing::BornAged;
using testing::Rules;
using testing::Single;

Params Snap(int y, unsigned m, std::string_view gemeente = {}) {
  auto p = Snapshot(Rules(), Month::Of(y, m), gemeente);
  NABIJ_CHECK(p.ok());
  return *p;
}

Decision Calc(const Params& p, const CaseInput& in, Options o = {}) {
  auto d = Calculate(p, in, nullptr, o);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : Decision{};
}

TEST(Norm, SingleAndCoupleCategories) {
  Params p = Snap(2026, 1);
  EXPECT_EQ(Calc(p, Single(p.month, 35)).norm.cents(), 140150);
  EXPECT_EQ(Calc(p, Single(p.month, 19)).norm.cents(), 34599);
  CaseInput couple = Single(p.month, 40);
  couple.has_partner = true;
  couple.partner.birth = BornAged(p.month, 38);
  EXPECT_EQ(Calc(p, couple).norm.cents(), 200213);
  couple.partner.birth = BornAged(p.month, 19);
  EXPECT_EQ(Calc(p, couple).norm.cents(), 134706);  // art. 20 lid 1 onder c
  couple.children = 1;
  couple.youngest_child_birth = BornAged(p.month, 1);
  EXPECT_EQ(Calc(p, couple).norm.cents(), 174749);  // art. 20 lid 2 onder c
}

TEST(Norm, AowAgeIsReachedAt67) {
  Params p = Snap(2025, 1);
  CaseInput in = Single(p.month, 67);
  EXPECT_EQ(Calc(p, in).norm.cents(), 150107);
  in.applicant.birth = in.applicant.birth.AddDays(1);  // one day short of 67
  EXPECT_EQ(Calc(p, in).norm.cents(), 134545);
}

TEST(Norm, YouthSupplementFrom2026WhenParentsCannotSupport) {
  CaseInput in = Single(Month::Of(2026, 1), 19);
  in.parents_cannot_support = true;
  EXPECT_EQ(Calc(Snap(2026, 1), in).norm.cents(), 34599 + 74645);
  in.month = Month::Of(2025, 7);
  in.applicant.birth = BornAged(in.month, 19);
  EXPECT_EQ(Calc(Snap(2025, 7), in).norm.cents(), 33798);  // no art. 20 lid 3 before 2026
}

TEST(Kostendelers, FormulaMatchesVelsenTable2024) {
  Params p = Snap(2024, 1);
  const int64_t expected[] = {91702, 79475, 73362, 69694, 67248};
  for (int a = 2; a <= 6; ++a) {
    CaseInput in = Single(p.month, 35);
    for (int i = 0; i < a - 1; ++i) AddHousemate(in, 40 + i);
    Decision d = Calc(p, in);
    EXPECT_EQ(d.norm.cents(), expected[a - 2]) << "A=" << a;
    EXPECT_EQ(d.a, a);
  }
}

TEST(Kostendelers, WhoCounts) {
  Params p = Snap(2026, 1);
  auto norm_with = [&](int age, Relation rel, Education edu, bool commercial) {
    CaseInput in = Single(p.month, 35);
    AddHousemate(in, age, rel, edu, commercial);
    return Calc(p, in).norm.cents();
  };
  EXPECT_EQ(norm_with(30, Relation::kFirstDegree, Education::kNone, false), 100107);
  EXPECT_EQ(norm_with(26, Relation::kFirstDegree, Education::kNone, false), 140150);   // under 27
  EXPECT_EQ(norm_with(28, Relation::kFirstDegree, Education::kWsf, false), 140150);    // student
  EXPECT_EQ(norm_with(28, Relation::kNone, Education::kBbl, false), 140150);           // bbl
  EXPECT_EQ(norm_with(40, Relation::kNone, Education::kNone, true), 140150);           // commercial lodger
  EXPECT_EQ(norm_with(40, Relation::kFirstDegree, Education::kNone, true), 100107);    // ...unless a relative
  EXPECT_EQ(norm_with(40, Relation::kSecondDegree, Education::kNone, true), 100107);
}

TEST(Kostendelers, CoupleIsSumOfIndividualNormsAndMixedAgeUsesLid3) {
  Params p = Snap(2024, 1);
  CaseInput in = Single(p.month, 40);
  in.has_partner = true;
  in.partner.birth = BornAged(p.month, 40);
  AddHousemate(in, 50);
  // A = 3: each spouse 130/300 × 1.834,04 = 794,75
  EXPECT_EQ(Calc(p, in).norm.cents(), 2 * 79475);
  in.partner.birth = BornAged(p.month, 19);
  // art. 22a lid 3: youth part 316,94 + older spouse with A = 2: 917,02
  EXPECT_EQ(Calc(p, in).norm.cents(), 31694 + 91702);
}

TEST(Art24, SpouseWithoutRightGetsHalfTheCoupleNorm) {
  Params p = Snap(2026, 1);
  CaseInput in = Single(p.month, 40);
  in.has_partner = true;
  in.partner.birth = BornAged(p.month, 40);
  in.partner.entitled = false;
  Decision d = Calc(p, in);
  EXPECT_EQ(d.norm.cents(), 100107);  // 50 % of 2.002,13 = 1.001,065 -> half-up
  // art. 32 lid 3: the partner's income counts only above the other half of the couple norm
  in.partner.other_income = Money::Cents(120000);
  d = Calc(p, in);
  EXPECT_EQ(d.counted_income.cents(), 120000 - (200213 - 100107));
  EXPECT_EQ(d.bijstand.cents(), 100107 - 19894);
}

TEST(Vrijlating, TestVectors) {
  struct Case {
    int y;
    unsigned m;
    int age;
    int64_t income;
    int n_month;
    bool medisch;
    int64_t vrijlating, bijstand;
  };
  const Case cases[] = {
      {2024, 7, 30, 80000, 3, false, 20000, 70845},  {2026, 1, 30, 120000, 2, false, 28500, 48650},
      {2026, 1, 25, 60000, 1, false, 0, 80150},      {2026, 1, 40, 100000, 0, true, 15000, 55150},
      {2025, 1, 30, 120000, 4, false, 27300, 41845}, {2026, 1, 30, 80000, 7, false, 0, 60150},
  };
  for (const Case& c : cases) {
    Params p = Snap(c.y, c.m);
    CaseInput in = Single(p.month, c.age);
    in.applicant.work_income = Money::Cents(c.income);
    in.applicant.periods.n_month = static_cast<uint8_t>(c.n_month);
    in.applicant.medisch_urenbeperkt = c.medisch;
    Decision d = Calc(p, in);
    EXPECT_EQ(d.vrijlating.cents(), c.vrijlating) << c.y << "-" << c.m << " age " << c.age;
    EXPECT_EQ(d.bijstand.cents(), c.bijstand) << c.y << "-" << c.m << " age " << c.age;
  }
}

TEST(Vrijlating, PeriodEndsAreReported) {
  Params p = Snap(2026, 1);
  CaseInput in = Single(p.month, 30);
  in.applicant.work_income = Money::Cents(50000);
  in.applicant.periods.n_month = 3;
  Decision d = Calc(p, in);
  ASSERT_EQ(d.period_end_count, 1);
  EXPECT_EQ(d.period_ends[0].rule, VrijlatingRule::kN);
  EXPECT_EQ(d.period_ends[0].last_month, Month::Of(2026, 4));
}

TEST(Vrijlating, SingleParentAfterTheNPeriod) {
  Params p = Snap(2026, 1);
  CaseInput in = Single(p.month, 32);
  in.children = 1;
  in.youngest_child_birth = BornAged(p.month, 5);
  in.applicant.work_income = Money::Cents(100000);
  in.applicant.periods.n_month = 8;
  in.applicant.periods.r_month = 2;
  Decision d = Calc(p, in);
  EXPECT_EQ(d.applicant.rule, VrijlatingRule::kR);
  EXPECT_EQ(d.vrijlating.cents(), 12500);  // 12,5 % of 1.000,00 under the cap of 177,66
  in.youngest_child_birth = BornAged(p.month, 12);  // child no longer under 12
  EXPECT_EQ(Calc(p, in).vrijlating.cents(), 0);
}

TEST(Vrijlating, GiftenFrom2026UpToTheYearlyAmount) {
  Params p = Snap(2026, 3);
  CaseInput in = Single(p.month, 40);
  in.applicant.giften = Money::Cents(50000);
  in.applicant.giften_earlier = Money::Cents(100000);
  Decision d = Calc(p, in);
  EXPECT_EQ(d.applicant.giften_vrij.cents(), 20000);
  EXPECT_EQ(d.counted_income.cents(), 30000);
}

TEST(Vrijlating, GiftenBefore2026FollowMunicipalPolicy) {
  CaseInput in = Single(Month::Of(2025, 3), 40);
  in.applicant.giften = Money::Cents(50000);
  EXPECT_EQ(Calc(Snap(2025, 3), in).applicant.giften_vrij.cents(), 0);          // national default
  EXPECT_EQ(Calc(Snap(2025, 3, "9999"), in).applicant.giften_vrij.cents(), 50000);  // Demodorp (fictional)
}

TEST(InBalans, FifteenPercentWithoutCapWhenChosenOrByDate) {
  Params p = Snap(2026, 1);
  CaseInput in = Single(p.month, 30);
  in.applicant.work_income = Money::Cents(200000);
  in.applicant.periods.pib_month = 1;
  Decision d = Calc(p, in, Options{Regime::kInBalans});
  EXPECT_TRUE(d.in_balans);
  EXPECT_EQ(d.vrijlating.cents(), 30000);  // 15 % of 2.000,00, no maximum
  EXPECT_FALSE(Calc(p, in).in_balans);     // 2026: art. 31 still applies by date
  CaseInput old = Single(Month::Of(2025, 1), 30);
  auto err = Calculate(Snap(2025, 1), old, nullptr, Options{Regime::kInBalans});
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code(), ErrorCode::kRuleMissing);
  CaseInput aow = Single(p.month, 70);
  aow.applicant.work_income = Money::Cents(200000);
  EXPECT_EQ(Calc(p, aow, Options{Regime::kInBalans}).vrijlating.cents(), 22600);  // 25 %, max 226
}

TEST(Vermogen, AboveTheLimitMeansNoRight) {
  Params p = Snap(2026, 2);
  CaseInput in = Single(p.month, 40);
  in.vermogen = Money::Cents(799900);
  EXPECT_FALSE(Calc(p, in).vermogen_boven_grens);
  EXPECT_EQ(Calc(p, in).bijstand.cents(), 140150);
  in.vermogen = Money::Cents(800001);
  EXPECT_TRUE(Calc(p, in).vermogen_boven_grens);
  EXPECT_EQ(Calc(p, in).bijstand.cents(), 0);
}

TEST(Vakantietoeslag, IsFivePercentOfTheBijstand) {
  Decision d = Calc(Snap(2025, 7), Single(Month::Of(2025, 7), 30));
  EXPECT_EQ(d.vakantietoeslag.cents(), 6845);
  EXPECT_EQ(d.bijstand_excl_vt.cents(), 130061);
}

TEST(Calculate, RefusesWhatTheLawDoesNotCover) {
  Params p = Snap(2026, 1);
  auto young = Calculate(p, Single(p.month, 17), nullptr);
  ASSERT_FALSE(young.ok());
  EXPECT_EQ(young.error().legal_basis(), "Pw art. 13 lid 3");
  auto wrong_month = Calculate(p, Single(Month::Of(2025, 1), 30), nullptr);
  EXPECT_EQ(wrong_month.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Snapshot(Rules(), Month::Of(2019, 1)).error().code(), ErrorCode::kRuleMissing);
  EXPECT_EQ(Snapshot(Rules(), Month::Of(2026, 1), "1234").error().code(), ErrorCode::kNotFound);
}

TEST(Trace, NamesEveryStepWithItsArticle) {
  Params p = Snap(2026, 1);
  CaseInput in = Single(p.month, 35);
  AddHousemate(in, 30, Relation::kFirstDegree);
  in.applicant.work_income = Money::Cents(40000);
  in.applicant.periods.n_month = 2;
  rules::Trace t;
  auto d = Calculate(p, in, &t);
  ASSERT_TRUE(d.ok());
  bool saw_kdm = false;
  for (const auto& s : t.steps()) {
    EXPECT_FALSE(s.legal_ref.empty()) << s.label;
    EXPECT_FALSE(s.label.empty());
    if (s.legal_ref == "Pw art. 22a lid 1") {
      saw_kdm = true;
      EXPECT_EQ(s.amount.cents(), 100107);
    }
  }
  EXPECT_TRUE(saw_kdm);
  EXPECT_EQ(t.steps().back().rule_id, "pw.vrijlating.periode");
}

// Random households for the property tests: deterministic with a fixed seed.
CaseInput RandomHousehold(std::mt19937_64& rng, Month m) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  CaseInput in = Single(m, pick(18, 80));
  if (pick(0, 2) == 0) {
    in.has_partner = true;
    in.partner.birth = BornAged(m, pick(18, 80));
    in.partner.entitled = pick(0, 5) != 0;
    in.partner.work_income = Money::Cents(pick(0, 1) ? pick(0, 200000) : 0);
    in.partner.periods.n_month = static_cast<uint8_t>(pick(0, 8));
  }
  if (pick(0, 2) == 0) {
    in.children = static_cast<uint8_t>(pick(1, 3));
    in.youngest_child_birth = BornAged(m, pick(0, 17));
  }
  int hm = pick(0, 3);
  for (int i = 0; i < hm; ++i) {
    AddHousemate(in, pick(18, 70), static_cast<Relation>(pick(0, 2)), static_cast<Education>(pick(0, 4) == 0 ? 1 : 0),
                 pick(0, 3) == 0);
  }
  in.applicant.work_income = Money::Cents(pick(0, 1) ? pick(0, 250000) : 0);
  in.applicant.other_income = Money::Cents(pick(0, 3) == 0 ? pick(0, 100000) : 0);
  in.applicant.periods.n_month = static_cast<uint8_t>(pick(0, 8));
  in.applicant.periods.r_month = static_cast<uint8_t>(pick(0, 31));
  in.applicant.medisch_urenbeperkt = pick(0, 5) == 0;
  in.applicant.doelgroep_lks = pick(0, 5) == 0;
  in.applicant.periods.z_month = static_cast<uint8_t>(pick(0, 13));
  in.applicant.giften = Money::Cents(pick(0, 4) == 0 ? pick(0, 50000) : 0);
  in.in_inrichting = pick(0, 30) == 0;
  return in;
}

class Properties : public ::testing::TestWithParam<Month> {};

TEST_P(Properties, MoreIncomeNeverMoreBijstandAndNeverNegative) {
  Params p = *Snapshot(Rules(), GetParam());
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 3000; ++i) {
    CaseInput in = RandomHousehold(rng, p.month);
    for (Regime regime : {Regime::kArt31, Regime::kInBalans}) {
      if (regime == Regime::kInBalans && !p.pib_pct.present()) continue;
      Options o{regime};
      Decision base = Calc(p, in, o);
      EXPECT_GE(base.bijstand.cents(), 0);
      EXPECT_EQ(base.bijstand, base.vakantietoeslag + base.bijstand_excl_vt);
      for (int64_t extra : {1, 99, 10000, 150000}) {
        CaseInput more = in;
        more.applicant.work_income += Money::Cents(extra);
        EXPECT_LE(Calc(p, more, o).bijstand, base.bijstand) << "work +" << extra << " household " << i;
        more = in;
        more.applicant.other_income += Money::Cents(extra);
        EXPECT_LE(Calc(p, more, o).bijstand, base.bijstand) << "other +" << extra;
        if (in.has_partner) {
          more = in;
          more.partner.work_income += Money::Cents(extra);
          EXPECT_LE(Calc(p, more, o).bijstand, base.bijstand) << "partner +" << extra;
        }
      }
    }
  }
}

TEST_P(Properties, MoreCostSharersNeverRaiseTheNorm) {
  Params p = *Snapshot(Rules(), GetParam());
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    CaseInput in = RandomHousehold(rng, p.month);
    if (in.housemate_count >= kMaxHousemates - 1) continue;
    Money before = Calc(p, in).norm;
    CaseInput more = in;
    AddHousemate(more, 30 + i % 40);
    EXPECT_LE(Calc(p, more).norm, before) << "household " << i;
  }
}

TEST_P(Properties, SameInputSameCentsSameTrace) {
  Params p = *Snapshot(Rules(), GetParam());
  std::mt19937_64 rng(99);
  for (int i = 0; i < 500; ++i) {
    CaseInput in = RandomHousehold(rng, p.month);
    rules::Trace t1;
    rules::Trace t2;
    auto a = Calculate(p, in, &t1);
    auto b = Calculate(p, in, &t2);
    auto c = Calculate(p, in, nullptr);  // the batch path: same code without a trace
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(a->bijstand, b->bijstand);
    EXPECT_EQ(a->bijstand, c->bijstand);
    EXPECT_EQ(a->norm, c->norm);
    ASSERT_EQ(t1.steps().size(), t2.steps().size());
    for (size_t s = 0; s < t1.steps().size(); ++s) {
      EXPECT_EQ(t1.steps()[s].label, t2.steps()[s].label);
      EXPECT_EQ(t1.steps()[s].amount, t2.steps()[s].amount);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Months, Properties,
                         ::testing::Values(Month::Of(2024, 1), Month::Of(2025, 7), Month::Of(2026, 1),
                                           Month::Of(2026, 7)),
                         [](const auto& info) { return "m" + info.param.ToString().replace(4, 1, "_"); });

TEST(Procedure, FourWeekSearchPeriodUnder27) {
  Date melding = Date::Of(2026, 3, 2);
  auto d = EarliestApplicationDate(Rules(), melding, {melding.AddYears(-24)}, false, nullptr);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, Date::Of(2026, 3, 30));
  EXPECT_EQ(*EarliestApplicationDate(Rules(), melding, {melding.AddYears(-24), melding.AddYears(-30)}, false, nullptr),
            melding);
  EXPECT_EQ(*EarliestApplicationDate(Rules(), melding, {melding.AddYears(-20)}, true, nullptr), melding);
  EXPECT_FALSE(EarliestApplicationDate(Rules(), melding, {}, false, nullptr).ok());
}

}  // namespace
}  // namespace nabij::pw

namespace nabij::pw {
namespace {

// Regression: a couple of an 18-20-year-old and a spouse at AOW age got art. 20 lid 1 onder c
// (1.233,96 in 2024-01) instead of art. 22 onder c, so that a cost-sharer raised their norm.
TEST(Regression, YoungAndAowCoupleGetsArt22NotArt20) {
  Params p = Snap(2024, 1);
  CaseInput in = Single(p.month, 19);
  in.has_partner = true;
  in.partner.birth = BornAged(p.month, 70);
  EXPECT_EQ(Calc(p, in).norm.cents(), 193232);
  AddHousemate(in, 40);
  EXPECT_EQ(Calc(p, in).norm.cents(), 31694 + 96616);  // art. 22a lid 3 with B = art. 22 onder b
}

}  // namespace
}  // namespace nabij::pw
