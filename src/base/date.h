// Date and Month: calendar values over std::chrono, without time zones.
//
// Date is a day in the proleptic Gregorian calendar, stored as days since 1970-01-01; Month is a
// calendar month. Both are trivially copyable, totally ordered and written as ISO 8601
// ("2026-01-31", "2026-01") in YAML, SQL and JSON. Validity periods are half-open [from, until).
// "Today" never comes from here: it comes from an injected Clock (base/clock.h).
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nabij {

class Month;

class Date {
 public:
  constexpr Date() = default;
  // Returns kInvalidArgument unless `text` is a valid YYYY-MM-DD date with a year 1900-2999.
  static Result<Date> Parse(std::string_view text);
  // A valid y-m-d (NABIJ_CHECK); for constants in code and tests.
  static Date Of(int year, unsigned month, unsigned day);
  static Result<Date> FromYmd(int year, unsigned month, unsigned day);
  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }

  constexpr int32_t days_since_epoch() const { return days_; }
  std::chrono::year_month_day ymd() const;
  int year() const;
  unsigned month_number() const;
  unsigned day() const;
  Month month() const;

  constexpr Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Same day n months later; a day past the end of the target month becomes its last day.
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(n * 12); }

  std::string ToString() const;
  constexpr auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

class Month {
 public:
  constexpr Month() = default;
  // Returns kInvalidArgument unless `text` is YYYY-MM with a year 1900-2999.
  static Result<Month> Parse(std::string_view text);
  static Month Of(int year, unsigned month);  // NABIJ_CHECK on a bad month

  int year() const { return index_ / 12; }
  unsigned month_number() const { return static_cast<unsigned>(index_ % 12) + 1; }
  Date first_day() const;
  Date last_day() const;
  constexpr Month Add(int n) const { return Month(index_ + n); }
  // Number of months from `a` to this month (this - a).
  constexpr int MonthsSince(Month a) const { return index_ - a.index_; }

  std::string ToString() const;
  constexpr auto operator<=>(const Month&) const = default;

 private:
  explicit constexpr Month(int32_t index) : index_(index) {}
  int32_t index_ = 0;  // year * 12 + (month - 1)
};

// Completed years of a person born on `birth`, on `on`. Someone born on 29 February becomes a
// year older on 1 March in a common year.
int AgeInYears(Date birth, Date on);
// Completed months, by the same rule.
int AgeInMonths(Date birth, Date on);

// Dates as a Dutch letter writes them: "1 januari 2026" and "januari 2026".
std::string DutchDate(Date d);
std::string DutchMonth(Month m);

}  // namespace nabij
