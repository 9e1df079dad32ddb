// PaymentRun: prepare, approve and export the monthly payment run.
//
// Prepare computes every pending case in batches; each batch is stored atomically, so a run that
// is killed at any point is completed by running Prepare again, without paying anyone twice or
// skipping anyone. A failing case is recorded with its reason and the run goes on. Approve needs
// a second user (four eyes). Export writes the SEPA credit transfer file of an approved run,
// validated against the official XSD, and books the payment to the bank once. Uses one RunStore
// from one thread.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "base/clock.h"
#include "payments/run_store.h"
#include "rules/parameter_set.h"
#include "sepa/pain001.h"

namespace nabij::payments {

struct PrepareResult {
  RunRecord run;
  RunTotals totals;
  int64_t computed_now = 0;  // cases computed by this call (less than totals.cases when resumed)
};

struct ExportSettings {
  std::string debtor_name;  // the municipality
  std::string debtor_iban;
  std::string debtor_bic;   // optional
  sepa::Version version = sepa::Version::kPain001_001_09;
  std::filesystem::path schema_dir;
  std::optional<Date> execution_date;  // default: the run's booking date
};

// The debt fund as the run sees it (implemented over debt::DebtFund by api/fund_collection.h):
// which instalments to withhold this month, and recording what a batch withheld. Record runs inside
// the batch's transaction (RunStore::SaveBatch's `within`), so a line and its repayment are stored
// together or not at all.
class DebtCollection {
 public:
  virtual ~DebtCollection() = default;
  // The instalment due in `month`, by benefit case id.
  virtual Result<std::map<int64_t, DebtInstalment>> Due(Month month) = 0;
  // The repayments of the outcomes with debt_withheld > 0, received on `booking_date`.
  virtual Status Record(Month month, Date booking_date, const std::vector<CaseOutcome>& outcomes) = 0;
};

class PaymentRun {
 public:
  // `debt`, when given, has the run withhold the debt fund's instalments (it must use the same
  // database connection as `store`).
  PaymentRun(RunStore& store, const rules::ParameterSet& rules, const Clock& clock,
             DebtCollection* debt = nullptr)
      : store_(store), rules_(rules), clock_(clock), debt_(debt) {}

  // Prepares the run for `month`, or completes an interrupted one. Returns the totals; an already
  // prepared (or later) run is returned as it is. `progress` is called after each batch with the
  // number of cases done in this call. Returns kRuleMissing when the month has no rules.
  Result<PrepareResult> Prepare(Month month, const std::string& user,
                                const std::function<void(int64_t)>& progress = {}, int batch_size = 500);
  // Approves a prepared run. kPermissionDenied when `user` prepared it (four eyes),
  // kFailedPrecondition when the run is not prepared.
  Status Approve(Month month, const std::string& user);
  // The SEPA file of an approved (or exported) run; the same run gives the same file.
  Result<std::string> Export(Month month, const ExportSettings& settings);

 private:
  Result<MonthRules> RulesFor(Month month, const std::string& gemeente);

  RunStore& store_;
  const rules::ParameterSet& rules_;
  const Clock& clock_;
  DebtCollection* debt_;
  std::map<std::string, pw::Params> pw_params_;
  std::optional<bvv::Params> bvv_params_;
  Month params_month_;
};

}  // namespace nabij::payments
