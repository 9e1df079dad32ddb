// The payment run as a workbook for the financial administration: totals, every payment, every
// failed case (sheets::Workbook; written as .xlsx or the payments as CSV by sheets/). Used by
// `nabij run report --xlsx/--csv` and GET /api/v1/runs/{month}/report. Payments carry the
// payee's name and IBAN: the file is for the people who check the payments, never for a log.
#pragma once

#include "base/status.h"
#include "payments/run_store.h"
#include "sheets/sheet.h"

namespace nabij::payments {

// Sheets "Totalen", "Betalingen" (index kPaymentsSheet) and "Fouten". Returns the store's errors.
Result<sheets::Workbook> RunWorkbook(RunStore& runs, const RunRecord& run, const RunTotals& totals);
inline constexpr size_t kPaymentsSheet = 1;

}  // namespace nabij::payments
