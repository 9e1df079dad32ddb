#include "sim/population.h"

#include <gtest/gtest.h>

#include <array>

#include "pw/bijstand.h"
#include "pw/params.h"
#include "sim/batch_csv.h"
#include "sim/test_util.h"

namespace nabij::sim {
namespace {

using testing::Difference;
using testing::Rules;

const Month kMonth = Month::Of(2026, 1);

TEST(Population, DeterministicPerSeedAndIndex) {
  std::vector<pw::CaseInput> a, b, small;
  GeneratePopulation(7, 1000, kMonth, a);
  GeneratePopulation(7, 1000, kMonth, b);
  GeneratePopulation(7, 10, kMonth, small);
  ASSERT_EQ(a.size(), 1000u);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(Difference(a[i], b[i]), "") << i;
  // Household i does not depend on how many are generated.
  for (size_t i = 0; i < small.size(); ++i) ASSERT_EQ(Difference(a[i], small[i]), "") << i;
  EXPECT_EQ(Difference(a[500], GenerateHousehold(7, 500, kMonth)), "");
  // Another seed gives another population.
  std::vector<pw::CaseInput> c;
  GeneratePopulation(8, 1000, kMonth, c);
  int same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += Difference(a[i], c[i]).empty() ? 1 : 0;
  EXPECT_LT(same, 10);
}

TEST(Population, PinnedOutputDoesNotDrift) {
  // The generator uses integer arithmetic only, so its output is the same on every platform and
  // compiler. This pins it: a change to the generator shows here, and then docs/population.md and
  // the figures in bench/RESULTS.md must be checked and this value updated.
  std::string text;
  for (uint64_t i = 0; i < 1000; ++i) {
    ASSERT_TRUE(AppendInputRow(text, "h" + std::to_string(i), "", GenerateHousehold(1, i, kMonth)).ok());
  }
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  EXPECT_EQ(hash, 0x3069b0e0afcb0566ULL) << std::hex << hash;
  EXPECT_EQ(GenerateHousehold(1, 0, kMonth).applicant.birth.ToString(), "1988-01-13");

  std::vector<std::string_view> g{"", "9999"};
  int demodorp = 0;
  for (uint64_t i = 0; i < 1000; ++i) demodorp += GeneratedGemeente(1, i, g) == "9999" ? 1 : 0;
  EXPECT_GT(demodorp, 430);
  EXPECT_LT(demodorp, 570);
  EXPECT_EQ(GeneratedGemeente(1, 5, {}), "");
}

// The shares of docs/population.md, measured on 100,000 households, every one computed by the
// engine. The bounds are the documented figure plus or minus a margin far above the sampling
// error (about 0.15 percentage point at this N).
TEST(Population, SharesMatchTheDocumentation) {
  constexpr size_t kN = 100000;
  auto params = pw::Snapshot(Rules(), kMonth);
  ASSERT_TRUE(params.ok());
  std::array<size_t, 5> kinds{};
  size_t under27 = 0, aow = 0, with_work = 0, kostendelers = 0, with_housemates = 0, other_income = 0;
  size_t vermogen_boven = 0, zero_bijstand = 0, adults = 0, adults_with_work = 0, young_child = 0, with_children = 0;
  const Date first = kMonth.first_day();
  for (size_t i = 0; i < kN; ++i) {
    pw::CaseInput in = GenerateHousehold(42, i, kMonth);
    ++kinds[static_cast<size_t>(GeneratedKind(42, i))];
    int age = AgeInYears(in.applicant.birth, first);
    under27 += age < 27 ? 1 : 0;
    aow += in.applicant.birth <= params->born_by_aow ? 1 : 0;
    bool work = in.applicant.work_income > Money::Zero() || (in.has_partner && in.partner.work_income > Money::Zero());
    with_work += work ? 1 : 0;
    adults += in.has_partner ? 2 : 1;
    adults_with_work += (in.applicant.work_income > Money::Zero() ? 1 : 0) +
                        (in.has_partner && in.partner.work_income > Money::Zero() ? 1 : 0);
    if (in.children > 0) {
      ++with_children;
      young_child += AgeInYears(in.youngest_child_birth, first) < 5 ? 1 : 0;
    }
    other_income += in.applicant.other_income > Money::Zero() ? 1 : 0;
    with_housemates += in.housemate_count > 0 ? 1 : 0;
    auto d = pw::Calculate(*params, in, nullptr);
    ASSERT_TRUE(d.ok()) << i << ": " << d.status().ToString();
    kostendelers += d->a > 0 ? 1 : 0;  // the kostendelersnorm applied
    vermogen_boven += d->vermogen_boven_grens ? 1 : 0;
    zero_bijstand += d->bijstand == Money::Zero() ? 1 : 0;
  }
  auto pct = [](size_t k) { return 100.0 * static_cast<double>(k) / static_cast<double>(kN); };
  EXPECT_NEAR(pct(kinds[0] + kinds[1]), 64, 1);  // singles, institution included
  EXPECT_NEAR(pct(kinds[2]), 21, 1);             // single parents
  EXPECT_NEAR(pct(kinds[3] + kinds[4]), 15, 1);  // couples
  EXPECT_NEAR(pct(under27), 10, 1.5);
  EXPECT_NEAR(pct(aow), 7, 1.5);
  EXPECT_NEAR(pct(kostendelers), 12, 2.5);
  EXPECT_NEAR(pct(with_work), 9.5, 1.5);
  EXPECT_NEAR(100.0 * static_cast<double>(adults_with_work) / static_cast<double>(adults), 8, 1);
  EXPECT_NEAR(100.0 * static_cast<double>(young_child) / static_cast<double>(with_children), 34, 3);
  EXPECT_NEAR(pct(other_income), 12, 1);
  EXPECT_NEAR(pct(vermogen_boven), 3, 1);
  std::printf("population (seed 42, N %zu, %s): singles %.1f%%, single parents %.1f%%, couples %.1f%%, "
              "under 27 %.1f%%, AOW age %.1f%%, kostendelersnorm %.1f%%, any housemate %.1f%%, work %.1f%% "
              "(adults %.1f%%), "
              "other income %.1f%%, vermogen above limit %.1f%%, bijstand 0 %.1f%%\n",
              kN, kMonth.ToString().c_str(), pct(kinds[0] + kinds[1]), pct(kinds[2]), pct(kinds[3] + kinds[4]),
              pct(under27), pct(aow), pct(kostendelers), pct(with_housemates), pct(with_work),
              100.0 * static_cast<double>(adults_with_work) / static_cast<double>(adults), pct(other_income),
              pct(vermogen_boven), pct(zero_bijstand));
}

}  // namespace
}  // namespace nabij::sim
