#include "api/household_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/parameter_set.h"
#include "rules/source_rules.h"

namespace nabij::api {
namespace {

const rules::ParameterSet& Rules() { return rules::SourceRules(); }

TEST(HouseholdJson, ParsesAndCalculatesAnExample) {
  std::ifstream f(std::filesystem::path(NABIJ_SOURCE_DIR) / "examples/alleenstaande-met-broer.json");
  ASSERT_TRUE(f) << "examples/alleenstaande-met-broer.json";
  std::stringstream ss;
  ss << f.rdbuf();
  auto req = ParseHouseholdJson(ss.str());
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  auto in = pw::BuildCaseInput(req->household);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  auto params = pw::Snapshot(Rules(), in->month, req->household.gemeente);
  ASSERT_TRUE(params.ok());
  rules::Trace trace;
  auto d = pw::Calculate(*params, *in, &trace, {req->regime});
  ASSERT_TRUE(d.ok());
  auto out = nlohmann::json::parse(DecisionToJson(*d, *params, &trace, Rules().content_hash()));
  EXPECT_EQ(out["amounts"]["norm"], 100107);
  EXPECT_EQ(out["amounts"]["bijstand"].get<int64_t>(), d->bijstand.cents());
  EXPECT_TRUE(out["amounts"]["bijstand"].is_number_integer());
  EXPECT_EQ(out["rules_version"], Rules().content_hash());
  ASSERT_FALSE(out["trace"].empty());
  for (const auto& step : out["trace"]) EXPECT_FALSE(step["legal_ref"].get<std::string>().empty());
}

TEST(HouseholdJson, BadRequestsGetAClearErrorNamingTheField) {
  struct Case {
    std::string body;
    ErrorCode code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"", ErrorCode::kParseError, ""},
      {"{\"month\": \"2026-01\", ", ErrorCode::kParseError, ""},
      {"[1,2]", ErrorCode::kInvalidArgument, ""},
      {R"({"month": "2026-01"})", ErrorCode::kInvalidArgument, "members"},
      {R"({"month": "2026-01", "members": {}})", ErrorCode::kInvalidArgument, "members"},
      {R"({"month": "2026-13", "members": []})", ErrorCode::kInvalidArgument, "month"},
      {R"({"month": "2026-01", "colour": "red", "members": []})", ErrorCode::kInvalidArgument, "colour"},
      {R"({"month": "2026-01", "members": [{"role": "applicant", "age": 30, "net_work_income": 800.5}]})",
       ErrorCode::kInvalidArgument, "members[0].net_work_income"},
      {R"({"month": "2026-01", "members": [{"role": "applicant", "age": "thirty"}]})", ErrorCode::kInvalidArgument,
       "members[0].age"},
      {R"({"month": "2026-01", "members": [{"role": "applicant", "age": 30}, 5]})", ErrorCode::kInvalidArgument,
       "members[1]"},
      {R"({"month": "2026-01", "members": [{"role": "applicant", "age": 30, "x": null}]})",
       ErrorCode::kInvalidArgument, "members[0].x"},
      {R"({"month": "2026-01", "regime": "future", "members": []})", ErrorCode::kInvalidArgument, "regime"},
      {R"({"month": "2026-01", "vermogen": 18446744073709551615, "members": []})", ErrorCode::kInvalidArgument,
       "vermogen"},
      {std::string(100, '[') + std::string(100, ']'), ErrorCode::kInvalidArgument, ""},
      {std::string(2u << 20, ' '), ErrorCode::kInvalidArgument, ""},
  };
  for (const Case& c : cases) {
    auto r = ParseHouseholdJson(c.body);
    ASSERT_FALSE(r.ok()) << c.body.substr(0, 80);
    EXPECT_EQ(r.error().code(), c.code) << c.body.substr(0, 80) << " -> " << r.error().ToString();
    EXPECT_EQ(r.error().field(), c.field) << c.body.substr(0, 80) << " -> " << r.error().ToString();
    EXPECT_FALSE(r.error().message().empty());
  }
}

// Regression: the fuzzer found that a number beyond the range of a double (4e500) made
// nlohmann-json throw out_of_range, which escaped the adapter and ended the process.
TEST(HouseholdJson, RegressionNumberOverflowIsAParseError) {
  for (const char* body : {R"({"month": "2026-01", "vermogen": 4e500, "members": []})", "[4e500]", "-1e99999"}) {
    auto r = ParseHouseholdJson(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code(), ErrorCode::kParseError) << body;
  }
}

TEST(HouseholdJson, ErrorsAsJson) {
  Status s(ErrorCode::kRuleMissing, "no value", "pw.x", "Pw art. 21");
  auto j = nlohmann::json::parse(StatusToJson(s));
  EXPECT_EQ(j["error"]["code"], "rule_missing");
  EXPECT_EQ(j["error"]["field"], "pw.x");
  EXPECT_EQ(j["error"]["legal_basis"], "Pw art. 21");
}

}  // namespace
}  // namespace nabij::api

namespace nabij::api {
namespace {

// The JSON Schema and the parser must name the same fields, so neither drifts from the other.
TEST(HouseholdSchema, NamesExactlyTheFieldsTheParserAccepts) {
  std::ifstream f(std::filesystem::path(NABIJ_SOURCE_DIR) / "api/household.schema.json");
  ASSERT_TRUE(f);
  auto schema = nlohmann::json::parse(f);
  std::set<std::string> top, members;
  for (const auto& [k, v] : schema["properties"].items()) top.insert(k);
  for (const auto& [k, v] : schema["properties"]["members"]["items"]["properties"].items()) members.insert(k);
  std::set<std::string> want_top{"regime"};
  for (auto n : pw::HouseholdFieldNames()) want_top.insert(std::string(n));
  std::set<std::string> want_members;
  for (auto n : pw::MemberFieldNames()) want_members.insert(std::string(n));
  EXPECT_EQ(top, want_top);
  EXPECT_EQ(members, want_members);
}

}  // namespace
}  // namespace nabij::api
