#include "sheets/sheet.h"

#include <cctype>
#include <cstddef>
#include <limits>
#include <optional>
#include <type_traits>

namespace nabij::sheets {
namespace {

// KindOf relies on the order of the alternatives of Cell.
static_assert(std::is_same_v<std::variant_alternative_t<0, Cell>, std::string>);
static_assert(std::is_same_v<std::variant_alternative_t<1, Cell>, int64_t>);
static_assert(std::is_same_v<std::variant_alternative_t<2, Cell>, Money>);
static_assert(std::is_same_v<std::variant_alternative_t<3, Cell>, Date>);
static_assert(std::variant_size_v<Cell> == 4);

// Excel's sheet limits (Excel specifications and limits, Excel 2007 and later).
constexpr size_t kMaxColumns = 16'384;
constexpr size_t kMaxRows = 1'048'576;
constexpr size_t kMaxTextChars = 32'767;  // characters in one cell
constexpr size_t kMaxSheetNameChars = 31;
constexpr int kMaxColumnWidth = 255;
// An Excel number is an IEEE double shown with at most 15 significant digits; whole numbers and
// amounts in cents beyond that would be silently changed.
constexpr int64_t kMaxExcelMagnitude = 999'999'999'999'999;
// Excel's dates (1900 date system) run from 1900-01-01 to 9999-12-31.
constexpr int kMinExcelYear = 1900;
constexpr int kMaxExcelYear = 9999;

std::string Quoted(std::string_view s) {
  std::string q;  // appended, not "\"" + s: g++ 12 -O3 gives a false -Wrestrict on that
  q.reserve(s.size() + 2);
  q += '"';
  q += s;
  q += '"';
  return q;
}

std::string SheetLabel(const Sheet& sheet) {
  return sheet.name.empty() ? "the sheet" : "sheet " + Quoted(sheet.name);
}

std::string Index(std::string_view what, size_t i) {
  return std::string(what) + "[" + std::to_string(i) + "]";
}

// Length in UTF-16 code units, as Excel counts characters, or nullopt if `s` is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
std::optional<size_t> Utf16Length(std::string_view s) {
  size_t units = 0;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07u;
    } else {
      return std::nullopt;
    }
    if (s.size() - i < len) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0u) != 0x80u) return std::nullopt;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    units += cp >= 0x10000 ? 2 : 1;
    i += len;
  }
  return units;
}

Status CheckUtf8(std::string_view text, const std::string& where, const std::string& field) {
  if (!Utf16Length(text)) return InvalidArgument(where + ": the text is not valid UTF-8", field);
  return Status::Ok();
}

// Excel's limit on the text of one cell; `text` is valid UTF-8 (checked by ValidateTable).
Status CheckTextLength(std::string_view text, const std::string& where, const std::string& field) {
  if (*Utf16Length(text) > kMaxTextChars) {
    return InvalidArgument(where + ": the text is longer than Excel's " +
                               std::to_string(kMaxTextChars) + " characters per cell",
                           field);
  }
  return Status::Ok();
}

std::string CellWhere(const Sheet& sheet, size_t r, size_t c) {
  return SheetLabel(sheet) + ", row " + std::to_string(r) + ", column " +
         Quoted(sheet.columns[c].header);
}

std::string CellField(size_t r, size_t c) { return Index("rows", r) + Index("", c); }

// A control character; with `allow_whitespace` tab, LF and CR excepted (XML 1.0 holds those).
// libxlsxwriter escapes the others in cell text ("_x0001_") but not in sheet names or document
// properties, where they would make the file unreadable.
bool HasControlCharacter(std::string_view s, bool allow_whitespace) {
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x20) continue;
    if (!allow_whitespace || (b != '\t' && b != '\n' && b != '\r')) return true;
  }
  return false;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The Excel limits of one sheet whose table has passed ValidateTable.
