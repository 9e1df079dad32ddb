// SqliteCaseStore: the case administration's storage (cases::CaseStore) in nabij's SQLite
// database: applications, decisions (append-only by trigger) and monthly income changes.
//
// Works on a SqliteDatabase that the caller owns, has opened and migrated, and that outlives the
// store. A grant registers its case through SqliteRunStore (the same tables the payment run
// reads), inside the same transaction as the decision. Use from one thread at a time.
#pragma once

#include "cases/case_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/run_store.h"

namespace nabij::store {

class SqliteCaseStore final : public cases::CaseStore {
 public:
  explicit SqliteCaseStore(SqliteDatabase& db) : db_(db), runs_(db) {}
  SqliteCaseStore(const SqliteCaseStore&) = delete;
  SqliteCaseStore& operator=(const SqliteCaseStore&) = delete;

  Result<int64_t> AddApplication(const cases::ApplicationRecord& a) override;
  Result<cases::ApplicationRecord> GetApplication(int64_t id) override;
  Result<std::vector<cases::ApplicationRecord>> QueuedApplications() override;
  Result<cases::DecisionRecord> DecideApplication(int64_t application_id, const std::optional<cases::NewCase>& grant,
                                                  const cases::DecisionRecord& d,
                                                  std::optional<int> handling_days) override;
  Result<cases::DecisionRecord> GetDecision(int64_t id) override;
  Result<std::vector<cases::DecisionRecord>> Decisions(int64_t case_id) override;
  Result<cases::CaseFacts> LoadFacts(int64_t case_id) override;
  Result<std::optional<Money>> PaidBijstand(int64_t case_id, Month month) override;
  Result<Money> SettledForMonth(int64_t case_id, Month month) override;
  Result<cases::CaseChangeIds> SaveChange(const cases::CaseChange& c) override;
  Result<int64_t> EndCase(int64_t case_id, Date last_day, const cases::DecisionRecord& d) override;
  Result<std::vector<cases::CaseloadMonth>> Caseload(Month from, Month to) override;

 private:
  Result<int64_t> InsertDecision(const cases::DecisionRecord& d);
  Result<std::vector<cases::ApplicationRecord>> SelectApplications(std::string_view where, int64_t id);
  Result<std::vector<cases::DecisionRecord>> SelectDecisions(std::string_view where, int64_t id);

  SqliteDatabase& db_;
  SqliteRunStore runs_;
};

}  // namespace nabij::store
