// Schedules (properties over many random plans), the VTLB with its corrections, and arrears.
#include "debt/repayment.h"

#include <gtest/gtest.h>

#include <random>

#include "rules/source_rules.h"

namespace nabij::debt {
namespace {

const Month kStart = Month::Of(2026, 3);

TEST(ScheduleProperty, NeverMoreThanAffordableEndsInTermEveryCentAccounted) {
  std::mt19937_64 rng(20261203);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  for (int i = 0; i < 20000; ++i) {
    const Regime regime = static_cast<Regime>(pick(0, 2));
    const Money balance = Money::Cents(pick(0, 1) == 0 ? pick(0, 10'000) : pick(0, 10'000'000));
    const Money affordable = Money::Cents(pick(0, 4) == 0 ? 0 : pick(1, 200'000));
    auto s = MakeSchedule(regime, balance, affordable, kStart);
    ASSERT_TRUE(s.ok());
    ASSERT_LE(s->instalments.size(), static_cast<size_t>(MaxTermMonths(regime)));
    Money sum;
    for (size_t k = 0; k < s->instalments.size(); ++k) {
      const Instalment& in = s->instalments[k];
      ASSERT_LE(in.amount, affordable) << "instalment above the affordable amount";
      ASSERT_GT(in.amount, Money::Zero());
      ASSERT_EQ(in.month, kStart.Add(static_cast<int>(k)));
      sum += in.amount;
    }
    ASSERT_EQ(sum, s->paid);
    ASSERT_EQ(s->paid + s->forgiven_at_end, balance) << "a euro went missing";
    ASSERT_GE(s->forgiven_at_end, Money::Zero());
    if (regime != Regime::kStudieschuld && s->forgiven_at_end > Money::Zero() &&
        affordable > Money::Zero()) {
      // Classic: the whole term at the affordable amount before anything is forgiven.
      ASSERT_EQ(s->instalments.size(), static_cast<size_t>(MaxTermMonths(regime)));
    }
  }
}

TEST(Schedule, StudieschuldSpreadsOver180MonthsWhenAffordable) {
  // EUR 9,000 over 180 months is EUR 50 a month; EUR 80 is affordable.
  auto s = MakeSchedule(Regime::kStudieschuld, Money::Euros(9000), Money::Euros(80), kStart);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->monthly, Money::Euros(50));
  EXPECT_EQ(s->instalments.size(), 180u);
  EXPECT_EQ(s->forgiven_at_end, Money::Zero());
}

TEST(Schedule, StudieschuldCappedForgivesTheRest) {
  auto s = MakeSchedule(Regime::kStudieschuld, Money::Euros(20000), Money::Euros(40), kStart);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->monthly, Money::Euros(40));
  EXPECT_EQ(s->paid, Money::Euros(7200));
  EXPECT_EQ(s->forgiven_at_end, Money::Euros(12800));
}

TEST(Schedule, KlassiekStopsWhenPaidOff) {
  auto s = MakeSchedule(Regime::kKlassiek36, Money::Cents(100001), Money::Euros(100), kStart);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->instalments.size(), 11u);
  EXPECT_EQ(s->instalments.back().amount, Money::Cents(1));
  EXPECT_EQ(s->forgiven_at_end, Money::Zero());
}

TEST(Schedule, NothingAffordableForgivesEverything) {
  auto s = MakeSchedule(Regime::kKlassiek18, Money::Euros(5000), Money::Zero(), kStart);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->instalments.empty());
  EXPECT_EQ(s->forgiven_at_end, Money::Euros(5000));
}

TEST(Schedule, RefusesNegativeInput) {
  EXPECT_EQ(
      MakeSchedule(Regime::kKlassiek18, Money::Cents(-1), Money::Zero(), kStart).status().field(),
      "balance");
  EXPECT_EQ(
      MakeSchedule(Regime::kKlassiek18, Money::Zero(), Money::Cents(-1), kStart).status().field(),
      "affordable");
}

Finances OnBijstand(Money norm, Money housing) {
  Finances f;
  f.huishouden = bvv::Huishouden::kAlleenstaande;
  f.op_bijstand = true;
  f.bijstandsnorm = norm;
  f.net_income = norm;
  f.housing_costs = housing;
  return f;
}

TEST(Affordable, BvvPlusSourcedCorrectionsWithTheirBasisInTheTrace) {
  auto r = LoadFundRules(rules::SourceRules(), Date::Of(2026, 3, 1), "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Money norm = Money::Cents(140150);
  rules::Trace trace;
  auto a = Affordable(*r, OnBijstand(norm, Money::Cents(100000)), &trace);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  // Rv art. 475dc lid 2: 95 % of the norm.
  EXPECT_EQ(a->beslagvrije_voet, MulDiv(norm, 95, 100, Rounding::kHalfUp));
  // Housing above the 2026 huurgrens (EUR 932,93): EUR 1.000,00 - 932,93.
  EXPECT_EQ(a->woonkosten_correctie, Money::Cents(100000 - 93293));
  // Eigen risico EUR 385 / 12 = 32,08.
  EXPECT_EQ(a->eigen_risico_correctie, Money::Cents(3208));
  EXPECT_EQ(a->vtlb, a->beslagvrije_voet + a->woonkosten_correctie + a->eigen_risico_correctie);
  EXPECT_EQ(a->affordable, Max(Money::Zero(), norm - a->vtlb));
  bool housing = false, deductible = false;
  for (const auto& s : trace.steps()) {
    if (s.legal_ref == "Rv art. 475da lid 5") housing = true;
    if (s.legal_ref == "Zvw art. 19 lid 1") deductible = true;
  }
  EXPECT_TRUE(housing);
  EXPECT_TRUE(deductible);
}

TEST(Affordable, NeverNegative) {
  auto r = LoadFundRules(rules::SourceRules(), Date::Of(2026, 3, 1), "");
  ASSERT_TRUE(r.ok());
  auto a = Affordable(*r, OnBijstand(Money::Cents(140150), Money::Cents(200000)), nullptr);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->affordable, Money::Zero());
}

TEST(Affordable, NotOnBijstandNeedsTheFormulaOutcome) {
  auto r = LoadFundRules(rules::SourceRules(), Date::Of(2026, 3, 1), "");
  ASSERT_TRUE(r.ok());
  Finances f = OnBijstand(Money::Zero(), Money::Zero());
  f.op_bijstand = false;
  f.net_income = Money::Cents(250000);
  EXPECT_EQ(Affordable(*r, f, nullptr).status().code(), ErrorCode::kUnimplemented);
  f.bvv_formule = Money::Cents(180000);
  auto a = Affordable(*r, f, nullptr);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_GT(a->affordable, Money::Zero());
}

TEST(Affordable, RefusesBadAdults) {
  auto r = LoadFundRules(rules::SourceRules(), Date::Of(2026, 3, 1), "");
  ASSERT_TRUE(r.ok());
  Finances f = OnBijstand(Money::Cents(140150), Money::Zero());
  f.adults = 0;
  EXPECT_EQ(Affordable(*r, f, nullptr).status().field(), "adults");
}

TEST(Arrears, CountsWhatWasDueAgainstWhatCameIn) {
  Plan p{Regime::kKlassiek18, kStart, Money::Euros(1000),   Money::Euros(50),
         Money::Euros(50),    18,     Date::Of(2026, 2, 20)};
  std::vector<Repayment> paid = {
      {1, kStart, Date::Of(2026, 3, 28), Money::Euros(50), RepaymentSource::kUitkering}};
  Arrears a = ArrearsOn(p, paid, kStart.Add(2));
  EXPECT_EQ(a.due, Money::Euros(150));
  EXPECT_EQ(a.paid, Money::Euros(50));
  EXPECT_EQ(a.arrears, Money::Euros(100));
  EXPECT_EQ(a.months_behind, 2);
  EXPECT_EQ(ArrearsOn(p, paid, kStart).arrears, Money::Zero());
}

}  // namespace
}  // namespace nabij::debt
