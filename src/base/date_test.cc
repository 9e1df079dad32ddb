#include "base/date.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace nabij {
namespace {

TEST(Date, ParsesAndPrintsIso) {
  auto d = Date::Parse("2026-03-02");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ToString(), "2026-03-02");
  EXPECT_EQ(d->AddDays(28).ToString(), "2026-03-30");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-01", "20260101", "", "abcd-ef-gh",
                          "1899-12-31", "2026-00-10", "2026-01-32"}) {
    EXPECT_FALSE(Date::Parse(bad).ok()) << bad;
  }
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::Of(2024, 1, 31).AddMonths(1), Date::Of(2024, 2, 29));
  EXPECT_EQ(Date::Of(2024, 2, 29).AddYears(1), Date::Of(2025, 2, 28));
  EXPECT_EQ(Date::Of(2025, 12, 15).AddMonths(2), Date::Of(2026, 2, 15));
  EXPECT_EQ(Date::Of(2025, 3, 15).AddMonths(-3), Date::Of(2024, 12, 15));
}

TEST(Date, AgeInYearsCountsCompletedYears) {
  Date birth = Date::Of(2000, 6, 15);
  EXPECT_EQ(AgeInYears(birth, Date::Of(2021, 6, 14)), 20);
  EXPECT_EQ(AgeInYears(birth, Date::Of(2021, 6, 15)), 21);
  // Born on 29 February: a year older on 1 March in a common year.
  Date leap = Date::Of(2004, 2, 29);
  EXPECT_EQ(AgeInYears(leap, Date::Of(2025, 2, 28)), 20);
  EXPECT_EQ(AgeInYears(leap, Date::Of(2025, 3, 1)), 21);
  EXPECT_EQ(AgeInYears(leap, Date::Of(2024, 2, 29)), 20);
  EXPECT_EQ(AgeInMonths(Date::Of(1959, 1, 1), Date::Of(2026, 1, 1)), 804);
}

TEST(Month, ParsesAndSteps) {
  auto m = Month::Parse("2026-01");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->first_day(), Date::Of(2026, 1, 1));
  EXPECT_EQ(m->last_day(), Date::Of(2026, 1, 31));
  EXPECT_EQ(m->Add(-1).ToString(), "2025-12");
  EXPECT_EQ(Month::Of(2024, 2).last_day(), Date::Of(2024, 2, 29));
  EXPECT_EQ(m->Add(5).MonthsSince(*m), 5);
  for (const char* bad : {"2026-13", "2026-1", "26-01", "", "2026-01-01"}) {
    EXPECT_FALSE(Month::Parse(bad).ok()) << bad;
  }
}

TEST(Date, DutchWordsAsInALetter) {
  EXPECT_EQ(DutchDate(Date::Of(2026, 1, 1)), "1 januari 2026");
  EXPECT_EQ(DutchDate(Date::Of(2026, 12, 31)), "31 december 2026");
  EXPECT_EQ(DutchMonth(Month::Of(2027, 3)), "maart 2027");
}

TEST(Clock, FixedClockIsWhatTheTestSays) {
  FixedClock clock(Date::Of(2026, 11, 23), 1000);
  EXPECT_EQ(clock.Today(), Date::Of(2026, 11, 23));
  clock.Advance(500);
  EXPECT_EQ(clock.NowUnixMillis(), 1500);
  EXPECT_EQ(FormatUtc(1'781'913'600'000), "2026-06-20T00:00:00Z");
  EXPECT_EQ(FormatUtc(1'795'426'200'000), "2026-11-23T09:30:00Z");
  SystemClock sys;
  EXPECT_GT(sys.Today(), Date::Of(2024, 1, 1));
}

}  // namespace
}  // namespace nabij