Status CheckExcelLimits(const Sheet& sheet) {
  const std::string label = SheetLabel(sheet);
  if (sheet.columns.size() > kMaxColumns) {
    return InvalidArgument(label + " has " + std::to_string(sheet.columns.size()) +
                               " columns; Excel allows " + std::to_string(kMaxColumns),
                           "columns");
  }
  bool has_money = false;
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    const Column& col = sheet.columns[c];
    has_money = has_money || col.kind == Column::Kind::kMoney;
    const std::string field = Index("columns", c);
    if (col.width_chars < 0 || col.width_chars > kMaxColumnWidth) {
      return InvalidArgument(label + ", column " + Quoted(col.header) + ": width " +
                                 std::to_string(col.width_chars) +
                                 " is outside 0-255 characters (0 is Excel's default)",
                             field + ".width_chars");
    }
    NABIJ_RETURN_IF_ERROR(CheckTextLength(col.header, label + ", header of column " +
                                                          std::to_string(c),
                                          field + ".header"));
  }
  for (size_t n = 0; n < sheet.notes.size(); ++n) {
    NABIJ_RETURN_IF_ERROR(
        CheckTextLength(sheet.notes[n], label + ", note " + std::to_string(n), Index("notes", n)));
  }
  // Notes, an empty row after them, the header, the data and the totals row.
  const size_t used = (sheet.notes.empty() ? 0 : sheet.notes.size() + 1) + 1 + (has_money ? 1 : 0);
  if (sheet.rows.size() > kMaxRows - used) {
    return InvalidArgument(label + " has " + std::to_string(sheet.rows.size()) +
                               " rows; with its notes, header and totals Excel has room for " +
                               std::to_string(kMaxRows - used),
                           "rows");
  }

  // Totals of the money columns, to keep each SUM within Excel's precision too. 128 bits: a
  // million amounts of up to 10^15 cents each cannot overflow them.
  std::vector<__int128> totals(sheet.columns.size(), 0);
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      const Cell& cell = sheet.rows[r][c];
      const std::string field = CellField(r, c);
      if (const auto* text = std::get_if<std::string>(&cell)) {
        NABIJ_RETURN_IF_ERROR(CheckTextLength(*text, CellWhere(sheet, r, c), field));
      } else if (const auto* number = std::get_if<int64_t>(&cell)) {
        if (*number > kMaxExcelMagnitude || *number < -kMaxExcelMagnitude) {
          return InvalidArgument(CellWhere(sheet, r, c) + ": " + std::to_string(*number) +
                                     " has more than the 15 significant digits an Excel number "
                                     "holds",
                                 field);
        }
      } else if (const auto* money = std::get_if<Money>(&cell)) {
        const int64_t cents = money->cents();
        if (cents > kMaxExcelMagnitude || cents < -kMaxExcelMagnitude) {
          return InvalidArgument(CellWhere(sheet, r, c) + ": " + FormatEuro(*money) +
                                     " has more than the 15 significant digits an Excel number "
                                     "holds",
                                 field);
        }
        totals[c] += cents;
      } else {
        const Date date = std::get<Date>(cell);
        if (date.year() < kMinExcelYear || date.year() > kMaxExcelYear) {
          return InvalidArgument(CellWhere(sheet, r, c) + ": " + date.ToString() +
                                     " is outside Excel's dates (years 1900-9999)",
                                 field);
        }
      }
    }
  }
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    if (totals[c] > kMaxExcelMagnitude || totals[c] < -kMaxExcelMagnitude) {
      return InvalidArgument(label + ", column " + Quoted(sheet.columns[c].header) +
                                 ": the total has more than the 15 significant digits an Excel "
                                 "number holds",
                             Index("columns", c));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view KindName(Column::Kind kind) {
  switch (kind) {
    case Column::Kind::kText:
      return "text";
    case Column::Kind::kNumber:
      return "whole number";
    case Column::Kind::kMoney:
      return "money";
    case Column::Kind::kDate:
      return "date";
  }
  return "unknown";
}

Column::Kind KindOf(const Cell& cell) {
  switch (cell.index()) {
    case 0:
      return Column::Kind::kText;
    case 1:
      return Column::Kind::kNumber;
    case 2:
      return Column::Kind::kMoney;
    default:
      return Column::Kind::kDate;
  }
}

Status ValidateTable(const Sheet& sheet) {
  const std::string label = SheetLabel(sheet);
  if (sheet.columns.empty()) return InvalidArgument(label + " has no columns", "columns");
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    NABIJ_RETURN_IF_ERROR(CheckUtf8(sheet.columns[c].header,
                                    label + ", header of column " + std::to_string(c),
                                    Index("columns", c) + ".header"));
  }
  for (size_t n = 0; n < sheet.notes.size(); ++n) {
    NABIJ_RETURN_IF_ERROR(
        CheckUtf8(sheet.notes[n], label + ", note " + std::to_string(n), Index("notes", n)));
  }
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<Cell>& row = sheet.rows[r];
    if (row.size() != sheet.columns.size()) {
      return InvalidArgument(label + ", row " + std::to_string(r) + ": has " +
                                 std::to_string(row.size()) + " cells, the sheet has " +
                                 std::to_string(sheet.columns.size()) + " columns",
                             Index("rows", r));
    }
    for (size_t c = 0; c < row.size(); ++c) {
      const Column::Kind want = sheet.columns[c].kind;
      const Column::Kind got = KindOf(row[c]);
      if (got != want) {
        return InvalidArgument(CellWhere(sheet, r, c) + ": the cell is " +
                                   std::string(KindName(got)) + ", the column holds " +
                                   std::string(KindName(want)),
                               CellField(r, c));
      }
      if (const auto* text = std::get_if<std::string>(&row[c])) {
        NABIJ_RETURN_IF_ERROR(CheckUtf8(*text, CellWhere(sheet, r, c), CellField(r, c)));
      }
    }
  }
  return Status::Ok();
}

