#include "golden/golden.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nabij::golden {
namespace {

namespace fs = std::filesystem;

// The shared test vectors (shared/testvectors/participatiewet.yaml) per section: every one of them
// must appear among the golden cases, citing its section.
const std::map<std::string, int>& SharedVectorsPerSection() {
  static const std::map<std::string, int> kCounts{
      {"norms", 7},      {"vakantietoeslag_split", 2}, {"kostendelersnorm", 9},
      {"vrijlating", 6}, {"beslagvrije_voet", 4},      {"vermogen", 1},
      {"deadlines", 1},
  };
  return kCounts;
}
constexpr int kSharedVectors = 30;
constexpr std::string_view kSharedSource = "shared/testvectors/participatiewet.yaml#";

class GoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = rules::ParameterSet::Load(fs::path(NABIJ_SOURCE_DIR) / "rules");
    ASSERT_TRUE(set.ok()) << set.error().ToString();
    rules_ = std::make_unique<rules::ParameterSet>(std::move(*set));
  }
  static void TearDownTestSuite() { rules_.reset(); }

  static std::unique_ptr<rules::ParameterSet> rules_;
};
std::unique_ptr<rules::ParameterSet> GoldenTest::rules_;

TEST_F(GoldenTest, EveryCaseOfTheRulesTreePasses) {
  auto results = RunGoldenCases(*rules_, fs::path(NABIJ_SOURCE_DIR) / "rules");
  ASSERT_TRUE(results.ok()) << results.error().ToString();
  int passed = 0;
  for (const CaseResult& r : *results) {
    EXPECT_TRUE(r.passed) << r.ToString();
    passed += r.passed ? 1 : 0;
  }
  EXPECT_GE(static_cast<int>(results->size()), kSharedVectors);
  EXPECT_EQ(passed, static_cast<int>(results->size()));
}

TEST_F(GoldenTest, EverySharedTestVectorHasAGoldenCase) {
  auto results = RunGoldenCases(*rules_, fs::path(NABIJ_SOURCE_DIR) / "rules");
  ASSERT_TRUE(results.ok()) << results.error().ToString();
  std::map<std::string, int> seen;
  int shared = 0;
  for (const CaseResult& r : *results) {
    if (!r.source.starts_with(kSharedSource)) continue;
    ++shared;
    std::string rest = r.source.substr(kSharedSource.size());
    ++seen[rest.substr(0, rest.find(';'))];
  }
  EXPECT_EQ(shared, kSharedVectors);
  EXPECT_EQ(seen, SharedVectorsPerSection());
}

TEST_F(GoldenTest, MissingRulesRootIsAnError) {
  auto results = RunGoldenCases(*rules_, fs::path(NABIJ_SOURCE_DIR) / "no-such-rules-dir");
  ASSERT_FALSE(results.ok());
  EXPECT_EQ(results.error().code(), ErrorCode::kNotFound);
}

// A temporary rules tree with golden files written by the test; removed afterwards.
class GoldenTreeTest : public GoldenTest {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(::testing::TempDir()) / (std::string("nabij_golden_") + info->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "nl/x/tests");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }

  std::vector<CaseResult> Run() {
    auto results = RunGoldenCases(*rules_, root_);
    EXPECT_TRUE(results.ok()) << results.error().ToString();
    return results.ok() ? *results : std::vector<CaseResult>{};
  }

  fs::path root_;
};

// Line numbers below refer to this text (line 1 is "cases:").
constexpr const char* kMixed = R"(cases:
  - name: right
    source: test
    kind: household
    month: 2024-07
    household: [{role: applicant, age: 30, net_work_income: 80000, vrijlating_n_month: 3}]
    expect: {vrijlating: 20000, bijstand: 70845}
  - name: wrong by one cent
    source: test
    kind: household
    month: 2024-07
    household: [{role: applicant, age: 30, net_work_income: 80000, vrijlating_n_month: 3}]
    expect: {vrijlating: 20000, bijstand: 70846}
  - name: unknown key
    source: test
    kind: household
    month: 2024-07
    houshold: [{role: applicant, age: 30}]
    expect: {norm: 130845}
  - name: no expect
    source: test
    kind: household
    month: 2024-07
    household: [{role: applicant, age: 30}]
  - name: bad kind
    source: test
    kind: pension
    month: 2024-07
    expect: {norm: 1}
  - name: figure the kind cannot produce
    source: test
    kind: household
    month: 2024-07
    household: [{role: applicant, age: 30}]
    expect: {norm: 130845, maximum: 1}
  - name: quoted age is text
    source: test
    kind: household
    month: 2024-07
    household:
      - {role: applicant, age: "30"}
    expect: {norm: 130845}
  - name: wrong date
    source: test
    kind: zoektermijn
    melding: 2026-03-02
    applicant_age: 24
    expect: {earliest_application: 2026-03-31}
)";

