// RunStore: the storage the payment run needs, declared here and implemented by store/*.
//
// The run is idempotent and crash-safe because of three promises an implementation keeps:
// SaveBatch is atomic (all of a batch's lines, payments, ledger entries and recovery progress, or
// nothing), a case has at most one line per run (a second save of the same case is refused), and
// LoadPendingCases returns only cases that have no line in the run yet. Implementations must be
// safe to use from one thread at a time; separate processes may share the database.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "payments/run_case.h"

namespace nabij::payments {

enum class RunStatus : uint8_t { kPreparing, kPrepared, kApproved, kExported };
std::string_view RunStatusName(RunStatus s);

struct RunRecord {
  int64_t id = 0;
  Month month;
  RunStatus status = RunStatus::kPreparing;
  std::string prepared_by;
  std::string approved_by;
  std::string rules_version;
  Date booking_date;
  std::string created_at;  // ISO UTC, from the Clock, used in the SEPA header
};

struct RunTotals {
  int64_t cases = 0;
  int64_t failed = 0;
  Money bijstand, vt_reserved, vt_paid, garnished, recovered, direct, to_client;
  Money debt_withheld;  // of to_client: withheld for the debt fund
  int64_t payments = 0;
};

struct FailedLine {
  int64_t case_id = 0;
  std::string error_code;
  std::string error_message;
};

class RunStore {
 public:
  virtual ~RunStore() = default;

  // Registers a case with all its facts; returns its id. For demo data and tests; the case
  // administration will register cases through its own interface on the same tables.
  virtual Result<int64_t> AddCase(const RunCase& c) = 0;

  virtual Result<std::optional<RunRecord>> FindRun(Month month) = 0;
  // Every run, the newest month first.
  virtual Result<std::vector<RunRecord>> ListRuns() = 0;
  // Returns kAlreadyExists if a run for the month exists.
  virtual Result<RunRecord> CreateRun(const RunRecord& run) = 0;
  // Cases with a right in the month or that ended at most three months before it, without a line
  // in the run yet, with id > after_case_id, ordered by id, at most `limit`. The carried-over
  // balances (vt_reserved, remaining of garnishments and recoveries) are as after all earlier runs.
  virtual Result<std::vector<RunCase>> LoadPendingCases(int64_t run_id, Month month, int64_t after_case_id,
                                                        int limit) = 0;
  // Atomically stores the outcomes: one line per case, its payments, its ledger entry, recovery
  // progress. Refuses (kAlreadyExists) a case that already has a line in the run. `within`, when
  // given, runs inside the same transaction after the rows are written (on the same connection:
  // the debt fund's repayments of the batch); its error rolls the whole batch back.
  virtual Status SaveBatch(int64_t run_id, const std::vector<CaseOutcome>& outcomes,
                           const std::function<Status()>& within = {}) = 0;
  virtual Status SetStatus(int64_t run_id, RunStatus from, RunStatus to, const std::string& user) = 0;
  virtual Result<RunTotals> Totals(int64_t run_id) = 0;
  virtual Result<std::vector<FailedLine>> FailedLines(int64_t run_id) = 0;
  // All payments of the run, ordered by case and sequence.
  virtual Result<std::vector<Payment>> Payments(int64_t run_id) = 0;
  // Appends a ledger entry unless its reference exists (then Ok: idempotent).
  virtual Status AppendEntryOnce(const ledger::Entry& e) = 0;
  // The trial balance over every entry booked up to and including `until`.
  virtual Result<ledger::TrialBalance> TrialBalance(Date until) = 0;
};

}  // namespace nabij::payments
