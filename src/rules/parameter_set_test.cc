#include "rules/parameter_set.h"

#include <gtest/gtest.h>

#include <fstream>

#include "rules/trace.h"

namespace nabij::rules {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNorm = R"(id: pw.norm.alleenstaande_21_tot_aow
title: Norm alleenstaande 21 jaar tot AOW-leeftijd
type: amount
unit: per_maand
legal_basis: {law: Participatiewet, bwb: BWBR0015703, article: "21", onderdeel: a}
values:
  2025-07-01:
    value: 136906
    publication: "wetten.overheid.nl/BWBR0015703/2025-07-01"
  2026-01-01:
    value: 140150
    publication: "wetten.overheid.nl/BWBR0015703/2026-01-01"
)";

// Replaces the first occurrence of `from` in kNorm by `to`.
std::string NormWith(const std::string& from, const std::string& to) {
  std::string s = kNorm;
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

TEST(ParseParameter, ReadsAValidFile) {
  auto p = ParameterSet::ParseParameter(kNorm, "n.yaml");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->id, "pw.norm.alleenstaande_21_tot_aow");
  ASSERT_EQ(p->values.size(), 2u);
  EXPECT_EQ(p->values[1].amount.cents(), 140150);
  EXPECT_EQ(p->values[1].basis.Cite(), "Pw art. 21 onder a");
  EXPECT_EQ(p->At(Date::Of(2025, 12, 31))->amount.cents(), 136906);
  EXPECT_EQ(p->At(Date::Of(2026, 1, 1))->amount.cents(), 140150);
  EXPECT_EQ(p->At(Date::Of(2025, 6, 30)), nullptr);
  EXPECT_EQ(p->values[1].Display(p->type, p->unit), "€ 1.401,50 per maand");
}

struct BadCase {
  std::string from, to, expect_in_message;
  int expect_line;
};

TEST(ParseParameter, RefusesBadFilesNamingLineAndProblem) {
  const std::vector<BadCase> cases = {
      {"value: 140150", "value: 1401.50", "integer eurocents", 11},
      {"value: 140150", "value: \"140150\"", "bare whole number", 11},
      {"2026-01-01:", "2025-01-01:", "must ascend", 11},
      {"2026-01-01:", "2026-02-30:", "not a valid calendar date", 11},
      {"title:", "titel:", "unknown key 'titel'", 2},
      {"legal_basis: {law: Participatiewet, bwb: BWBR0015703, article: \"21\", onderdeel: a}\n", "", "no legal basis", 7},
      {"    publication: \"wetten.overheid.nl/BWBR0015703/2026-01-01\"\n", "", "missing 'publication'", 11},
      {"type: amount", "type: money", "type must be", 3},
      {"unit: per_maand", "unit: per_week", "needs unit", 3},
      {"id: pw.norm.alleenstaande_21_tot_aow", "id: Pw.Norm", "lower-case", 1},
      {"values:", "values: []\nold:", "unknown key 'old'", 7},
      {"  2025-07-01:\n    value: 136906\n    publication: \"wetten.overheid.nl/BWBR0015703/2025-07-01\"\n",
       "  2025-07-01: 5\n", "must have value", 7},
      {"article: \"21\",", "article: \"21\", lid: [1],", "legal_basis.lid must be text", 5},
  };
  for (const auto& c : cases) {
    auto p = ParameterSet::ParseParameter(NormWith(c.from, c.to), "rules/x.yaml");
    ASSERT_FALSE(p.ok()) << c.to;
    EXPECT_NE(p.error().message().find(c.expect_in_message), std::string::npos)
        << c.to << " -> " << p.error().ToString();
    EXPECT_EQ(p.error().field(), "rules/x.yaml:" + std::to_string(c.expect_line))
        << c.to << " -> " << p.error().ToString();
  }
}

TEST(ParseParameter, PercentagesAreQuotedDecimalStrings) {
  const char* ok = R"(id: a.b
title: t
type: percentage
legal_basis: {law: Participatiewet, bwb: BWBR0015703, article: "31", lid: "2", onderdeel: r}
values:
  2024-01-01: {value: "12.5", publication: p}
)";
  auto p = ParameterSet::ParseParameter(ok, "p.yaml");
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->values[0].ratio, Ratio::Of(1, 8));
  EXPECT_EQ(p->values[0].basis.Cite(), "Pw art. 31 lid 2 onder r");
  std::string unquoted = ok;
  unquoted.replace(unquoted.find("\"12.5\""), 6, "12.5");
  auto bad = ParameterSet::ParseParameter(unquoted, "p.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("quoted"), std::string::npos);
}

TEST(ParseParameter, MalformedYamlIsAParseErrorNotACrash) {
  for (const char* text : {"", "[", "id: [", "{a: 1, a: 2}", "- - - - -", "\t\tfoo: :", "a: *nope",
                           "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}) {
    auto p = ParameterSet::ParseParameter(text, "f.yaml");
    EXPECT_FALSE(p.ok()) << text;
  }
}

class TreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("nabij_rules_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "nl/pw");
    fs::create_directories(root_ / "nl/pw/tests");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) {
    std::ofstream(root_ / rel) << text;
  }
  fs::path root_;
};

