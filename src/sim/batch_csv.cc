#include "sim/batch_csv.h"

#include <bit>
#include <charconv>
#include <climits>
#include <cstdint>
#include <cstring>

namespace nabij::sim {
namespace {

constexpr int kMinYear = 1900;  // the range of base/date.h
constexpr int kMaxYear = 2999;
constexpr int kAdultAge = 18;   // a child of 18 or older is a housemate (as in the household format)
constexpr uint64_t kMaxSmall = 255;  // month numbers and the number of children fit a uint8_t
constexpr size_t kDateLength = 10;   // YYYY-MM-DD

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
// date algorithms"): the same count std::chrono::sys_days gives, without its cost.
constexpr int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  constexpr int kDaysPer400Years = 146097;
  constexpr int kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * kDaysPer400Years + static_cast<int32_t>(doe) - kEpochShift;
}
static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

constexpr Civil CivilFromDays(int32_t z) {
  constexpr int kDaysPer400Years = 146097;
  z += 719468;
  const int era = (z >= 0 ? z : z - (kDaysPer400Years - 1)) / kDaysPer400Years;
  const auto doe = static_cast<unsigned>(z - era * kDaysPer400Years);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{y + (m <= 2 ? 1 : 0), m, d};
}
static_assert(CivilFromDays(11017).year == 2000 && CivilFromDays(11017).month == 3);

constexpr bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr unsigned DaysInMonth(int y, unsigned m) {
  constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr unsigned Digit(char c) { return static_cast<unsigned>(c - '0'); }

// The day numbers the checks of one month need.
struct MonthBounds {
  int32_t first;     // first day of the month
  int32_t last;      // last day of the month
  int32_t adult_by;  // born on or before this day: 18 or older on the first day
};

MonthBounds Bounds(Month month) {
  const int y = month.year();
  const unsigned m = month.month_number();
  MonthBounds b{};
  b.first = DaysFromCivil(y, m, 1);
  b.last = b.first + static_cast<int32_t>(DaysInMonth(y, m)) - 1;
  // 18 on the first day: born on or before the same day 18 years earlier (day 1 always exists).
  b.adult_by = DaysFromCivil(y - kAdultAge, m, 1);
  return b;
}

// The error helpers return false so that a parser can `return Fail(...)`.
bool Fail(RowError& e, Column c, ErrorCode code, std::string_view message) {
  e.code = code;
  e.column = static_cast<int>(c);
  e.message = message;
  return false;
}
bool Bad(RowError& e, Column c, std::string_view message) { return Fail(e, c, ErrorCode::kParseError, message); }
bool Invalid(RowError& e, Column c, std::string_view message) {
  return Fail(e, c, ErrorCode::kInvalidArgument, message);
}

constexpr std::string_view kNotADate = "not a date in the form YYYY-MM-DD";
constexpr std::string_view kNotACalendarDate = "not a valid calendar date from 1900 to 2999";
constexpr std::string_view kBornAfterMonth = "born after the month that is calculated";

// YYYY-MM-DD, a valid date from 1900 to 2999.
bool ParseDate(std::string_view f, Date& out, RowError& e, Column c) {
  if (f.size() != kDateLength || f[4] != '-' || f[7] != '-') return Bad(e, c, kNotADate);
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(f[i])) return Bad(e, c, kNotADate);
  }
  const int y = static_cast<int>(Digit(f[0]) * 1000 + Digit(f[1]) * 100 + Digit(f[2]) * 10 + Digit(f[3]));
  const unsigned m = Digit(f[5]) * 10 + Digit(f[6]);
  const unsigned d = Digit(f[8]) * 10 + Digit(f[9]);
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return Invalid(e, c, kNotACalendarDate);
  }
  out = Date::FromDays(DaysFromCivil(y, m, d));
  return true;
}

bool ParseBirth(std::string_view f, const MonthBounds& b, Date& out, RowError& e, Column c) {
  if (!ParseDate(f, out, e, c)) return false;
  if (out.days_since_epoch() > b.last) return Invalid(e, c, kBornAfterMonth);
  return true;
}

// Whole non-negative number up to `max`; empty is 0.
bool ParseUnsigned(std::string_view f, uint64_t max, uint64_t& out, RowError& e, Column c, std::string_view what) {
  if (f.empty()) {
    out = 0;
    return true;
  }
  const char* end = f.data() + f.size();
  auto [p, ec] = std::from_chars(f.data(), end, out);  // no sign, no spaces: digits only
  if (p != end || ec == std::errc::invalid_argument) return Bad(e, c, what);
  if (ec == std::errc::result_out_of_range || out > max) return Invalid(e, c, what);
  return true;
}

