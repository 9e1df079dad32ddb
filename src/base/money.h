// Money: an amount in integer eurocents, and Ratio: an exact decimal fraction.
//
// Money never touches floating point. It adds and subtracts with Money only; multiplying by a
// fraction goes through MulDiv with an explicit Rounding, once, at the step the law names.
// `Money * 0.25`, `Money + 5` and `Money(3.5)` do not compile (see money_compile_fail.cc).
// Both are trivially copyable values; the 128-bit intermediate in MulDiv cannot overflow for any
// int64 amount times an int64 ratio, and a result outside int64 aborts (a broken invariant).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/status.h"

namespace nabij {

enum class Rounding {
  kHalfUp,  // to the nearest cent, a half cent away from zero (the usual rounding of amounts)
  kDown,    // toward minus infinity (never more than the exact amount)
  kUp,      // toward plus infinity (never less than the exact amount)
};

// An exact fraction num/den with den > 0, e.g. a percentage from rules/ ("12.5" -> 125/1000).
class Ratio {
 public:
  constexpr Ratio() = default;
  // num/den; den must be positive (NABIJ_CHECK).
  static Ratio Of(int64_t num, int64_t den);
  // Parses a decimal percentage string such as "25", "12.5" or "47.5" (at most 6 decimals,
  // no sign, no exponent). Returns kInvalidArgument on anything else.
  static Result<Ratio> ParsePercent(std::string_view text);

  constexpr int64_t num() const { return num_; }
  constexpr int64_t den() const { return den_; }
  // "25 %" / "12,5 %" in Dutch notation (for traces and letters).
  std::string ToPercentString() const;

  friend bool operator==(Ratio a, Ratio b) {
    return static_cast<__int128>(a.num_) * b.den_ == static_cast<__int128>(b.num_) * a.den_;
  }

 private:
  constexpr Ratio(int64_t num, int64_t den) : num_(num), den_(den) {}
  int64_t num_ = 0;
  int64_t den_ = 1;
};

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money Cents(int64_t cents) { return Money(Raw{}, cents); }
  static constexpr Money Zero() { return Money(Raw{}, 0); }
  // Whole euros, for figures published in whole euros (vermogensgrens).
  static constexpr Money Euros(int64_t euros) { return Money(Raw{}, euros * 100); }

  constexpr int64_t cents() const { return cents_; }

  constexpr Money operator+(Money o) const { return Money(Raw{}, cents_ + o.cents_); }
  constexpr Money operator-(Money o) const { return Money(Raw{}, cents_ - o.cents_); }
  constexpr Money operator-() const { return Money(Raw{}, -cents_); }
  constexpr Money& operator+=(Money o) {
    cents_ += o.cents_;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    cents_ -= o.cents_;
    return *this;
  }
  // n times an amount, for counts of persons or months (never a fraction).
  constexpr Money Times(int64_t n) const { return Money(Raw{}, cents_ * n); }

  constexpr auto operator<=>(const Money&) const = default;

  // Floating point and bare numbers never mix with Money.
  template <typename T>
    requires std::is_arithmetic_v<T>
  Money(T) = delete;
  template <typename T>
    requires std::is_arithmetic_v<T>
  friend Money operator*(Money, T) = delete;
  template <typename T>
    requires std::is_arithmetic_v<T>
  friend Money operator*(T, Money) = delete;
  template <typename T>
    requires std::is_arithmetic_v<T>
  friend Money operator/(Money, T) = delete;
  template <typename T>
    requires std::is_arithmetic_v<T>
  friend Money operator+(Money, T) = delete;
  template <typename T>
    requires std::is_arithmetic_v<T>
  friend Money operator-(Money, T) = delete;

 private:
  struct Raw {};
  constexpr Money(Raw, int64_t cents) : cents_(cents) {}
  int64_t cents_ = 0;
};

constexpr Money Min(Money a, Money b) { return a < b ? a : b; }
constexpr Money Max(Money a, Money b) { return a < b ? b : a; }

// amount * num / den, rounded once as asked. den must be positive.
Money MulDiv(Money amount, int64_t num, int64_t den, Rounding rounding);
// amount * ratio, rounded once as asked.
Money MulDiv(Money amount, Ratio ratio, Rounding rounding);

// Dutch notation: "€ 1.401,50", "-€ 12,00".
std::string FormatEuro(Money m);
// Plain decimal with a point and two decimals: "1401.50" (SEPA, CSV for spreadsheets).
std::string FormatDecimal(Money m);
// Parses integer eurocents ("140150", "-5"). Returns kInvalidArgument on anything else,
// including decimals: amounts cross nabij's boundaries as integer cents.
Result<Money> ParseCents(std::string_view text);

}  // namespace nabij
