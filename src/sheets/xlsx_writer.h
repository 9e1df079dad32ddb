// .xlsx export of a Workbook, through libxlsxwriter (xlsx_writer.cc is the only file that uses it).
//
// Each Sheet becomes a worksheet, in order, laid out as:
//   notes          one per row from A1, then an empty row (none of these if there are no notes)
//   header row     bold; the pane is frozen below it and an autofilter covers header and data
//   data rows      text as text; whole numbers as numbers; money as numbers in cents / 100 with the
//                  format "€ #,##0.00" (Dutch Excel shows "€ 1.401,50"); dates as Excel dates
//                  with the format "dd-mm-yyyy"
//   totals row     only if the sheet has a money column: "Totaal" in the first column (unless that
//                  column is money) and under each money column a bold =SUM() over its data rows,
//                  stored with its value summed in integer cents, so viewers that do not
//                  recalculate show the right total too. Below the autofilter range, so sorting
//                  leaves it in place; SUM counts rows hidden by a filter as well.
// Column widths come from Column::width_chars; the workbook title becomes the document title.
//
// The whole workbook is held in memory until it is written (libxlsxwriter's default mode), which
// suits the exports of a municipality (tens of thousands of rows), not a national data set.
// Thread-safe for distinct workbooks and paths: libxlsxwriter keeps its state per workbook.
#pragma once

#include <filesystem>

#include "base/status.h"
#include "sheets/sheet.h"

namespace nabij::sheets {

// Writes `workbook` to `path` as described above, through a temporary file beside it that is
// renamed over `path` when complete (mode 0600: exports hold personal data).
// Returns, and leaves `path` as it was:
//   kInvalidArgument  the Status of ValidateWorkbook (sheet, row and column are named), or a path
//                     that names no file
//   kIo               the file or libxlsxwriter's temporary files cannot be written; the message
//                     includes libxlsxwriter's own (lxw_strerror)
//   kInternal         libxlsxwriter refused something ValidateWorkbook let through (a bug here)
Status WriteXlsxFile(const Workbook& workbook, const std::filesystem::path& path);

}  // namespace nabij::sheets