constexpr std::string_view kNotAnAmount = "not an amount in whole eurocents from 0 to 10 billion euro (digits only)";
bool ParseCents(std::string_view f, Money& out, RowError& e, Column c) {
  uint64_t v = 0;
  if (!ParseUnsigned(f, static_cast<uint64_t>(kMaxCents), v, e, c, kNotAnAmount)) return false;
  out = Money::Cents(static_cast<int64_t>(v));
  return true;
}

bool ParseSmall(std::string_view f, uint8_t& out, RowError& e, Column c, std::string_view what) {
  uint64_t v = 0;
  if (!ParseUnsigned(f, kMaxSmall, v, e, c, what)) return false;
  out = static_cast<uint8_t>(v);
  return true;
}
constexpr std::string_view kNotAMonthNumber = "not a month number from 0 to 255 (0 or empty: not in the period)";

// Flag letters of the applicant or the partner (docs/batch-format.md).
bool ParseAdultFlags(std::string_view f, bool is_partner, pw::Adult& a, RowError& e, Column c) {
  for (char ch : f) {
    switch (ch) {
      case 'e':
        if (!is_partner) {
          return Invalid(e, c, "the applicant is the one with a right to bijstand; 'e' is for the partner only");
        }
        a.entitled = false;
        break;
      case 'm': a.medisch_urenbeperkt = true; break;
      case 'l': a.doelgroep_lks = true; break;
      case 'a': a.periods.aa = true; break;
      case 'x': a.periods.pib_extended = true; break;
      default: return Bad(e, c, "unknown flag letter (letters: e, m, l, a, x)");
    }
  }
  return true;
}

bool ParseHouseholdFlags(std::string_view f, pw::CaseInput& in, RowError& e) {
  for (char ch : f) {
    switch (ch) {
      case 'i': in.in_inrichting = true; break;
      case 'v': in.inrichting_verhoging = true; break;
      case 'o': in.parents_cannot_support = true; break;
      case 'z': in.mantelzorg_elsewhere = true; break;
      default: return Bad(e, Column::kHouseholdFlags, "unknown flag letter (letters: i, v, o, z)");
    }
  }
  return true;
}

// The fields of one line, split at its commas without copying. The commas are found eight bytes
// at a time (SWAR): a branch per comma on short, unpredictable fields was the reader's main cost.
class Fields {
 public:
  // Splits `line` (shorter than 4 GiB); returns the number of fields, or kInputColumnCount + 1
  // when there are more than kInputColumnCount.
  size_t Split(std::string_view line) {
    line_ = line;
    n_ = 0;
    const char* d = line.data();
    const size_t size = line.size();
    size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {
      constexpr uint64_t kOnes = 0x0101010101010101ULL;
      constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
      for (; i + sizeof(uint64_t) <= size; i += sizeof(uint64_t)) {
        uint64_t w;
        std::memcpy(&w, d + i, sizeof w);
        const uint64_t v = w ^ (kOnes * static_cast<uint8_t>(','));
        // 0x80 in exactly the bytes of v that are zero, i.e. the commas (no false positives).
        uint64_t commas = ~(((v & kLow7) + kLow7) | v | kLow7);
        while (commas != 0) {
          if (!Add(i + static_cast<size_t>(std::countr_zero(commas) >> 3))) return kInputColumnCount + 1;
          commas &= commas - 1;
        }
      }
    }
    for (; i < size; ++i) {
      if (d[i] == ',' && !Add(i)) return kInputColumnCount + 1;
    }
    end_[n_++] = static_cast<uint32_t>(size);
    return n_;
  }

  std::string_view operator[](size_t i) const {
    const size_t start = i == 0 ? 0 : end_[i - 1] + size_t{1};
    return line_.substr(start, end_[i] - start);
  }

 private:
  // Records a comma; false when it is one too many.
  bool Add(size_t pos) {
    end_[n_++] = static_cast<uint32_t>(pos);
    return n_ < kInputColumnCount;
  }

  std::string_view line_;
  size_t n_ = 0;
  uint32_t end_[kInputColumnCount];  // where each field ends; only the first n_ are set
};

