#include "payments/correction.h"
#include "rules/source_rules.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace nabij::payments {
namespace {

const rules::ParameterSet& Rules() { return rules::SourceRules(); }

TEST(Correction, LateIncomeBecomesARecoveryClaim) {
  Month jan = Month::Of(2026, 1);
  pw::HouseholdHistory h;
  h.applicant_id = 1;
  h.applicant_birth = Date::Of(1990, 3, 1);  // 35
  h.periods.push_back({1, pw::PeriodRule::kN, Month::Of(2025, 12)});
  // January was paid in full; a payslip of 800,00 for January arrives in February.
  h.incomes.push_back({1, jan, Money::Cents(80000), Money::Zero()});
  auto p = pw::Snapshot(Rules(), jan);
  ASSERT_TRUE(p.ok());
  rules::Trace trace;
  auto c = RecomputePaidMonth(h, jan, Money::Cents(140150), *p, &trace);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // 800,00 − 25 % vrijlating (second month of n) = 600,00 counted
  EXPECT_EQ(c->correct.cents(), 140150 - 60000);
  EXPECT_EQ(c->overpaid.cents(), 60000);
  EXPECT_EQ(c->underpaid.cents(), 0);
  EXPECT_EQ(trace.steps().back().legal_ref, "Pw art. 58 lid 1");
  // Paid too little (the reserve was lower): still owed
  auto under = RecomputePaidMonth(h, jan, Money::Cents(70000), *p, nullptr);
  EXPECT_EQ(under->underpaid.cents(), 10150);
  EXPECT_EQ(RecomputePaidMonth(h, jan, Money::Cents(-1), *p, nullptr).status().field(), "paid");
}

}  // namespace
}  // namespace nabij::payments