Status ValidateSheetName(std::string_view name) {
  const std::string label = "sheet name " + Quoted(name);
  if (name.empty()) return InvalidArgument("a sheet needs a name", "name");
  const std::optional<size_t> length = Utf16Length(name);
  if (!length) return InvalidArgument(label + " is not valid UTF-8", "name");
  if (HasControlCharacter(name, /*allow_whitespace=*/false)) {
    return InvalidArgument(label + " contains a control character", "name");
  }
  if (*length > kMaxSheetNameChars) {
    return InvalidArgument(label + " has " + std::to_string(*length) +
                               " characters; Excel allows at most 31",
                           "name");
  }
  for (char ch : name) {
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) {
      return InvalidArgument(label + " contains '" + std::string(1, ch) +
                                 "'; Excel does not allow any of [ ] : * ? / \\ in a sheet name",
                             "name");
    }
  }
  if (name.front() == '\'' || name.back() == '\'') {
    return InvalidArgument(label + " begins or ends with an apostrophe, which Excel does not allow",
                           "name");
  }
  if (EqualsIgnoringAsciiCase(name, "History")) {
    return InvalidArgument(label + " is reserved by Excel", "name");
  }
  return Status::Ok();
}

Status ValidateWorkbook(const Workbook& workbook) {
  if (workbook.sheets.empty()) return InvalidArgument("the workbook has no sheets", "sheets");
  if (!Utf16Length(workbook.title)) {
    return InvalidArgument("the workbook title is not valid UTF-8", "title");
  }
  if (HasControlCharacter(workbook.title, /*allow_whitespace=*/true)) {
    return InvalidArgument("the workbook title contains a control character", "title");
  }
  for (size_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    const std::string prefix = Index("sheets", i);
    NABIJ_RETURN_IF_ERROR(ValidateSheetName(sheet.name).WithFieldPrefix(prefix));
    for (size_t j = 0; j < i; ++j) {
      if (EqualsIgnoringAsciiCase(sheet.name, workbook.sheets[j].name)) {
        return InvalidArgument("sheet name " + Quoted(sheet.name) + " is already used by sheet " +
                                   std::to_string(j) + " (Excel ignores case in sheet names)",
                               prefix + ".name");
      }
    }
    NABIJ_RETURN_IF_ERROR(ValidateTable(sheet).WithFieldPrefix(prefix));
    NABIJ_RETURN_IF_ERROR(CheckExcelLimits(sheet).WithFieldPrefix(prefix));
  }
  return Status::Ok();
}

}  // namespace nabij::sheets
