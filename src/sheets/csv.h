// CSV export of one Sheet, in the dialect that Dutch Excel opens with a double click.
//
// The text starts with a UTF-8 byte order mark, without which Excel reads the file as Windows-1252
// and turns "é" into "Ã©". Then a line of headers and one line per row, fields separated by ';'
// (the list separator of Dutch Windows; a ',' would split amounts), each line ending in CRLF.
// Quoting follows RFC 4180: a field that contains ';', '"', CR or LF is put in double quotes and
// each '"' in it is doubled. Values:
//   text          as is, except as below
//   whole number  "-42"
//   money         a decimal comma, two decimals, no thousands separator: "1401,50", "-1234,05"
//                 (what Dutch Excel reads as a number; integer cents in, no floating point)
//   date          ISO 8601: "2026-06-01"
//
// Notes are NOT written. A CSV file is one table: a line above the header would become a data row
// for Excel's filters and sorting and for any program that reads the file. Use WriteXlsxFile
// (xlsx_writer.h) to keep the notes with the table.
//
// Formula injection: Excel runs a CSV field that begins with '=', '+', '-' or '@' as a formula
// (e.g. "=HYPERLINK(...)" typed by a citizen into a free-text field). A text cell or header that
// begins with one of those, or with a tab or CR, is therefore written with a leading apostrophe
// ("'=1+1"), as OWASP advises; Excel then shows it as text. Numbers, money and dates are written
// by this code and never get one. The .xlsx writer has no such problem: its text cells are typed.
//
// Pure and thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "sheets/sheet.h"

namespace nabij::sheets {

// The CSV text of `sheet` as described above. Returns the Status of ValidateTable
// (kInvalidArgument naming the row and column) if the table is not well formed; the sheet's name
// is not checked, as CSV does not use it.
Result<std::string> ToCsv(const Sheet& sheet);

// Writes ToCsv(sheet) to `path` through a temporary file beside it that is renamed over `path`
// when complete (mode 0600: exports hold personal data). Returns kInvalidArgument as ToCsv does,
// or kIo if the file cannot be written; `path` is then as it was before.
Status WriteCsvFile(const Sheet& sheet, const std::filesystem::path& path);

}  // namespace nabij::sheets
