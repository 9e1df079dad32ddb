// SqliteRunStore: the payment run's storage (payments::RunStore) in nabij's SQLite database.
//
// Works on a SqliteDatabase that the caller owns, has opened and migrated, and that outlives the
// store. The promises of RunStore are kept by the schema itself: run_lines has the key
// (run_id, case_id), so a case cannot get a second line in a run; SaveBatch writes a whole batch
// in one BEGIN IMMEDIATE transaction; the ledger tables are append-only (triggers).
//
// Ids: AddCase assigns the case id and new ids for the persons, instructions, garnishments and
// recoveries; the ids in the RunCase it is given (case_id, HouseholdHistory's applicant_id and
// person_id, the ids of instructions, garnishments and recoveries) are the caller's local
// numbering, used only to tie facts to persons. LoadPendingCases returns database ids
// throughout. A housemate's Housemate::birth is not stored separately: the member's birth is
// (InputForMonth uses that), and it comes back in both fields.
//
// LoadPendingCases reads a batch with one query per table (the batch's case ids in a temporary
// table), so a run over 100,000 cases costs a few hundred queries. SaveBatch writes the lines,
// payments and recovery offsets of a batch with up to 64 rows per INSERT, and each ledger entry
// with its postings in two statements; if anything in the batch breaks a rule, it rolls back and
// stores the batch again one row per statement, in case order, so that the error names the first
// case at fault (and nothing of the batch is stored either way). Prepared statements are cached
// in the store. Like the database, a store may be used from one thread at a time; several
// processes may each have their own over the same file.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <utility>

#include "payments/case_files.h"
#include "payments/run_store.h"
#include "store/sqlite/database.h"

namespace nabij::store {

class SqliteRunStore final : public payments::RunStore, public payments::CaseFiles {
 public:
  explicit SqliteRunStore(SqliteDatabase& db) : db_(db) {}
  SqliteRunStore(const SqliteRunStore&) = delete;
  SqliteRunStore& operator=(const SqliteRunStore&) = delete;

  // Returns kInvalidArgument when an income or period names a person who is neither the
  // applicant nor a member, when one person has two birth dates, or when the data break a
  // constraint of the schema (the message names the constraint, never a value).
  Result<int64_t> AddCase(const payments::RunCase& c) override;
  // AddCase for many cases in one transaction (all or none), for demo data and migrations:
  // 100,000 demo cases take about 4 s here against 18 s with a transaction per AddCase.
  // Errors name the case ("cases[3].history.incomes[0].person_id").
  Result<std::vector<int64_t>> AddCases(std::span<const payments::RunCase> cases);
  Result<std::optional<payments::RunRecord>> FindRun(Month month) override;
  Result<std::vector<payments::RunRecord>> ListRuns() override;
  Result<payments::RunRecord> CreateRun(const payments::RunRecord& run) override;
  // Returns kNotFound for an unknown run, kInvalidArgument when the run is for another month or
  // limit < 1.
  Result<std::vector<payments::RunCase>> LoadPendingCases(int64_t run_id, Month month, int64_t after_case_id,
                                                          int limit) override;
  // A person (birth date only) who joins case `case_id` as m.role from m.valid_from; returns the
  // new person's id. Inside a caller's transaction it is part of it (a savepoint).
  Result<int64_t> AddMember(int64_t case_id, const pw::MemberFact& m);
  // One case with all its facts and the balances after every run so far (as LoadPendingCases
  // gives them); kNotFound for an unknown id. For recomputing a month and showing a case.
  Result<payments::RunCase> LoadCase(int64_t case_id);
  // Besides kAlreadyExists: kInvalidArgument for an entry that does not balance or data that break
  // a constraint, kFailedPrecondition when the run is no longer being prepared, kNotFound for an
  // unknown run. Nothing of the batch is stored on any error.
  Status SaveBatch(int64_t run_id, const std::vector<payments::CaseOutcome>& outcomes,
                   const std::function<Status()>& within = {}) override;
  // kFailedPrecondition when the run is not in status `from`; kNotFound for an unknown run.
  Status SetStatus(int64_t run_id, payments::RunStatus from, payments::RunStatus to,
                   const std::string& user) override;
  Result<payments::RunTotals> Totals(int64_t run_id) override;
  Result<std::vector<payments::FailedLine>> FailedLines(int64_t run_id) override;
  Result<std::vector<payments::Payment>> Payments(int64_t run_id) override;
  // kInvalidArgument for an entry that does not balance (ledger::Validate) or that reverses an
  // entry not in the ledger. The entry's id is assigned by the database.
  Status AppendEntryOnce(const ledger::Entry& e) override;
  // Over the booking dates [1900-01-01, until + 1 day).
  Result<ledger::TrialBalance> TrialBalance(Date until) override;

  // payments::CaseFiles. A search by case number or BSN is an index lookup, by a name fragment a
  // scan of the applicants' names; opening a file
  // reads the case as LoadPendingCases reads a batch of one, plus its run lines, in one read
  // transaction.
  Result<std::vector<payments::CaseSummary>> SearchCases(const payments::CaseQuery& query) override;
  Result<std::optional<payments::CaseFile>> LoadCaseFile(int64_t id) override;

 private:
  // A cached statement, reset (and its bindings cleared) when the Use goes out of scope.
  class Use {
   public:
    explicit Use(Statement& s) : s_(&s) {}
    ~Use() { s_->Reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Statement* operator->() const { return s_; }
    Statement& operator*() const { return *s_; }

   private:
    Statement* s_;
  };

  // The prepared statement for `sql` (a string constant: its address is the key).
  Result<Statement*> Cached(const char* sql);
  // The prepared INSERT `head` followed by `rows` rows of `columns` parameters each.
  Result<Statement*> CachedRows(const char* head, int columns, size_t rows);
  // Inserts n rows with as few statements as CachedRows allows; bind(statement, first parameter
  // of the row, row index) binds one row.
  template <typename Bind>
  Status InsertRows(const char* head, int columns, size_t n, Bind&& bind);
  // SaveBatch's work inside its transaction: many rows per statement, or one (to name the case
  // that fails).
  Status SaveBatchRows(int64_t run_id, const std::vector<payments::CaseOutcome>& outcomes);
  Status SaveBatchRowByRow(int64_t run_id, const std::vector<payments::CaseOutcome>& outcomes);
  Status EnsureBatchTable();
  // The cases listed in temp.run_batch with all their facts; vakantietoeslag reserved in every run
  // but `run_id` is added to vt_reserved.
  Result<std::vector<payments::RunCase>> LoadBatchCases(int64_t run_id);
  Status CheckRun(int64_t run_id, std::optional<Month> month, bool must_be_preparing);
  Status InsertEntry(const ledger::Entry& e);
  // AddCase's work inside the caller's transaction.
  Result<int64_t> InsertCase(const payments::RunCase& c);
  Status InsertMember(int64_t case_id, int64_t person_id, const pw::MemberFact& m);

  SqliteDatabase& db_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
  std::map<std::pair<const char*, size_t>, std::unique_ptr<Statement>> rows_cache_;
  bool batch_table_ready_ = false;
};

}  // namespace nabij::store
