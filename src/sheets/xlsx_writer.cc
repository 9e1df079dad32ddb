// The libxlsxwriter adapter: the only file of nabij that includes its headers.
//
// Everything that can be wrong with the input is found by ValidateWorkbook before libxlsxwriter
// sees it, so an error from libxlsxwriter is either the file system (kIo) or a bug (kInternal).
#include "sheets/xlsx_writer.h"

#include <locale.h>
#include <xlsxwriter.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "sheets/temp_file.h"

namespace nabij::sheets {
namespace {

constexpr const char* kMoneyFormat = "€ #,##0.00";
constexpr const char* kDateFormat = "dd-mm-yyyy";
constexpr const char* kTotalLabel = "Totaal";

// libxlsxwriter formats numbers with snprintf, which follows the locale: under a Dutch LC_NUMERIC
// it would write "1401,5" and Excel would find the file corrupt. For as long as it lives, this
// switches the calling thread (only) to the "C" locale; workbook_close, which formats the numbers,
// runs in this thread.
class ScopedCLocale {
 public:
  ScopedCLocale() : c_(::newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr))) {
    if (c_ != static_cast<locale_t>(nullptr)) previous_ = ::uselocale(c_);
  }
  ~ScopedCLocale() {
    if (c_ == static_cast<locale_t>(nullptr)) return;
    ::uselocale(previous_);
    ::freelocale(c_);
  }
  ScopedCLocale(const ScopedCLocale&) = delete;
  ScopedCLocale& operator=(const ScopedCLocale&) = delete;
  // False only if the C locale could not be allocated (out of memory).
  bool ok() const { return c_ != static_cast<locale_t>(nullptr); }

 private:
  locale_t c_;
  locale_t previous_ = LC_GLOBAL_LOCALE;
};

struct WorkbookDeleter {
  void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookDeleter>;

Status LxwError(lxw_error err, const std::string& what, const std::string& field = {}) {
  std::string message = what + ": libxlsxwriter: " + lxw_strerror(err);
  switch (err) {
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      return Status(ErrorCode::kIo, std::move(message), field);
    default:
      return Status(ErrorCode::kInternal, std::move(message), field);
  }
}

// Money leaves integer cents here, at the output boundary, and nowhere else: an Excel cell holds
// an IEEE 754 double. Both cents and 100 are exact doubles (|cents| < 10^15 < 2^53, checked by
// ValidateWorkbook) and IEEE division is correctly rounded, so the result x is the double nearest
// to the exact decimal amount d: the same double as parsing the text "1401.50", and the one Excel
// stores when a person types 1401,50. Nothing is computed with it; totals are summed in cents.
//
// Debian's libxlsxwriter (built without USE_DTOA_LIBRARY) writes x with "%.16G", so 71.65 appears
// in the XML as "71.65000000000001". Excel still reads back x itself: that text s is the 16-digit
// decimal nearest to x, and d is a 16-digit decimal too, so |s - x| <= |d - x| < half an ulp of x,
// and x is the double nearest to s. sheets_test checks this for every amount it writes.
double ExcelNumber(Money m) { return static_cast<double>(m.cents()) / 100.0; }

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* date;
  lxw_format* total_label;
  lxw_format* total_money;
};

Result<Formats> AddFormats(lxw_workbook* wb) {
  Formats f{};
  for (lxw_format** p : {&f.header, &f.money, &f.date, &f.total_label, &f.total_money}) {
    *p = workbook_add_format(wb);
    if (*p == nullptr) return Status(ErrorCode::kInternal, "libxlsxwriter could not add a format");
  }
  format_set_bold(f.header);
  format_set_num_format(f.money, kMoneyFormat);
  format_set_num_format(f.date, kDateFormat);
  format_set_bold(f.total_label);
  format_set_bold(f.total_money);
  format_set_num_format(f.total_money, kMoneyFormat);
  return f;
}

