#include "sheets/csv.h"

#include <string_view>

#include "sheets/temp_file.h"

namespace nabij::sheets {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr char kSeparator = ';';
constexpr std::string_view kLineEnd = "\r\n";  // RFC 4180

// First characters that make Excel read a CSV field as a formula (OWASP, "CSV Injection").
bool StartsLikeFormula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

void AppendText(std::string_view text, std::string& out) {
  const bool guard = StartsLikeFormula(text);
  const bool quote = text.find_first_of(";\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  if (guard) out += '\'';
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  if (quote) out += '"';
}

// "1401,50": FormatDecimal's point becomes the decimal comma of Dutch Excel.
void AppendMoney(Money m, std::string& out) {
  std::string s = FormatDecimal(m);
  s[s.size() - 3] = ',';
  out += s;
}

void AppendCell(const Cell& cell, std::string& out) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    AppendText(*text, out);
  } else if (const auto* number = std::get_if<int64_t>(&cell)) {
    out += std::to_string(*number);
  } else if (const auto* money = std::get_if<Money>(&cell)) {
    AppendMoney(*money, out);
  } else {
    out += std::get<Date>(cell).ToString();
  }
}

}  // namespace

Result<std::string> ToCsv(const Sheet& sheet) {
  NABIJ_RETURN_IF_ERROR(ValidateTable(sheet));
  std::string out(kBom);
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    if (c > 0) out += kSeparator;
    AppendText(sheet.columns[c].header, out);
  }
  out += kLineEnd;
  for (const std::vector<Cell>& row : sheet.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += kSeparator;
      AppendCell(row[c], out);
    }
    out += kLineEnd;
  }
  return out;
}

Status WriteCsvFile(const Sheet& sheet, const std::filesystem::path& path) {
  NABIJ_ASSIGN_OR_RETURN(std::string csv, ToCsv(sheet));
  NABIJ_ASSIGN_OR_RETURN(internal::TempFile file, internal::TempFile::Create(path));
  NABIJ_RETURN_IF_ERROR(file.Write(csv));
  return file.Commit();
}

}  // namespace nabij::sheets