TEST_F(GoldenTreeTest, WrongAndMalformedCasesFailWithFileAndLine) {
  Write("nl/x/tests/mixed.yaml", kMixed);
  std::vector<CaseResult> r = Run();
  ASSERT_EQ(r.size(), 8u);
  const std::string file = "nl/x/tests/mixed.yaml";
  for (const CaseResult& c : r) EXPECT_EQ(c.file, file);

  EXPECT_TRUE(r[0].passed) << r[0].ToString();
  EXPECT_EQ(r[0].line, 2);

  EXPECT_FALSE(r[1].passed);
  EXPECT_EQ(r[1].name, "wrong by one cent");
  EXPECT_EQ(r[1].line, 8);
  EXPECT_EQ(r[1].mismatches, std::vector<std::string>{"bijstand: expected 70846, got 70845"});
  EXPECT_TRUE(r[1].error.empty());

  EXPECT_FALSE(r[2].passed);
  EXPECT_TRUE(r[2].error.starts_with(file + ":18: unknown key 'houshold'")) << r[2].error;

  EXPECT_FALSE(r[3].passed);
  EXPECT_TRUE(r[3].error.starts_with(file + ":20: expect: missing")) << r[3].error;

  EXPECT_FALSE(r[4].passed);
  EXPECT_TRUE(r[4].error.starts_with(file + ":27: kind: must be one of")) << r[4].error;

  EXPECT_FALSE(r[5].passed);
  EXPECT_TRUE(r[5].error.starts_with(
      file + ":35: expect.maximum: a case of kind household cannot produce it"))
      << r[5].error;

  EXPECT_FALSE(r[6].passed);
  EXPECT_TRUE(r[6].error.starts_with(file + ":41: household[0].age: must be a whole number"))
      << r[6].error;

  EXPECT_FALSE(r[7].passed);
  EXPECT_EQ(r[7].mismatches,
            std::vector<std::string>{"earliest_application: expected 2026-03-31, got 2026-03-30"});
}

TEST_F(GoldenTreeTest, EveryKindComparesItsFigures) {
  Write("nl/x/tests/kinds.yaml", R"(cases:
  - name: bvv from a norm, wrong garnishable
    source: test
    kind: bvv
    month: 2021-01
    norm: 107544
    expect: {bvv: 102167, garnishable: 5378}
  - name: bvv from a household, both wrong
    source: test
    kind: bvv
    month: 2026-01
    household: [{role: applicant, age: 40}]
    expect: {bvv: 133142, garnishable: 7008}
  - name: maximum, wrong
    source: test
    kind: bvv_maximum
    month: 2026-07
    huishouden: alleenstaande
    expect: {maximum: 220849}
  - name: vermogen, wrong
    source: test
    kind: household
    month: 2026-02
    household: [{role: applicant, age: 40}]
    household_fields: {vermogen: 800001}
    expect: {eligible: true, kostendelers: 0}
)");
  std::vector<CaseResult> r = Run();
  ASSERT_EQ(r.size(), 4u);
  for (const CaseResult& c : r) {
    EXPECT_FALSE(c.passed);
    EXPECT_TRUE(c.error.empty()) << c.error;
  }
  EXPECT_EQ(r[0].mismatches, std::vector<std::string>{"garnishable: expected 5378, got 5377"});
  EXPECT_EQ(r[1].mismatches, (std::vector<std::string>{"bvv: expected 133142, got 133143",
                                                       "garnishable: expected 7008, got 7007"}));
  EXPECT_EQ(r[2].mismatches, std::vector<std::string>{"maximum: expected 220849, got 220848"});
  EXPECT_EQ(r[3].mismatches, std::vector<std::string>{"eligible: expected true, got false"});
}