// Writes one sheet that passed ValidateWorkbook. Returns the first libxlsxwriter error.
Status WriteSheet(lxw_workbook* wb, const Sheet& sheet, const Formats& fmt,
                  const std::string& field) {
  const std::string where = "sheet \"" + sheet.name + "\"";
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  if (ws == nullptr) {
    return Status(ErrorCode::kInternal, where + ": libxlsxwriter refused the sheet", field);
  }
  auto check = [&](lxw_error err) {
    return err == LXW_NO_ERROR ? Status::Ok() : LxwError(err, where, field);
  };

  // Row and column counts are within Excel's limits (ValidateWorkbook), so they fit.
  const auto n_cols = static_cast<lxw_col_t>(sheet.columns.size());
  const auto n_rows = static_cast<lxw_row_t>(sheet.rows.size());
  const auto n_notes = static_cast<lxw_row_t>(sheet.notes.size());

  for (lxw_row_t r = 0; r < n_notes; ++r) {
    NABIJ_RETURN_IF_ERROR(check(worksheet_write_string(ws, r, 0, sheet.notes[r].c_str(), nullptr)));
  }
  // An empty row between notes and table keeps Excel's "current region" (Ctrl+A, pivot tables)
  // to the table alone.
  const lxw_row_t header = n_notes == 0 ? 0 : n_notes + 1;
  const lxw_row_t first_data = header + 1;

  for (lxw_col_t c = 0; c < n_cols; ++c) {
    const Column& col = sheet.columns[c];
    NABIJ_RETURN_IF_ERROR(
        check(worksheet_write_string(ws, header, c, col.header.c_str(), fmt.header)));
    if (col.width_chars > 0) {
      NABIJ_RETURN_IF_ERROR(check(worksheet_set_column(ws, c, c, col.width_chars, nullptr)));
    }
  }

  for (lxw_row_t r = 0; r < n_rows; ++r) {
    const std::vector<Cell>& cells = sheet.rows[r];
    const lxw_row_t row = first_data + r;
    for (lxw_col_t c = 0; c < n_cols; ++c) {
      const Cell& cell = cells[c];
      lxw_error err = LXW_NO_ERROR;
      if (const auto* text = std::get_if<std::string>(&cell)) {
        err = worksheet_write_string(ws, row, c, text->c_str(), nullptr);
      } else if (const auto* number = std::get_if<int64_t>(&cell)) {
        // |number| < 10^15 < 2^53 (ValidateWorkbook): exact as a double.
        err = worksheet_write_number(ws, row, c, static_cast<double>(*number), nullptr);
      } else if (const auto* money = std::get_if<Money>(&cell)) {
        err = worksheet_write_number(ws, row, c, ExcelNumber(*money), fmt.money);
      } else {
        const Date date = std::get<Date>(cell);
        lxw_datetime dt{date.year(), static_cast<int>(date.month_number()),
                        static_cast<int>(date.day()), 0, 0, 0.0};
        err = worksheet_write_datetime(ws, row, c, &dt, fmt.date);
      }
      if (err != LXW_NO_ERROR) {
        return LxwError(err, where + ", row " + std::to_string(r) + ", column \"" +
                                 sheet.columns[c].header + "\"",
                        field + ".rows[" + std::to_string(r) + "][" + std::to_string(c) + "]");
      }
    }
  }

  bool has_money = false;
  for (const Column& col : sheet.columns) has_money = has_money || col.kind == Column::Kind::kMoney;
  if (has_money) {
    const lxw_row_t total_row = first_data + n_rows;
    if (sheet.columns[0].kind != Column::Kind::kMoney) {
      NABIJ_RETURN_IF_ERROR(
          check(worksheet_write_string(ws, total_row, 0, kTotalLabel, fmt.total_label)));
    }
    for (lxw_col_t c = 0; c < n_cols; ++c) {
      if (sheet.columns[c].kind != Column::Kind::kMoney) continue;
      // The total is within 10^15 cents (ValidateWorkbook); partial sums may not be.
      __int128 cents = 0;
      for (const std::vector<Cell>& cells : sheet.rows) cents += std::get<Money>(cells[c]).cents();
      const Money total = Money::Cents(static_cast<int64_t>(cents));
      if (n_rows == 0) {
        NABIJ_RETURN_IF_ERROR(check(
            worksheet_write_number(ws, total_row, c, ExcelNumber(total), fmt.total_money)));
        continue;
      }
      char range[LXW_MAX_CELL_RANGE_LENGTH];
      lxw_rowcol_to_range(range, first_data, c, first_data + n_rows - 1, c);
      const std::string formula = std::string("=SUM(") + range + ")";
      NABIJ_RETURN_IF_ERROR(check(worksheet_write_formula_num(
          ws, total_row, c, formula.c_str(), fmt.total_money, ExcelNumber(total))));
    }
  }

  worksheet_freeze_panes(ws, first_data, 0);
  return check(worksheet_autofilter(ws, header, 0, header + n_rows, n_cols - 1));
}

}  // namespace

Status WriteXlsxFile(const Workbook& workbook, const std::filesystem::path& path) {
  NABIJ_RETURN_IF_ERROR(ValidateWorkbook(workbook));
  NABIJ_ASSIGN_OR_RETURN(internal::TempFile file, internal::TempFile::Create(path));
  // libxlsxwriter opens the file by name when the workbook is closed, and replaces its content.
  NABIJ_RETURN_IF_ERROR(file.Close());

  const ScopedCLocale c_locale;
  if (!c_locale.ok()) return Status(ErrorCode::kInternal, "cannot allocate the C locale");
  WorkbookPtr wb(workbook_new(file.path().c_str()));
  if (wb == nullptr) {
    return Status(ErrorCode::kInternal, "libxlsxwriter could not create a workbook",
                  path.string());
  }
  if (!workbook.title.empty()) {
    lxw_doc_properties props{};
    // libxlsxwriter copies the strings; its struct just is not const-correct.
    props.title = const_cast<char*>(workbook.title.c_str());
    if (lxw_error err = workbook_set_properties(wb.get(), &props); err != LXW_NO_ERROR) {
      return LxwError(err, "document properties", "title");
    }
  }
  NABIJ_ASSIGN_OR_RETURN(const Formats formats, AddFormats(wb.get()));
  for (size_t i = 0; i < workbook.sheets.size(); ++i) {
    NABIJ_RETURN_IF_ERROR(WriteSheet(wb.get(), workbook.sheets[i], formats,
                                     "sheets[" + std::to_string(i) + "]"));
  }
  // workbook_close writes the file and frees the workbook, also when it fails.
  if (lxw_error err = workbook_close(wb.release()); err != LXW_NO_ERROR) {
    return LxwError(err, "writing " + path.string(), path.string());
  }
  return file.Commit();
}

}  // namespace nabij::sheets