// One housemate: YYYY-MM-DD, optionally '/' and code letters.
bool ParseHousemate(std::string_view item, const MonthBounds& b, pw::Housemate& h, RowError& e) {
  constexpr Column c = Column::kHousemates;
  constexpr std::string_view kForm = "not a list of housemates in the form YYYY-MM-DD[/codes];...";
  if (item.size() < kDateLength) return Bad(e, c, kForm);
  if (!ParseBirth(item.substr(0, kDateLength), b, h.birth, e, c)) return false;
  if (item.size() == kDateLength) return true;
  if (item[kDateLength] != '/' || item.size() == kDateLength + 1) return Bad(e, c, kForm);
  bool relation_set = false;
  bool education_set = false;
  constexpr std::string_view kTwice = "a housemate has two relations or two kinds of education";
  for (char ch : item.substr(kDateLength + 1)) {
    pw::Relation rel = pw::Relation::kNone;
    pw::Education edu = pw::Education::kNone;
    switch (ch) {
      case '0': rel = pw::Relation::kNone; break;
      case '1': rel = pw::Relation::kFirstDegree; break;
      case '2': rel = pw::Relation::kSecondDegree; break;
      case 'w': edu = pw::Education::kWsf; break;
      case 't': edu = pw::Education::kWtos; break;
      case 'b': edu = pw::Education::kBbl; break;
      case 'a': edu = pw::Education::kAbroad; break;
      case 'k': h.commercial_contract = true; continue;
      case 'd': h.third_party_contract = true; continue;
      default: return Bad(e, c, "unknown housemate code (codes: 0, 1, 2, w, t, b, a, k, d)");
    }
    if (ch >= '0' && ch <= '2') {
      if (relation_set) return Invalid(e, c, kTwice);
      relation_set = true;
      h.relation = rel;
    } else {
      if (education_set) return Invalid(e, c, kTwice);
      education_set = true;
      h.education = edu;
    }
  }
  return true;
}

bool ParseHousemates(std::string_view f, const MonthBounds& b, pw::CaseInput& in, RowError& e) {
  in.housemate_count = 0;
  if (f.empty()) return true;
  size_t start = 0;
  while (true) {
    size_t semi = f.find(';', start);
    std::string_view item = f.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
    if (in.housemate_count >= pw::kMaxHousemates) {
      return Invalid(e, Column::kHousemates, "more than 12 housemates (Pw art. 19a: the format carries at most 12)");
    }
    if (!ParseHousemate(item, b, in.housemates[in.housemate_count], e)) return false;
    ++in.housemate_count;
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return true;
}

// The twelve columns of one adult, starting at `first` (the birth column).
bool ParseAdult(const Fields& fields, Column first, bool is_partner, const MonthBounds& b, pw::Adult& a,
                RowError& e) {
  auto col = [first](int offset) { return static_cast<Column>(static_cast<int>(first) + offset); };
  auto f = [&fields, first](size_t offset) { return fields[static_cast<size_t>(first) + offset]; };
  if (!ParseBirth(f(0), b, a.birth, e, col(0))) return false;
  if (!ParseAdultFlags(f(1), is_partner, a, e, col(1))) return false;
  if (!ParseCents(f(2), a.work_income, e, col(2))) return false;
  if (!ParseCents(f(3), a.other_income, e, col(3))) return false;
  if (!ParseSmall(f(4), a.periods.n_month, e, col(4), kNotAMonthNumber)) return false;
  if (!ParseSmall(f(5), a.periods.r_month, e, col(5), kNotAMonthNumber)) return false;
  if (!ParseSmall(f(6), a.periods.z_month, e, col(6), kNotAMonthNumber)) return false;
  if (!ParseSmall(f(7), a.periods.pib_month, e, col(7), kNotAMonthNumber)) return false;
  if (!ParseCents(f(8), a.premie, e, col(8))) return false;
  if (!ParseCents(f(9), a.premie_earlier, e, col(9))) return false;
  if (!ParseCents(f(10), a.giften, e, col(10))) return false;
  if (!ParseCents(f(11), a.giften_earlier, e, col(11))) return false;
  return true;
}
constexpr int kAdultColumns = 12;
static_assert(static_cast<int>(Column::kPartnerBirth) - static_cast<int>(Column::kApplicantBirth) == kAdultColumns);
static_assert(static_cast<int>(Column::kChildren) - static_cast<int>(Column::kPartnerBirth) == kAdultColumns);
static_assert(static_cast<size_t>(Column::kHouseholdFlags) + 1 == kInputColumnCount);

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (c == ',' || c == '"' || c == ';' || c == '\n' || c == '\r') return false;
  }
  return true;
}