TEST_F(GoldenTreeTest, InputErrorsAreFailuresNotCrashes) {
  Write("nl/x/tests/inputs.yaml", R"(cases:
  - name: applicant under 18
    source: test
    kind: household
    month: 2026-01
    household: [{role: applicant, age: 17}]
    expect: {norm: 1}
  - name: no applicant
    source: test
    kind: household
    month: 2026-01
    household: [{role: housemate, age: 40}]
    expect: {norm: 1}
  - name: month before the rules
    source: test
    kind: household
    month: 1990-01
    household: [{role: applicant, age: 40}]
    expect: {norm: 1}
  - name: amount as a float
    source: test
    kind: household
    month: 2026-01
    household: [{role: applicant, age: 40}]
    expect: {norm: 1401.50}
  - name: norm and household both given
    source: test
    kind: bvv
    month: 2026-01
    norm: 140150
    household: [{role: applicant, age: 40}]
    expect: {bvv: 1}
  - name: unquoted gemeente
    source: test
    kind: household
    month: 2026-01
    gemeente: 9999
    household: [{role: applicant, age: 40}]
    expect: {norm: 140150}
  - name: unquoted gemeente
    source: test
    kind: household
    month: 2026-01
    household: [{role: applicant, age: 40}]
    expect: {norm: 140150}
)");
  std::vector<CaseResult> r = Run();
  ASSERT_EQ(r.size(), 7u);
  for (const CaseResult& c : r) {
    EXPECT_FALSE(c.passed) << c.ToString();
    EXPECT_TRUE(c.mismatches.empty()) << c.ToString();
    EXPECT_TRUE(c.error.starts_with("nl/x/tests/inputs.yaml:")) << c.error;
  }
  EXPECT_NE(r[0].error.find("engine: failed_precondition"), std::string::npos) << r[0].error;
  EXPECT_NE(r[1].error.find("applicant"), std::string::npos) << r[1].error;
  EXPECT_NE(r[2].error.find("rules snapshot"), std::string::npos) << r[2].error;
  EXPECT_NE(r[3].error.find(":25: expect.norm: must be a whole number"), std::string::npos)
      << r[3].error;
  EXPECT_NE(r[4].error.find("either norm"), std::string::npos) << r[4].error;
  EXPECT_NE(r[5].error.find(":37: gemeente:"), std::string::npos) << r[5].error;
  EXPECT_NE(r[6].error.find(":40: name: another case in this file"), std::string::npos)
      << r[6].error;
}

TEST_F(GoldenTreeTest, BrokenFilesFailAndOnlyTestsFoldersRun) {
  Write("nl/x/tests/broken.yaml", "cases:\n  - name: a\n    kind: [unclosed\n");
  Write("nl/x/tests/not_cases.yaml", "tests:\n  - name: a\n");
  Write("nl/x/tests/empty.yaml", "cases: []\n");
  // Not in a tests/ folder: a parameter file, never run as golden cases.
  Write("nl/x/parameter.yaml", "cases:\n  - name: a\n");
  Write("nl/x/tests/sub/deeper.yaml", "cases:\n  - name: a\n");
  std::vector<CaseResult> r = Run();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].file, "nl/x/tests/broken.yaml");
  EXPECT_TRUE(r[0].error.starts_with("nl/x/tests/broken.yaml:")) << r[0].error;
  EXPECT_NE(r[0].error.find("not valid YAML"), std::string::npos) << r[0].error;
  EXPECT_EQ(r[1].file, "nl/x/tests/empty.yaml");
  EXPECT_TRUE(r[1].error.starts_with("nl/x/tests/empty.yaml:1: cases: must be a non-empty list"))
      << r[1].error;
  EXPECT_EQ(r[2].file, "nl/x/tests/not_cases.yaml");
  EXPECT_TRUE(r[2].error.starts_with("nl/x/tests/not_cases.yaml:1: unknown key 'tests'"))
      << r[2].error;
  for (const CaseResult& c : r) EXPECT_FALSE(c.passed);
}

}  // namespace
}  // namespace nabij::golden
