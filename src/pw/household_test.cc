#include "pw/household.h"

#include <gtest/gtest.h>

namespace nabij::pw {
namespace {

MemberSpec Member(std::initializer_list<std::pair<std::string_view, FieldValue>> fields) {
  MemberSpec m;
  for (const auto& [k, v] : fields) EXPECT_TRUE(SetMemberField(m, k, v).ok()) << k;
  return m;
}

HouseholdSpec Spec() {
  HouseholdSpec s;
  EXPECT_TRUE(SetHouseholdField(s, "month", std::string("2026-01")).ok());
  return s;
}

TEST(HouseholdSpec, BuildsACaseInput) {
  HouseholdSpec s = Spec();
  s.members.push_back(Member({{"role", std::string("applicant")}, {"birth_date", std::string("1990-05-01")},
                              {"net_work_income", int64_t{80000}}, {"vrijlating_n_month", int64_t{3}}}));
  s.members.push_back(Member({{"role", std::string("child")}, {"age", int64_t{4}}}));
  s.members.push_back(Member({{"role", std::string("child")}, {"age", int64_t{9}}}));
  s.members.push_back(Member({{"role", std::string("housemate")}, {"age", int64_t{30}},
                              {"relation", std::string("parent")}, {"education", std::string("none")}}));
  auto in = BuildCaseInput(s);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->applicant.birth, Date::Of(1990, 5, 1));
  EXPECT_EQ(in->applicant.work_income.cents(), 80000);
  EXPECT_EQ(in->applicant.periods.n_month, 3);
  EXPECT_EQ(in->children, 2);
  EXPECT_EQ(in->youngest_child_birth, Date::Of(2022, 1, 1));
  EXPECT_EQ(in->housemate_count, 1);
  EXPECT_EQ(in->housemates[0].relation, Relation::kFirstDegree);
}

TEST(HouseholdSpec, FieldErrorsNameTheField) {
  MemberSpec m;
  EXPECT_EQ(SetMemberField(m, "net_work_income", std::string("800")).field(), "net_work_income");
  EXPECT_EQ(SetMemberField(m, "net_work_income", int64_t{-1}).field(), "net_work_income");
  EXPECT_EQ(SetMemberField(m, "birth_date", std::string("1990-02-30")).field(), "birth_date");
  EXPECT_EQ(SetMemberField(m, "role", std::string("boss")).field(), "role");
  EXPECT_EQ(SetMemberField(m, "relation", std::string("cousin")).field(), "relation");
  EXPECT_EQ(SetMemberField(m, "age", int64_t{200}).field(), "age");
  EXPECT_EQ(SetMemberField(m, "salary", int64_t{1}).field(), "salary");
  EXPECT_EQ(SetMemberField(m, "vrijlating_n_month", int64_t{300}).field(), "vrijlating_n_month");
  HouseholdSpec s;
  EXPECT_EQ(SetHouseholdField(s, "gemeente", std::string("363")).field(), "gemeente");
  EXPECT_EQ(SetHouseholdField(s, "month", std::string("2026-1")).field(), "month");
  EXPECT_EQ(SetHouseholdField(s, "vermogen", true).field(), "vermogen");
}

TEST(HouseholdSpec, RefusesHouseholdsTheEngineCannotPlace) {
  auto error_of = [](HouseholdSpec s) { return BuildCaseInput(s).status(); };
  HouseholdSpec none = Spec();
  EXPECT_EQ(error_of(none).field(), "members");
  HouseholdSpec no_month;
  no_month.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{30}}}));
  EXPECT_EQ(error_of(no_month).field(), "month");
  HouseholdSpec two = Spec();
  two.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{30}}}));
  two.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{31}}}));
  EXPECT_EQ(error_of(two).field(), "members[1].role");
  HouseholdSpec both = Spec();
  both.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{30}},
                                 {"birth_date", std::string("1990-01-01")}}));
  EXPECT_EQ(error_of(both).field(), "members[0].birth_date");
  HouseholdSpec misplaced = Spec();
  misplaced.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{30}}}));
  misplaced.members.push_back(Member({{"role", std::string("child")}, {"age", int64_t{3}},
                                      {"net_work_income", int64_t{100}}}));
  EXPECT_EQ(error_of(misplaced).field(), "members[1].net_work_income");
  HouseholdSpec adult_child = Spec();
  adult_child.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{50}}}));
  adult_child.members.push_back(Member({{"role", std::string("child")}, {"age", int64_t{19}}}));
  EXPECT_EQ(error_of(adult_child).field(), "members[1].role");
  HouseholdSpec crowded = Spec();
  crowded.members.push_back(Member({{"role", std::string("applicant")}, {"age", int64_t{50}}}));
  for (int i = 0; i < kMaxHousemates + 1; ++i) {
    crowded.members.push_back(Member({{"role", std::string("housemate")}, {"age", int64_t{30}}}));
  }
  EXPECT_EQ(error_of(crowded).field(), "members[13]");
  HouseholdSpec unborn = Spec();
  unborn.members.push_back(Member({{"role", std::string("applicant")}, {"birth_date", std::string("2026-02-01")}}));
  EXPECT_EQ(error_of(unborn).field(), "members[0].birth_date");
}

}  // namespace
}  // namespace nabij::pw
