// Identity values: Bsn (burgerservicenummer) and Iban.
//
// Both are validated on construction (Parse) and then immutable. A Bsn is personal data: it is
// never written to a technical log; use Masked() where a person must recognise it on screen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nabij {

class Bsn {
 public:
  // Nine digits (a leading zero may be omitted in input: 8 digits are padded) that pass the
  // elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 and not 0.
  // Returns kInvalidArgument, without echoing the number, otherwise.
  static Result<Bsn> Parse(std::string_view text);
  const std::string& digits() const { return digits_; }
  // "*****6789": the last four digits only.
  std::string Masked() const;
  friend bool operator==(const Bsn&, const Bsn&) = default;

 private:
  friend Bsn DemoBsn(uint64_t n);
  explicit Bsn(std::string d) : digits_(std::move(d)) {}
  std::string digits_;
};

class Iban {
 public:
  // Spaces are ignored and letters upper-cased. Checks the country code, the length for the
  // countries nabij knows (NL 18, BE 16, DE 22, FR 27, ...; others 15 to 34), and the
  // ISO 7064 mod 97-10 check digits. Returns kInvalidArgument otherwise.
  static Result<Iban> Parse(std::string_view text);
  const std::string& text() const { return text_; }  // electronic form, no spaces
  std::string country() const { return text_.substr(0, 2); }
  friend bool operator==(const Iban&, const Iban&) = default;

 private:
  explicit Iban(std::string t) : text_(std::move(t)) {}
  std::string text_;
};

// A synthetic BSN for demo data and tests: "9", six digits of `n` (larger n wrap at 10^6), then
// the two digits that make it pass the elfproef; distinct for distinct n below 10^6. Invented, not
// issued through the BRP: for demos and tests only.
Bsn DemoBsn(uint64_t n);

// A valid Dutch IBAN at the fictitious bank code NABI for account number `n` (0 <= n < 10^10;
// larger n wrap), for demo data and tests only: no real bank has that code.
std::string DemoIban(uint64_t n);

}  // namespace nabij
