#include "base/date.h"

#include <charconv>
#include <cstdio>

namespace nabij {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Result<Date> Date::FromYmd(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (year < kMinYear || year > kMaxYear || !ymd.ok()) {
    return InvalidArgument("not a valid calendar date");
  }
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return Date(static_cast<int32_t>(days));
}

Date Date::Of(int year, unsigned month, unsigned day) {
  auto d = FromYmd(year, month, day);
  NABIJ_CHECK(d.ok());
  return *d;
}

Result<Date> Date::Parse(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseInt(text.substr(0, 4), y) ||
      !ParseInt(text.substr(5, 2), m) || !ParseInt(text.substr(8, 2), d)) {
    return InvalidArgument("not a date in the form YYYY-MM-DD: '" + std::string(text) + "'");
  }
  auto r = FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (!r.ok()) return InvalidArgument("not a valid calendar date: '" + std::string(text) + "'");
  return r;
}

std::chrono::year_month_day Date::ymd() const {
  return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days_)));
}
int Date::year() const { return static_cast<int>(ymd().year()); }
unsigned Date::month_number() const { return static_cast<unsigned>(ymd().month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd().day()); }
Month Date::month() const { return Month::Of(year(), month_number()); }

Date Date::AddMonths(int n) const {
  auto d = ymd();
  auto ym = std::chrono::year_month(d.year(), d.month()) + std::chrono::months(n);
  auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()));
  auto day = d.day() > last.day() ? last.day() : d.day();
  std::chrono::year_month_day out(ym.year(), ym.month(), day);
  return Date(static_cast<int32_t>(std::chrono::sys_days(out).time_since_epoch().count()));
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month_number(), day());
  return buf;
}

Result<Month> Month::Parse(std::string_view text) {
  int y = 0;
  int m = 0;
  if (text.size() != 7 || text[4] != '-' || !ParseInt(text.substr(0, 4), y) ||
      !ParseInt(text.substr(5, 2), m) || m < 1 || m > 12 || y < kMinYear || y > kMaxYear) {
    return InvalidArgument("not a month in the form YYYY-MM: '" + std::string(text) + "'");
  }
  return Month::Of(y, static_cast<unsigned>(m));
}

Month Month::Of(int year, unsigned month) {
  NABIJ_CHECK(month >= 1 && month <= 12);
  return Month(year * 12 + static_cast<int32_t>(month) - 1);
}

Date Month::first_day() const { return Date::Of(year(), month_number(), 1); }
Date Month::last_day() const { return Add(1).first_day().AddDays(-1); }

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", year(), month_number());
  return buf;
}

namespace {
constexpr const char* kDutchMonths[12] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                          "juli",    "augustus", "september", "oktober", "november", "december"};
}  // namespace

std::string DutchMonth(Month m) { return std::string(kDutchMonths[m.month_number() - 1]) + " " + std::to_string(m.year()); }

std::string DutchDate(Date d) { return std::to_string(d.day()) + " " + DutchMonth(d.month()); }

int AgeInMonths(Date birth, Date on) {
  int months = (on.year() - birth.year()) * 12 +
               (static_cast<int>(on.month_number()) - static_cast<int>(birth.month_number()));
  // The month is completed on the day with the birth day's number; where a month has no such
  // day (born on the 31st, or on 29 February), on the first day of the next month.
  if (on.day() < birth.day()) --months;
  return months;
}

int AgeInYears(Date birth, Date on) {
  int m = AgeInMonths(birth, on);
  return m < 0 ? -((-m + 11) / 12) : m / 12;
}

}  // namespace nabij
