// SqliteDebtStore: debt::DebtStore on SQLite (the debt_* tables of migration 4, and the ledger
// tables of migration 1 for the fund's entries).
//
// Save runs in one BEGIN IMMEDIATE transaction: each dossier row is updated only where its version
// is the one it was loaded with (else kConflict), its claims, offers and forgiveness are upserted
// by key, new repayments inserted (the table is append-only), and the ledger entries appended; any
// error rolls everything back. Error messages carry SQLite's text (constraint names), never a
// stored value. Works on a migrated SqliteDatabase that the caller owns and that outlives the
// store; one thread at a time, like the database.
#pragma once

#include "debt/debt_store.h"
#include "store/sqlite/database.h"

namespace nabij::store {

class SqliteDebtStore final : public debt::DebtStore {
 public:
  explicit SqliteDebtStore(SqliteDatabase& db) : db_(db) {}
  SqliteDebtStore(const SqliteDebtStore&) = delete;
  SqliteDebtStore& operator=(const SqliteDebtStore&) = delete;

  Result<int64_t> CreateDossier(const debt::Dossier& d) override;
  Result<debt::Dossier> LoadDossier(int64_t id) override;
  Result<std::vector<debt::Dossier>> LoadDossiers() override;
  Result<std::vector<int64_t>> DossiersOf(const std::string& household_ref) override;
  Status Save(const std::vector<debt::Dossier>& dossiers,
              const std::vector<ledger::Entry>& entries) override;
  Status AddTasks(const std::vector<debt::OutreachTask>& tasks) override;
  Result<std::vector<debt::OutreachTask>> Tasks() override;
  Result<std::vector<ledger::Entry>> Entries() override;

 private:
  // Loads dossiers WHERE id = ?1 (id > 0) or all (id == 0).
  Result<std::vector<debt::Dossier>> Load(int64_t id);
  Status WriteChildren(const debt::Dossier& d);
  Status AppendEntry(const ledger::Entry& e);

  SqliteDatabase& db_;
};

}  // namespace nabij::store
