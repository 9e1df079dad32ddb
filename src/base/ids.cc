#include "base/ids.h"

#include <array>
#include <cstdio>
#include <utility>

namespace nabij {

Result<Bsn> Bsn::Parse(std::string_view text) {
  constexpr size_t kLength = 9;
  if (text.size() != kLength && text.size() != kLength - 1) {
    return InvalidArgument("a BSN has 9 digits", "bsn");
  }
  std::string d(text);
  for (char c : d) {
    if (c < '0' || c > '9') return InvalidArgument("a BSN has only digits", "bsn");
  }
  if (d.size() == kLength - 1) d.insert(d.begin(), '0');
  int sum = 0;
  for (size_t i = 0; i < kLength - 1; ++i) sum += static_cast<int>(kLength - i) * (d[i] - '0');
  sum -= d[kLength - 1] - '0';
  if (sum == 0 || sum % 11 != 0) {
    return InvalidArgument("this BSN does not pass the elfproef (check digit)", "bsn");
  }
  return Bsn(std::move(d));
}

std::string Bsn::Masked() const { return "*****" + digits_.substr(5); }

namespace {

// IBAN lengths per country (ISO 13616 registry) for the SEPA countries nabij pays to most.
constexpr std::array<std::pair<std::string_view, size_t>, 16> kLengths{{
    {"NL", 18}, {"BE", 16}, {"DE", 22}, {"FR", 27}, {"LU", 20}, {"ES", 24},
    {"IT", 27}, {"AT", 20}, {"PT", 25}, {"IE", 22}, {"PL", 28}, {"GB", 22},
    {"DK", 18}, {"SE", 24}, {"FI", 18}, {"CH", 21},
}};

}  // namespace

Result<Iban> Iban::Parse(std::string_view text) {
  std::string t;
  for (char c : text) {
    if (c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return InvalidArgument("an IBAN has only letters and digits", "iban");
    }
    t += c;
  }
  constexpr size_t kMin = 15;
  constexpr size_t kMax = 34;
  if (t.size() < kMin || t.size() > kMax) return InvalidArgument("an IBAN has 15 to 34 characters", "iban");
  if (!(t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z' && t[2] >= '0' && t[2] <= '9' &&
        t[3] >= '0' && t[3] <= '9')) {
    return InvalidArgument("an IBAN starts with a country code and two check digits", "iban");
  }
  for (auto [country, length] : kLengths) {
    if (t.compare(0, 2, country) == 0 && t.size() != length) {
      return InvalidArgument("an IBAN from " + std::string(country) + " has " +
                                 std::to_string(length) + " characters",
                             "iban");
    }
  }
  // ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35.
  constexpr int kModulus = 97;
  int rem = 0;
  std::string moved = t.substr(4) + t.substr(0, 4);
  for (char c : moved) {
    if (c >= 'A') {
      int v = c - 'A' + 10;
      rem = (rem * 100 + v) % kModulus;
    } else {
      rem = (rem * 10 + (c - '0')) % kModulus;
    }
  }
  if (rem != 1) return InvalidArgument("the IBAN check digits are wrong (mod 97)", "iban");
  return Iban(std::move(t));
}

Bsn DemoBsn(uint64_t n) {
  char digits[10];
  std::snprintf(digits, sizeof digits, "9%06llu00", static_cast<unsigned long long>(n % 1'000'000ULL));
  auto rest = [&] {  // 9*d1 + ... + 2*d8 mod 11: the check digit d9 it needs
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[i] - '0');
    return sum % 11;
  };
  // d8 = 0 or 1: adding 2 to the sum moves a remainder of 10, which no digit d9 can match, to 1.
  if (rest() == 10) digits[7] = '1';
  digits[8] = static_cast<char>('0' + rest());
  return Bsn(digits);
}

std::string DemoIban(uint64_t n) {
  char digits[11];
  std::snprintf(digits, sizeof digits, "%010llu", static_cast<unsigned long long>(n % 10'000'000'000ULL));
  // ISO 7064 mod 97-10 over BBAN + country + "00", letters as 10..35.
  std::string moved = std::string("NABI") + digits + "NL00";
  int rem = 0;
  for (char ch : moved) {
    if (ch >= 'A' && ch <= 'Z') {
      rem = (rem * 100 + (ch - 'A' + 10)) % 97;
    } else {
      rem = (rem * 10 + (ch - '0')) % 97;
    }
  }
  std::string out = "NL";
  int check = 98 - rem;
  out += static_cast<char>('0' + check / 10);
  out += static_cast<char>('0' + check % 10);
  return out + "NABI" + digits;
}

}  // namespace nabij
