#include "debt/memory_debt_store.h"

#include <utility>

namespace nabij::debt {

Result<int64_t> MemoryDebtStore::CreateDossier(const Dossier& d) {
  const int64_t id = dossiers_.empty() ? 1 : dossiers_.rbegin()->first + 1;
  Dossier stored = d;
  stored.id = id;
  stored.version = 1;
  dossiers_.emplace(id, std::move(stored));
  return id;
}

Result<Dossier> MemoryDebtStore::LoadDossier(int64_t id) {
  auto it = dossiers_.find(id);
  if (it == dossiers_.end())
    return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(id),
                  "dossier");
  return it->second;
}

Result<std::vector<Dossier>> MemoryDebtStore::LoadDossiers() {
  std::vector<Dossier> out;
  out.reserve(dossiers_.size());
  for (const auto& [id, d] : dossiers_) out.push_back(d);
  return out;
}

Result<std::vector<int64_t>> MemoryDebtStore::DossiersOf(const std::string& household_ref) {
  std::vector<int64_t> out;
  for (const auto& [id, d] : dossiers_) {
    if (d.household_ref == household_ref) out.push_back(id);
  }
  return out;
}

Status MemoryDebtStore::Save(const std::vector<Dossier>& dossiers,
                             const std::vector<ledger::Entry>& entries) {
  // Check everything first: nothing changes on any error.
  std::set<int64_t> seen;
  for (const Dossier& d : dossiers) {
    auto it = dossiers_.find(d.id);
    if (it == dossiers_.end())
      return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(d.id),
                    "dossier");
    if (it->second.version != d.version || !seen.insert(d.id).second) {
      return Status(ErrorCode::kConflict,
                    "dossier " + std::to_string(d.id) +
                        " is intussen door iemand anders gewijzigd; laad het opnieuw",
                    "version");
    }
  }
  std::set<std::string> refs;
  for (const ledger::Entry& e : entries) {
    NABIJ_RETURN_IF_ERROR(ledger::Validate(e));
    if (ledger_.FindByReference(e.reference) != nullptr || !refs.insert(e.reference).second) {
      return Status(ErrorCode::kAlreadyExists, "boeking " + e.reference + " bestaat al",
                    "reference");
    }
  }
  for (const ledger::Entry& e : entries) {
    auto appended = ledger_.Append(e);
    NABIJ_CHECK(appended.ok());  // validated above; reversals are not booked by the fund
  }
  for (const Dossier& d : dossiers) {
    Dossier& stored = dossiers_[d.id];
    stored = d;
    stored.version = d.version + 1;
  }
  return Status::Ok();
}

Status MemoryDebtStore::AddTasks(const std::vector<OutreachTask>& tasks) {
  std::set<std::tuple<std::string, SignalSector, std::string, Date>> keys;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const ArrearsSignal& s = tasks[i].signal;
    auto key = std::make_tuple(s.source, s.sector, s.household_ref, s.date);
    if (signal_keys_.count(key) != 0 || !keys.insert(key).second) {
      return Status(ErrorCode::kAlreadyExists,
                    "signaal " + std::to_string(i) + " is al eerder ingelezen",
                    "tasks[" + std::to_string(i) + "]");
    }
  }
  for (const OutreachTask& t : tasks) {
    OutreachTask stored = t;
    stored.id = static_cast<int64_t>(tasks_.size()) + 1;
    tasks_.push_back(std::move(stored));
  }
  signal_keys_.insert(keys.begin(), keys.end());
  return Status::Ok();
}

Result<std::vector<OutreachTask>> MemoryDebtStore::Tasks() { return tasks_; }

Result<std::vector<ledger::Entry>> MemoryDebtStore::Entries() { return ledger_.entries(); }

}  // namespace nabij::debt
