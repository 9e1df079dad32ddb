#include "base/ids.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace nabij {
namespace {

// Synthetic numbers that pass the elfproef; they belong to nobody we know of.
TEST(Bsn, AcceptsNumbersThatPassTheElfproef) {
  auto b = Bsn::Parse("111222333");  // 9+8+7+12+10+8+9+6-3 = 66 = 6 * 11
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->Masked(), "*****2333");
  EXPECT_TRUE(Bsn::Parse("123456782").ok());
  EXPECT_EQ(Bsn::Parse("12345672")->digits(), "012345672");  // 8 digits, leading zero padded
}

TEST(Bsn, RefusesOthersWithoutEchoingTheNumber) {
  for (const char* bad : {"111222334", "000000000", "12345678a", "1234567", "1234567890", ""}) {
    auto b = Bsn::Parse(bad);
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_EQ(b.error().field(), "bsn");
    if (std::string(bad).size() > 3) {
      EXPECT_EQ(b.error().message().find(bad), std::string::npos);
    }
  }
}

TEST(Bsn, DemoNumbersPassTheElfproefAndDiffer) {
  std::set<std::string> seen;
  for (uint64_t n = 0; n < 20'000; ++n) {
    Bsn b = DemoBsn(n);
    auto again = Bsn::Parse(b.digits());  // the same checks as any number typed in
    ASSERT_TRUE(again.ok()) << n;
    EXPECT_EQ(b.digits()[0], '9');
    EXPECT_TRUE(seen.insert(b.digits()).second) << n;
  }
  EXPECT_EQ(DemoBsn(123'456).digits().substr(1, 6), "123456");
  EXPECT_EQ(DemoBsn(1'000'000), DemoBsn(0));  // wraps
}

TEST(Iban, ChecksMod97AndLength) {
  auto i = Iban::Parse("nl91 abna 0417 1643 00");
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->text(), "NL91ABNA0417164300");
  EXPECT_EQ(i->country(), "NL");
  EXPECT_TRUE(Iban::Parse("DE89370400440532013000").ok());
  EXPECT_TRUE(Iban::Parse("BE68539007547034").ok());
  EXPECT_FALSE(Iban::Parse("NL92ABNA0417164300").ok());   // check digits
  EXPECT_FALSE(Iban::Parse("NL91ABNA041716430").ok());    // length for NL
  EXPECT_FALSE(Iban::Parse("NL91ABNA04171643-0").ok());   // character
  EXPECT_FALSE(Iban::Parse("1291ABNA0417164300").ok());   // country
}

}  // namespace
}  // namespace nabij
