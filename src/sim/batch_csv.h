// The columnar CSV format of `nabij calc-batch`: one household per line in, one result per line out.
//
// The format is defined in docs/batch-format.md; this header is its one implementation. Input rows
// carry every CaseInput field the engine reads (the month comes from the command line, not the
// file). The reader is hand-written for speed: no iostreams, no regex, no allocation per row; it
// parses into a caller-owned ParsedRow whose string views point into the line. The writer appends
// to a caller-owned std::string and produces only rows the reader accepts, so writer -> reader is
// an exact round trip of the meaningful fields (partner fields only with a partner, the youngest
// child's birth date only with children, housemates up to housemate_count).
//
// A row error names the column and says in plain words what is wrong; it never quotes the value,
// because values are personal data. All functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"
#include "pw/bijstand.h"
#include "pw/household.h"

namespace nabij::sim {

// Input columns, in the order of the header line.
enum class Column : uint8_t {
  kId, kGemeente,
  kApplicantBirth, kApplicantFlags, kApplicantWork, kApplicantOther,
  kApplicantNMonth, kApplicantRMonth, kApplicantZMonth, kApplicantPibMonth,
  kApplicantPremie, kApplicantPremieEarlier, kApplicantGiften, kApplicantGiftenEarlier,
  kPartnerBirth, kPartnerFlags, kPartnerWork, kPartnerOther,
  kPartnerNMonth, kPartnerRMonth, kPartnerZMonth, kPartnerPibMonth,
  kPartnerPremie, kPartnerPremieEarlier, kPartnerGiften, kPartnerGiftenEarlier,
  kChildren, kYoungestChildBirth, kHousemates, kVermogen, kEigenWoningVermogen, kHouseholdFlags,
};
inline constexpr size_t kInputColumnCount = 32;

// The column names, in order; InputHeader() joins them with commas.
extern const std::array<std::string_view, kInputColumnCount> kInputColumnNames;
std::string_view InputHeader();   // without the line end
std::string_view OutputHeader();  // "id,norm,counted_income,vrijlating,bijstand,vakantietoeslag,kostendelers,status"
inline constexpr size_t kOutputColumnCount = 8;

// The largest amount a field takes (EUR 10 billion, as in the household format).
inline constexpr int64_t kMaxCents = 1'000'000'000'000;
inline constexpr size_t kMaxIdLength = 64;

// One parsed input line. The views point into the line and live as long as it.
struct ParsedRow {
  std::string_view id;
  std::string_view gemeente;  // empty: national rules only; otherwise four digits
  pw::CaseInput input;
};

// What is wrong with a row. `message` is static text: it never holds the value.
struct RowError {
  ErrorCode code = ErrorCode::kOk;
  int column = -1;  // index in kInputColumnNames, -1 when about the row as a whole
  std::string_view message;

  std::string_view column_name() const;  // empty for the row as a whole
};

// Parses one data line (without its line end) for `month`. Returns true and fills `row`, or
// returns false and fills `error` (kParseError for text that is not the column's form,
// kInvalidArgument for a value out of range or fields that do not fit together). On failure
// row.id still holds the first field when it is a valid id (else it is empty), so that the
// output can name the row.
bool ParseInputRow(std::string_view line, Month month, ParsedRow& row, RowError& error);

// Appends one input line with its '\n'. Returns kInvalidArgument, naming the field, for an id
// the format cannot carry (empty, longer than kMaxIdLength, or with a comma, quote, ';' or line
// end), a gemeente that is not empty or four digits, or a household the reader would refuse
// (amount below 0 or above kMaxCents, a date outside 1900-2999, more than kMaxHousemates
// housemates, an applicant without a right); nothing is appended then.
Status AppendInputRow(std::string& out, std::string_view id, std::string_view gemeente, const pw::CaseInput& in);

// Appends one output line for a computed household, or for a row that failed with `code`.
void AppendOutputRow(std::string& out, std::string_view id, const pw::Decision& d);
void AppendOutputError(std::string& out, std::string_view id, ErrorCode code);

// One output line read back (for tests, and for tools that read results).
struct OutputRow {
  std::string_view id;
  int64_t norm = 0, counted_income = 0, vrijlating = 0, bijstand = 0, vakantietoeslag = 0;
  int kostendelers = 0;
  std::string_view status;  // "ok" or an ErrorCodeName
};
// Returns false for a line that is not an output line.
bool ParseOutputRow(std::string_view line, OutputRow& row);

}  // namespace nabij::sim