bool ValidGemeente(std::string_view g) {
  constexpr size_t kCodeLength = 4;
  if (g.empty()) return true;
  if (g.size() != kCodeLength) return false;
  for (char c : g) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// --- writing ---

void AppendDate(std::string& out, Date date) {
  const Civil c = CivilFromDays(date.days_since_epoch());
  char buf[kDateLength];
  unsigned y = static_cast<unsigned>(c.year);
  buf[0] = static_cast<char>('0' + y / 1000 % 10);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + c.month / 10);
  buf[6] = static_cast<char>('0' + c.month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + c.day / 10);
  buf[9] = static_cast<char>('0' + c.day % 10);
  out.append(buf, kDateLength);
}

void AppendInt(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// Zero is written as an empty field: most households have most amounts at zero.
void AppendOptional(std::string& out, int64_t v) {
  if (v != 0) AppendInt(out, v);
}

bool DateInRange(Date d) {
  const int y = CivilFromDays(d.days_since_epoch()).year;
  return y >= kMinYear && y <= kMaxYear;
}

Status CheckAdult(const pw::Adult& a, std::string_view who) {
  auto field = [who](std::string_view f) { return std::string(who) + "." + std::string(f); };
  if (!DateInRange(a.birth)) return InvalidArgument("a birth date outside 1900-2999", field("birth"));
  const std::pair<Money, std::string_view> amounts[] = {
      {a.work_income, "work_income"}, {a.other_income, "other_income"}, {a.premie, "premie"},
      {a.premie_earlier, "premie_earlier"}, {a.giften, "giften"}, {a.giften_earlier, "giften_earlier"}};
  for (const auto& [m, name] : amounts) {
    if (m.cents() < 0 || m.cents() > kMaxCents) return InvalidArgument("an amount outside 0 to 10 billion euro", field(name));
  }
  return Status::Ok();
}

void AppendFlags(std::string& out, const pw::Adult& a) {
  if (!a.entitled) out += 'e';
  if (a.medisch_urenbeperkt) out += 'm';
  if (a.doelgroep_lks) out += 'l';
  if (a.periods.aa) out += 'a';
  if (a.periods.pib_extended) out += 'x';
}

void AppendAdult(std::string& out, const pw::Adult& a) {
  AppendDate(out, a.birth);
  out += ',';
  AppendFlags(out, a);
  out += ',';
  AppendOptional(out, a.work_income.cents());
  out += ',';
  AppendOptional(out, a.other_income.cents());
  for (uint8_t m : {a.periods.n_month, a.periods.r_month, a.periods.z_month, a.periods.pib_month}) {
    out += ',';
    AppendOptional(out, m);
  }
  for (Money m : {a.premie, a.premie_earlier, a.giften, a.giften_earlier}) {
    out += ',';
    AppendOptional(out, m.cents());
  }
}

char EducationCode(pw::Education e) {
  switch (e) {
    case pw::Education::kNone: return 0;
    case pw::Education::kWsf: return 'w';
    case pw::Education::kWtos: return 't';
    case pw::Education::kBbl: return 'b';
    case pw::Education::kAbroad: return 'a';
  }
  return 0;
}

// Writes a money amount for the output (always written, zero as "0").
char* PutInt(char* p, int64_t v) { return std::to_chars(p, p + 24, v).ptr; }

}  // namespace

const std::array<std::string_view, kInputColumnCount> kInputColumnNames{
    "id", "gemeente",
    "applicant_birth", "applicant_flags", "applicant_work", "applicant_other",
    "applicant_n_month", "applicant_r_month", "applicant_z_month", "applicant_pib_month",
    "applicant_premie", "applicant_premie_earlier", "applicant_giften", "applicant_giften_earlier",
    "partner_birth", "partner_flags", "partner_work", "partner_other",
    "partner_n_month", "partner_r_month", "partner_z_month", "partner_pib_month",
    "partner_premie", "partner_premie_earlier", "partner_giften", "partner_giften_earlier",
    "children", "youngest_child_birth", "housemates", "vermogen", "eigen_woning_vermogen", "household_flags",
};

std::string_view InputHeader() {
  static const std::string header = [] {
    std::string h;
    for (std::string_view n : kInputColumnNames) {
      if (!h.empty()) h += ',';
      h += n;
    }
    return h;
  }();
  return header;
}

