#include "pw/history.h"

#include <gtest/gtest.h>

namespace nabij::pw {
namespace {

HouseholdHistory Example() {
  HouseholdHistory h;
  h.applicant_id = 1;
  h.applicant_birth = Date::Of(1980, 5, 1);
  MemberFact partner;
  partner.person_id = 2;
  partner.role = Role::kPartner;
  partner.birth = Date::Of(1982, 1, 1);
  partner.valid_from = Date::Of(2025, 9, 1);
  h.members.push_back(partner);
  MemberFact lodger;
  lodger.person_id = 3;
  lodger.role = Role::kHousemate;
  lodger.birth = Date::Of(1970, 1, 1);
  lodger.valid_from = Date::Of(2025, 1, 1);
  lodger.valid_until = Date::Of(2026, 1, 15);
  h.members.push_back(lodger);
  h.incomes.push_back({1, Month::Of(2026, 1), Money::Cents(50000), Money::Zero()});
  h.incomes.push_back({2, Month::Of(2026, 1), Money::Zero(), Money::Cents(20000)});
  h.incomes.push_back({1, Month::Of(2026, 2), Money::Cents(70000), Money::Zero()});
  h.periods.push_back({1, PeriodRule::kN, Month::Of(2025, 11)});
  h.assets.push_back({Date::Of(2025, 1, 1), Money::Cents(100000)});
  h.assets.push_back({Date::Of(2026, 2, 1), Money::Cents(300000)});
  return h;
}

TEST(History, AssemblesTheMonthFromFacts) {
  auto jan = InputForMonth(Example(), Month::Of(2026, 1));
  ASSERT_TRUE(jan.ok());
  EXPECT_TRUE(jan->has_partner);
  EXPECT_EQ(jan->housemate_count, 1);  // the lodger leaves on 15 January: present on the 1st
  EXPECT_EQ(jan->applicant.work_income.cents(), 50000);
  EXPECT_EQ(jan->partner.other_income.cents(), 20000);
  EXPECT_EQ(jan->applicant.periods.n_month, 3);
  EXPECT_EQ(jan->vermogen.cents(), 100000);
  auto feb = InputForMonth(Example(), Month::Of(2026, 2));
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->housemate_count, 0);
  EXPECT_EQ(feb->applicant.work_income.cents(), 70000);
  EXPECT_EQ(feb->partner.other_income.cents(), 0);
  EXPECT_EQ(feb->applicant.periods.n_month, 4);
  EXPECT_EQ(feb->vermogen.cents(), 300000);
  auto aug = InputForMonth(Example(), Month::Of(2025, 8));
  ASSERT_TRUE(aug.ok());
  EXPECT_FALSE(aug->has_partner);
  EXPECT_EQ(aug->applicant.periods.n_month, 0);  // the period starts later
}

TEST(History, RefusesContradictoryFacts) {
  HouseholdHistory h = Example();
  MemberFact second = h.members[0];
  second.person_id = 9;
  h.members.push_back(second);
  EXPECT_FALSE(InputForMonth(h, Month::Of(2026, 1)).ok());
  EXPECT_TRUE(InputForMonth(h, Month::Of(2025, 8)).ok());
}

}  // namespace
}  // namespace nabij::pw
