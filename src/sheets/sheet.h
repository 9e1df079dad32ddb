// Sheet and Workbook: tables for the people in financial administration who work in Excel.
//
// A Sheet is a plain value: a name, typed columns, rows of typed cells and a few lines of notes
// that go above the table ("Betaalrun 2026-06, goedgekeurd door bert"). A Workbook is a title and
// one or more sheets. Nothing here formats or writes anything: csv.h turns a sheet into CSV text
// for Dutch Excel and xlsx_writer.h writes a workbook as an .xlsx file. Every cell keeps its type
// up to the file, so money stays integer cents until the moment it is written.
//
// The Validate functions say what the writers accept; the writers call them themselves, so a
// caller only needs them to check a table before doing other work with it. All of it is pure and
// thread-safe on distinct or unchanging values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

namespace nabij::sheets {

// One value: text, a whole number, an amount of money (integer eurocents) or a calendar date.
// The alternatives are in the order of Column::Kind.
using Cell = std::variant<std::string, int64_t, Money, Date>;

struct Column {
  enum class Kind { kText, kNumber, kMoney, kDate };

  std::string header;
  Kind kind = Kind::kText;
  // Width in characters of Excel's default font, 1-255; 0 leaves Excel's default width.
  // Only the .xlsx writer uses it.
  int width_chars = 0;
};

struct Sheet {
  // The tab name in Excel: 1-31 characters, none of [ ] : * ? / \, not beginning or ending with
  // an apostrophe, not "History" (reserved by Excel), no control characters. Not used in CSV.
  std::string name;
  std::vector<Column> columns;
  // Every row has one cell per column, of that column's kind.
  std::vector<std::vector<Cell>> rows;
  // Lines of text above the table in .xlsx (not written in CSV, see csv.h).
  std::vector<std::string> notes;
};

struct Workbook {
  std::vector<Sheet> sheets;
  // The document title (File > Info in Excel); valid UTF-8 without control characters other
  // than tab and line breaks.
  std::string title;
};

// "text", "whole number", "money" or "date", for messages.
std::string_view KindName(Column::Kind kind);
// The kind a cell holds.
Column::Kind KindOf(const Cell& cell);

// Checks the table of a sheet: at least one column; every header, text cell and note is valid
// UTF-8; every row has as many cells as there are columns and each cell is of its column's kind.
// The name is not checked (a CSV file has none). Returns kInvalidArgument naming the sheet, the
// row and the column; the field is "rows[12][3]", "columns[2].header" or "notes[0]".
Status ValidateTable(const Sheet& sheet);

// Checks a sheet name as Excel does (see Sheet::name). Returns kInvalidArgument saying why.
Status ValidateSheetName(std::string_view name);

// Checks everything WriteXlsxFile needs: at least one sheet; valid names that differ from each
// other ignoring ASCII case (as Excel compares them); ValidateTable for each sheet; and Excel's
// limits: at most 16,384 columns and 1,048,576 rows including notes, header and totals; texts of
// at most 32,767 characters; column widths 0-255; whole numbers and money (in cents, and the total
// of each money column) within 15 significant digits, which is all an Excel number holds; dates
// in the years 1900-9999. Returns kInvalidArgument; the field starts with "sheets[i]".
Status ValidateWorkbook(const Workbook& workbook);

}  // namespace nabij::sheets
