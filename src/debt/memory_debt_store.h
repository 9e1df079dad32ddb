// MemoryDebtStore: DebtStore in memory, for tests and as the reference behaviour of the interface.
// Keeps the ledger in a ledger::Ledger, so entries are validated exactly as the domain does.
// Not thread-safe.
#pragma once

#include <map>
#include <set>
#include <tuple>

#include "debt/debt_store.h"

namespace nabij::debt {

class MemoryDebtStore final : public DebtStore {
 public:
  Result<int64_t> CreateDossier(const Dossier& d) override;
  Result<Dossier> LoadDossier(int64_t id) override;
  Result<std::vector<Dossier>> LoadDossiers() override;
  Result<std::vector<int64_t>> DossiersOf(const std::string& household_ref) override;
  Status Save(const std::vector<Dossier>& dossiers,
              const std::vector<ledger::Entry>& entries) override;
  Status AddTasks(const std::vector<OutreachTask>& tasks) override;
  Result<std::vector<OutreachTask>> Tasks() override;
  Result<std::vector<ledger::Entry>> Entries() override;

 private:
  std::map<int64_t, Dossier> dossiers_;
  ledger::Ledger ledger_;
  std::vector<OutreachTask> tasks_;
  std::set<std::tuple<std::string, SignalSector, std::string, Date>> signal_keys_;
};

}  // namespace nabij::debt
