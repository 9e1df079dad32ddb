#include "api/calculator.h"

#include <gtest/gtest.h>

#include "rules/source_rules.h"

namespace nabij::api {
namespace {

constexpr char kSingle[] =
    R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":35}]},
        "parttime":{"hourly_wage":1400,"hours":[0,8,16,24,32,36]}})";

TEST(CalculatorTest, NetMonthlyWageIsHoursTimesWageTimesThirteenThirds) {
  EXPECT_EQ(NetMonthlyWage(Money::Cents(1400), 0), Money::Zero());
  // 1400 × 8 × 13 / 3 = 48533.33 -> 48533
  EXPECT_EQ(NetMonthlyWage(Money::Cents(1400), 8), Money::Cents(48533));
  // 1001 × 1 × 13 / 3 = 4337.67 -> 4338 (half up)
  EXPECT_EQ(NetMonthlyWage(Money::Cents(1001), 1), Money::Cents(4338));
}

TEST(CalculatorTest, ParsesTheEnvelopeAndNamesBadFields) {
  auto ok = ParseCalculatorJson(kSingle);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_TRUE(ok->parttime.has_value());
  EXPECT_EQ(ok->parttime->hours.size(), 6u);
  EXPECT_EQ(ok->parttime->hourly_wage, Money::Cents(1400));

  auto missing = ParseCalculatorJson(R"({"parttime":{"hourly_wage":1,"hours":[]}})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field(), "household");
  auto bad_member = ParseCalculatorJson(R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":"x"}]}})");
  ASSERT_FALSE(bad_member.ok());
  EXPECT_EQ(bad_member.error().field().rfind("household.members[0]", 0), 0u) << bad_member.error().field();
  auto bad_hours = ParseCalculatorJson(
      R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":30}]},"parttime":{"hourly_wage":1400,"hours":[8,61]}})");
  ASSERT_FALSE(bad_hours.ok());
  EXPECT_EQ(bad_hours.error().field(), "parttime.hours[1]");
  auto fraction = ParseCalculatorJson(
      R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":30}]},"parttime":{"hourly_wage":14.5,"hours":[8]}})");
  ASSERT_FALSE(fraction.ok());
  EXPECT_EQ(fraction.error().field(), "parttime.hourly_wage");
  EXPECT_EQ(ParseCalculatorJson("{").error().code(), ErrorCode::kParseError);
  EXPECT_EQ(ParseCalculatorJson(R"({"household":{},"extra":1})").error().code(), ErrorCode::kInvalidArgument);
}

TEST(CalculatorTest, SeriesAddsWageToBenefitAndVrijlatingOnlyInThePeriod) {
  auto req = ParseCalculatorJson(kSingle);
  ASSERT_TRUE(req.ok());
  auto in = pw::BuildCaseInput(req->household.household);
  ASSERT_TRUE(in.ok());
  auto params = pw::Snapshot(rules::SourceRules(), in->month, "");
  ASSERT_TRUE(params.ok());
  auto series = ParttimeSeries(*params, *in, pw::Regime::kArt31, *req->parttime);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->size(), 6u);
  const ParttimePoint& zero = (*series)[0];
  EXPECT_EQ(zero.net_wage, Money::Zero());
  EXPECT_EQ(zero.with_vrijlating.benefit, zero.after_vrijlating.benefit);
  EXPECT_GT(zero.with_vrijlating.benefit, Money::Zero());
  for (const ParttimePoint& p : *series) {
    EXPECT_EQ(p.with_vrijlating.total, p.with_vrijlating.benefit + p.net_wage);
    EXPECT_EQ(p.after_vrijlating.total, p.after_vrijlating.benefit + p.net_wage);
    EXPECT_EQ(p.after_vrijlating.vrijgelaten, Money::Zero()) << p.hours_per_week;
    EXPECT_GE(p.with_vrijlating.total, p.after_vrijlating.total);
    ASSERT_FALSE(p.explanation.empty());
    EXPECT_EQ(p.explanation[0].amount, p.net_wage);
  }
  // 8 hours: some of the wage is disregarded under onder n (25 %, capped), in the first month.
  const ParttimePoint& eight = (*series)[1];
  EXPECT_GT(eight.with_vrijlating.vrijgelaten, Money::Zero());
  EXPECT_LE(eight.with_vrijlating.vrijgelaten, MulDiv(eight.net_wage, 25, 100, Rounding::kUp));
  EXPECT_EQ(eight.explanation[2].article, "Pw art. 31 lid 2 onder n");
  // After the period the benefit falls by exactly the wage while it lasts.
  EXPECT_EQ(eight.after_vrijlating.benefit, zero.after_vrijlating.benefit - eight.net_wage);

  std::string json = ParttimeSeriesJson(*series);
  EXPECT_NE(json.find("\"hours_per_week\":8,\"net_wage\":48533"), std::string::npos) << json.substr(0, 300);
  EXPECT_NE(json.find("\"article\":\"Pw art. 31 lid 2 onder n\""), std::string::npos);
}

}  // namespace
}  // namespace nabij::api