std::string_view OutputHeader() {
  return "id,norm,counted_income,vrijlating,bijstand,vakantietoeslag,kostendelers,status";
}

std::string_view RowError::column_name() const {
  if (column < 0 || static_cast<size_t>(column) >= kInputColumnCount) return {};
  return kInputColumnNames[static_cast<size_t>(column)];
}

bool ParseInputRow(std::string_view line, Month month, ParsedRow& row, RowError& e) {
  static const pw::CaseInput kEmpty{};
  e = RowError{};
  row.input = kEmpty;
  row.input.month = month;
  row.gemeente = {};

  if (line.size() > UINT32_MAX) {
    row.id = {};
    e.code = ErrorCode::kParseError;
    e.column = -1;
    e.message = "the line is longer than 4 GiB";
    return false;
  }
  Fields f;
  const size_t n = f.Split(line);
  // The output names the row by its id only when the id is one the output can carry.
  row.id = ValidId(f[0]) ? f[0] : std::string_view();
  if (n > kInputColumnCount) {
    e.code = ErrorCode::kParseError;
    e.column = -1;
    e.message = "more columns than the header (32)";
    return false;
  }
  if (n < kInputColumnCount) {
    return Bad(e, static_cast<Column>(n), "missing: the row has fewer columns than the header (32)");
  }
  if (row.id.empty()) {
    return Bad(e, Column::kId, "the id is empty, longer than 64 characters, or has a quote or ';'");
  }
  if (!ValidGemeente(f[1])) return Bad(e, Column::kGemeente, "not a four-digit CBS municipality code (or empty)");
  row.gemeente = f[1];

  const MonthBounds b = Bounds(month);
  pw::CaseInput& in = row.input;
  constexpr auto kPar = static_cast<size_t>(Column::kPartnerBirth);
  if (!ParseAdult(f, Column::kApplicantBirth, false, b, in.applicant, e)) return false;
  if (f[kPar].empty()) {
    for (size_t i = kPar + 1; i < kPar + kAdultColumns; ++i) {
      if (!f[i].empty()) return Invalid(e, static_cast<Column>(i), "given without partner_birth (no partner)");
    }
  } else {
    in.has_partner = true;
    if (!ParseAdult(f, Column::kPartnerBirth, true, b, in.partner, e)) return false;
  }

  if (!ParseSmall(f[static_cast<size_t>(Column::kChildren)], in.children, e, Column::kChildren,
                  "not a number of children from 0 to 255")) {
    return false;
  }
  std::string_view youngest = f[static_cast<size_t>(Column::kYoungestChildBirth)];
  if (in.children > 0) {
    if (youngest.empty()) return Invalid(e, Column::kYoungestChildBirth, "required when children is above 0");
    if (!ParseBirth(youngest, b, in.youngest_child_birth, e, Column::kYoungestChildBirth)) return false;
    if (in.youngest_child_birth.days_since_epoch() <= b.adult_by) {
      return Invalid(e, Column::kYoungestChildBirth, "18 or older on the month's first day: an adult child is a housemate");
    }
  } else if (!youngest.empty()) {
    return Invalid(e, Column::kYoungestChildBirth, "given while children is 0 or empty");
  }
  if (!ParseHousemates(f[static_cast<size_t>(Column::kHousemates)], b, in, e)) return false;
  if (!ParseCents(f[static_cast<size_t>(Column::kVermogen)], in.vermogen, e, Column::kVermogen)) return false;
  if (!ParseCents(f[static_cast<size_t>(Column::kEigenWoningVermogen)], in.eigen_woning_vermogen, e,
                  Column::kEigenWoningVermogen)) {
    return false;
  }
  return ParseHouseholdFlags(f[static_cast<size_t>(Column::kHouseholdFlags)], in, e);
}

