#include "base/money.h"

#include <gtest/gtest.h>

namespace nabij {
namespace {

TEST(Money, AddsAndCompares) {
  Money a = Money::Cents(140150);
  Money b = Money::Cents(7007);
  EXPECT_EQ((a - b).cents(), 133143);
  EXPECT_EQ((a + b).cents(), 147157);
  EXPECT_LT(b, a);
  EXPECT_EQ(Min(a, b), b);
  EXPECT_EQ(Max(a, b), a);
  EXPECT_EQ(Money::Euros(8000).cents(), 800000);
  EXPECT_EQ(b.Times(3).cents(), 21021);
}

TEST(Money, MulDivRoundsOnceAsAsked) {
  Money norm = Money::Cents(140150);
  // 95 % of 1.401,50 = 1.331,425
  EXPECT_EQ(MulDiv(norm, 95, 100, Rounding::kHalfUp).cents(), 133143);
  EXPECT_EQ(MulDiv(norm, 95, 100, Rounding::kDown).cents(), 133142);
  EXPECT_EQ(MulDiv(norm, 95, 100, Rounding::kUp).cents(), 133143);
  // exact results are not moved by any rounding
  EXPECT_EQ(MulDiv(Money::Cents(80000), 25, 100, Rounding::kUp).cents(), 20000);
  // negative amounts: half away from zero, down toward minus infinity
  EXPECT_EQ(MulDiv(Money::Cents(-5), 1, 2, Rounding::kHalfUp).cents(), -3);
  EXPECT_EQ(MulDiv(Money::Cents(-5), 1, 2, Rounding::kDown).cents(), -3);
  EXPECT_EQ(MulDiv(Money::Cents(-5), 1, 2, Rounding::kUp).cents(), -2);
  EXPECT_EQ(MulDiv(Money::Cents(5), 1, 3, Rounding::kHalfUp).cents(), 2);
  EXPECT_EQ(MulDiv(Money::Cents(4), 1, 3, Rounding::kHalfUp).cents(), 1);
}

TEST(Money, MulDivDoesNotOverflowIn128Bits) {
  Money big = Money::Cents(INT64_MAX / 2);
  EXPECT_EQ(MulDiv(big, 2, 2, Rounding::kHalfUp), big);
}

TEST(Ratio, ParsesPercentStrings) {
  auto r = Ratio::ParsePercent("12.5");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Ratio::Of(1, 8));
  EXPECT_EQ(*Ratio::ParsePercent("25"), Ratio::Of(1, 4));
  EXPECT_EQ(*Ratio::ParsePercent("47.5"), Ratio::Of(475, 1000));
  EXPECT_EQ(Ratio::ParsePercent("12.5")->ToPercentString(), "12,5 %");
  EXPECT_EQ(Ratio::ParsePercent("25")->ToPercentString(), "25 %");
  for (const char* bad : {"", "-5", "1e3", "12,5", "12.", ".5", "abc", "1.2.3", "0.0000001"}) {
    EXPECT_FALSE(Ratio::ParsePercent(bad).ok()) << bad;
  }
}

TEST(Money, FormatsInDutchNotation) {
  EXPECT_EQ(FormatEuro(Money::Cents(140150)), "€ 1.401,50");
  EXPECT_EQ(FormatEuro(Money::Cents(5)), "€ 0,05");
  EXPECT_EQ(FormatEuro(Money::Cents(-120000000)), "-€ 1.200.000,00");
  EXPECT_EQ(FormatEuro(Money::Cents(INT64_MIN)), "-€ 92.233.720.368.547.758,08");
  EXPECT_EQ(FormatDecimal(Money::Cents(140150)), "1401.50");
  EXPECT_EQ(FormatDecimal(Money::Cents(-7)), "-0.07");
}

TEST(Money, ParsesIntegerCentsOnly) {
  EXPECT_EQ(ParseCents("140150")->cents(), 140150);
  EXPECT_EQ(ParseCents("-5")->cents(), -5);
  for (const char* bad : {"", "14.50", "1e3", "+5", "12a", "99999999999999999999"}) {
    EXPECT_FALSE(ParseCents(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace nabij
