#include "base/money.h"

#include <charconv>
#include <limits>

namespace nabij {
namespace {

// Rounds the exact quotient n/d (d > 0) to an integer.
__int128 DivRound(__int128 n, __int128 d, Rounding rounding) {
  __int128 q = n / d;  // truncates toward zero
  __int128 r = n % d;  // same sign as n
  if (r == 0) return q;
  switch (rounding) {
    case Rounding::kDown:
      return n < 0 ? q - 1 : q;
    case Rounding::kUp:
      return n < 0 ? q : q + 1;
    case Rounding::kHalfUp: {
      __int128 twice = (r < 0 ? -r : r) * 2;
      if (twice >= d) return n < 0 ? q - 1 : q + 1;
      return q;
    }
  }
  return q;
}

}  // namespace

Ratio Ratio::Of(int64_t num, int64_t den) {
  NABIJ_CHECK(den > 0);
  return Ratio(num, den);
}

Result<Ratio> Ratio::ParsePercent(std::string_view text) {
  constexpr int kMaxDecimals = 6;
  auto bad = [&] {
    return InvalidArgument("not a percentage as a decimal string such as \"25\" or \"12.5\": '" +
                           std::string(text) + "'");
  };
  if (text.empty() || text.size() > 24) return bad();
  int64_t num = 0;
  int64_t den = 100;  // a percentage
  bool seen_point = false;
  int decimals = 0;
  int digits = 0;
  for (char c : text) {
    if (c == '.') {
      if (seen_point || digits == 0) return bad();
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return bad();
    if (seen_point && ++decimals > kMaxDecimals) return bad();
    if (num > (std::numeric_limits<int64_t>::max() - 9) / 10) return bad();
    num = num * 10 + (c - '0');
    ++digits;
    if (seen_point) den *= 10;
  }
  if (seen_point && decimals == 0) return bad();
  return Ratio(num, den);
}

std::string Ratio::ToPercentString() const {
  // Shows up to six decimals, without trailing zeros, decimal comma.
  __int128 scaled = static_cast<__int128>(num_) * 100 * 1000000 / den_;
  bool neg = scaled < 0;
  if (neg) scaled = -scaled;
  auto whole = static_cast<int64_t>(scaled / 1000000);
  auto frac = static_cast<int64_t>(scaled % 1000000);
  std::string out;
  if (neg) out += '-';
  out += std::to_string(whole);
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 6 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "," + f;
  }
  return out + " %";
}

Money MulDiv(Money amount, int64_t num, int64_t den, Rounding rounding) {
  NABIJ_CHECK(den > 0);
  __int128 r = DivRound(static_cast<__int128>(amount.cents()) * num, den, rounding);
  NABIJ_CHECK(r <= std::numeric_limits<int64_t>::max() && r >= std::numeric_limits<int64_t>::min());
  return Money::Cents(static_cast<int64_t>(r));
}

Money MulDiv(Money amount, Ratio ratio, Rounding rounding) {
  return MulDiv(amount, ratio.num(), ratio.den(), rounding);
}

std::string FormatEuro(Money m) {
  int64_t c = m.cents();
  bool neg = c < 0;
  uint64_t abs = neg ? static_cast<uint64_t>(-(c + 1)) + 1 : static_cast<uint64_t>(c);
  std::string whole = std::to_string(abs / 100);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '.';
    grouped += whole[i];
  }
  uint64_t cents = abs % 100;
  std::string out = neg ? "-€ " : "€ ";
  out += grouped;
  out += ',';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

std::string FormatDecimal(Money m) {
  int64_t c = m.cents();
  bool neg = c < 0;
  uint64_t abs = neg ? static_cast<uint64_t>(-(c + 1)) + 1 : static_cast<uint64_t>(c);
  std::string out = neg ? "-" : "";
  out += std::to_string(abs / 100);
  out += '.';
  out += static_cast<char>('0' + (abs % 100) / 10);
  out += static_cast<char>('0' + abs % 10);
  return out;
}

Result<Money> ParseCents(std::string_view text) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.front() == '+') {
    return InvalidArgument("not an amount in integer eurocents: '" + std::string(text) + "'");
  }
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end) {
    return InvalidArgument("not an amount in integer eurocents: '" + std::string(text) + "'");
  }
  return Money::Cents(v);
}

}  // namespace nabij