Status AppendInputRow(std::string& out, std::string_view id, std::string_view gemeente, const pw::CaseInput& in) {
  if (!ValidId(id)) {
    return InvalidArgument("an id of 1 to 64 characters without comma, quote, ';' or line end", "id");
  }
  if (!ValidGemeente(gemeente)) return InvalidArgument("a four-digit CBS municipality code or empty", "gemeente");
  if (!in.applicant.entitled) {
    return InvalidArgument("the applicant is the one with a right to bijstand", "applicant.entitled");
  }
  NABIJ_RETURN_IF_ERROR(CheckAdult(in.applicant, "applicant"));
  if (in.has_partner) NABIJ_RETURN_IF_ERROR(CheckAdult(in.partner, "partner"));
  if (in.children > 0 && !DateInRange(in.youngest_child_birth)) {
    return InvalidArgument("a birth date outside 1900-2999", "youngest_child_birth");
  }
  if (in.housemate_count > pw::kMaxHousemates) return InvalidArgument("more than 12 housemates", "housemates");
  for (size_t i = 0; i < in.housemate_count; ++i) {
    if (!DateInRange(in.housemates[i].birth)) {
      return InvalidArgument("a birth date outside 1900-2999", "housemates[" + std::to_string(i) + "].birth");
    }
  }
  for (Money m : {in.vermogen, in.eigen_woning_vermogen}) {
    if (m.cents() < 0 || m.cents() > kMaxCents) return InvalidArgument("an amount outside 0 to 10 billion euro", "vermogen");
  }

  out += id;
  out += ',';
  out += gemeente;
  out += ',';
  AppendAdult(out, in.applicant);
  out += ',';
  if (in.has_partner) {
    AppendAdult(out, in.partner);
  } else {
    out.append(kAdultColumns - 1, ',');
  }
  out += ',';
  AppendOptional(out, in.children);
  out += ',';
  if (in.children > 0) AppendDate(out, in.youngest_child_birth);
  out += ',';
  for (size_t i = 0; i < in.housemate_count; ++i) {
    const pw::Housemate& h = in.housemates[i];
    if (i > 0) out += ';';
    AppendDate(out, h.birth);
    const char edu = EducationCode(h.education);
    if (h.relation != pw::Relation::kNone || edu != 0 || h.commercial_contract || h.third_party_contract) {
      out += '/';
      if (h.relation == pw::Relation::kFirstDegree) out += '1';
      if (h.relation == pw::Relation::kSecondDegree) out += '2';
      if (edu != 0) out += edu;
      if (h.commercial_contract) out += 'k';
      if (h.third_party_contract) out += 'd';
    }
  }
  out += ',';
  AppendOptional(out, in.vermogen.cents());
  out += ',';
  AppendOptional(out, in.eigen_woning_vermogen.cents());
  out += ',';
  if (in.in_inrichting) out += 'i';
  if (in.inrichting_verhoging) out += 'v';
  if (in.parents_cannot_support) out += 'o';
  if (in.mantelzorg_elsewhere) out += 'z';
  out += '\n';
  return Status::Ok();
}

void AppendOutputRow(std::string& out, std::string_view id, const pw::Decision& d) {
  // id (<= 64) + 5 amounts (<= 20 each) + count + status + separators fits easily.
  char buf[kMaxIdLength + 6 * 24 + 16];
  char* p = buf;
  std::memcpy(p, id.data(), id.size());
  p += id.size();
  for (Money m : {d.norm, d.counted_income, d.vrijlating, d.bijstand, d.vakantietoeslag}) {
    *p++ = ',';
    p = PutInt(p, m.cents());
  }
  *p++ = ',';
  p = PutInt(p, d.kostendelers);
  std::memcpy(p, ",ok\n", 4);
  p += 4;
  out.append(buf, static_cast<size_t>(p - buf));
}

void AppendOutputError(std::string& out, std::string_view id, ErrorCode code) {
  out += id;
  out += ",,,,,,,";
  out += ErrorCodeName(code);
  out += '\n';
}

bool ParseOutputRow(std::string_view line, OutputRow& row) {
  std::array<std::string_view, kOutputColumnCount> f;
  size_t n = 0;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    if (n == kOutputColumnCount) return false;
    f[n++] = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (n != kOutputColumnCount) return false;
  row = OutputRow{};
  row.id = f[0];
  row.status = f[7];
  if (row.status != "ok") return true;  // amounts are empty for a failed row
  int64_t* amounts[] = {&row.norm, &row.counted_income, &row.vrijlating, &row.bijstand, &row.vakantietoeslag};
  for (size_t i = 0; i < 5; ++i) {
    const char* e = f[i + 1].data() + f[i + 1].size();
    auto [p, ec] = std::from_chars(f[i + 1].data(), e, *amounts[i]);
    if (ec != std::errc() || p != e || f[i + 1].empty()) return false;
  }
  const char* e = f[6].data() + f[6].size();
  auto [p, ec] = std::from_chars(f[6].data(), e, row.kostendelers);
  return ec == std::errc() && p == e && !f[6].empty();
}

}  // namespace nabij::sim