constexpr const char* kOpenTerm = R"(id: pw.giften.gemeentelijk_beleid_per_jaar
title: Giften vrij per jaar volgens gemeentelijk beleid
type: amount
unit: per_jaar
open_term: true
delegated_to: college
legal_basis: {law: Participatiewet, bwb: BWBR0015703, article: "31", lid: "2", onderdeel: m}
values:
  2023-01-01: {value: 0, publication: "standaard: geen gemeentelijk beleid"}
)";

TEST_F(TreeTest, OpenTermsFallBackToTheDefault) {
  Write("nl/pw/norm.yaml", kNorm);
  Write("nl/pw/giften.yaml", kOpenTerm);
  Write("nl/pw/tests/golden.yaml", "this is not a parameter file and is skipped: [");
  fs::create_directories(root_ / "gemeenten/9999");
  Write("gemeenten/9999/gemeente.yaml", "code: \"9999\"\nname: Demodorp (fictief)\n");
  Write("gemeenten/9999/giften.yaml", R"(fills: pw.giften.gemeentelijk_beleid_per_jaar
values:
  2024-01-01: {value: 120000, publication: "fictief", legal_basis: {law: Beleidsregels Demodorp, article: "1"}}
)");
  auto set = ParameterSet::Load(root_);
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  Date d = Date::Of(2024, 6, 1);
  EXPECT_EQ((*set->Find("pw.giften.gemeentelijk_beleid_per_jaar", d))->amount.cents(), 0);
  EXPECT_EQ((*set->Find("pw.giften.gemeentelijk_beleid_per_jaar", d, "9999"))->amount.cents(), 120000);
  EXPECT_EQ((*set->Find("pw.giften.gemeentelijk_beleid_per_jaar", d, "9999"))->basis.Cite(),
            "Beleidsregels Demodorp art. 1");
  // before the municipality's first value, the default holds
  EXPECT_EQ((*set->Find("pw.giften.gemeentelijk_beleid_per_jaar", Date::Of(2023, 6, 1), "9999"))->amount.cents(), 0);
  // a parameter the municipality did not fill
  EXPECT_EQ((*set->Find("pw.norm.alleenstaande_21_tot_aow", Date::Of(2026, 2, 1), "9999"))->amount.cents(), 140150);
  auto missing = set->Find("pw.norm.alleenstaande_21_tot_aow", Date::Of(2020, 1, 1));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kRuleMissing);
  EXPECT_EQ(missing.error().legal_basis(), "Pw art. 21 onder a");
  EXPECT_EQ(set->Find("nope", d).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(set->Find("pw.norm.alleenstaande_21_tot_aow", d, "0001").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(set->content_hash().size(), 16u);
}

TEST_F(TreeTest, AMunicipalityMayOnlyFillOpenTerms) {
  Write("nl/pw/norm.yaml", kNorm);
  fs::create_directories(root_ / "gemeenten/9999");
  Write("gemeenten/9999/gemeente.yaml", "code: \"9999\"\nname: Demodorp\n");
  Write("gemeenten/9999/norm.yaml", R"(fills: pw.norm.alleenstaande_21_tot_aow
values:
  2024-01-01: {value: 1, publication: x, legal_basis: {law: x, article: "1"}}
)");
  auto issues = ParameterSet::Lint(root_);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("set by law"), std::string::npos) << issues[0].ToString();
  EXPECT_EQ(issues[0].file, "gemeenten/9999/norm.yaml");
  EXPECT_FALSE(ParameterSet::Load(root_).ok());
}

TEST_F(TreeTest, LintReportsEveryProblemAndDuplicateIds) {
  Write("nl/pw/a.yaml", kNorm);
  Write("nl/pw/b.yaml", kNorm);
  Write("nl/pw/c.yaml", NormWith("value: 140150", "value: 1401.5"));
  auto issues = ParameterSet::Lint(root_);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_NE(issues[0].message.find("also used by nl/pw/a.yaml"), std::string::npos) << issues[0].ToString();
  EXPECT_EQ(issues[1].ToString().rfind("nl/pw/c.yaml:11: ", 0), 0u) << issues[1].ToString();
}

TEST_F(TreeTest, TheHashChangesWithTheContent) {
  Write("nl/pw/a.yaml", kNorm);
  std::string h1 = ParameterSet::Load(root_)->content_hash();
  Write("nl/pw/a.yaml", NormWith("value: 140150", "value: 140151"));
  EXPECT_NE(ParameterSet::Load(root_)->content_hash(), h1);
}

TEST(Trace, RecordsParameterSteps) {
  auto p = ParameterSet::ParseParameter(kNorm, "n.yaml");
  ASSERT_TRUE(p.ok());
  Trace t;
  t.Param("Norm", p->values[1].amount, *p, p->values[1]);
  t.Formula("Bijstand", Money::Cents(5), "pw.formule.bijstand", "Pw art. 19 lid 2");
  ASSERT_EQ(t.steps().size(), 2u);
  EXPECT_EQ(t.steps()[0].legal_ref, "Pw art. 21 onder a");
  EXPECT_EQ(t.steps()[0].param_value, "€ 1.401,50 per maand");
  EXPECT_EQ(*t.steps()[0].effective, Date::Of(2026, 1, 1));
  EXPECT_FALSE(t.steps()[1].effective.has_value());
}

}  // namespace
}  // namespace nabij::rules
