// DebtStore: the storage the debt fund needs, declared here and implemented by store/* (SQLite) and
// by MemoryDebtStore (memory_debt_store.h, for tests and as the reference behaviour).
//
// Promises every implementation keeps (tests/store/debt_store_test.cc checks them on each backend):
// - Save is atomic: every dossier and every ledger entry of one call, or nothing.
// - Optimistic concurrency: a dossier is saved only if its stored version equals the version it
//   was loaded with (then the stored version is one higher); otherwise kConflict and nothing is
//   saved.
// - Ledger entries are append-only and their references unique (kAlreadyExists).
// - AddTasks is atomic, and a signal (source, sector, household, date) is stored once
//   (kAlreadyExists names the index of the first duplicate).
// Implementations are used from one thread at a time; separate processes may share a database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "debt/dossier.h"
#include "ledger/ledger.h"

namespace nabij::debt {

// Early signals of payment arrears (Wgs art. 4a lid 1 onder a-d: energy, water, rent, health
// insurance).
enum class SignalSector : uint8_t { kEnergie, kWater, kHuur, kZorgverzekeraar };
std::string_view SignalSectorName(SignalSector s);  // "energie", "water", "huur", "zorgverzekeraar"
std::optional<SignalSector> SignalSectorOf(std::string_view name);

struct ArrearsSignal {
  std::string source;  // the organisation that reports
  SignalSector sector = SignalSector::kEnergie;
  std::string household_ref;  // the municipality's reference of the household (no name, no BSN)
  Date date;                  // of the signal
  Money arrears;              // > 0
  int months = 0;             // months in arrears, >= 1
};

// A task for a worker to contact the household about a signal.
struct OutreachTask {
  int64_t id = 0;  // assigned by the store
  ArrearsSignal signal;
  Date created;
};

class DebtStore {
 public:
  virtual ~DebtStore() = default;
  // Stores a new dossier (its id and version are ignored) and returns its id; version becomes 1.
  virtual Result<int64_t> CreateDossier(const Dossier& d) = 0;
  // kNotFound for an unknown id.
  virtual Result<Dossier> LoadDossier(int64_t id) = 0;
  // Every dossier, by id.
  virtual Result<std::vector<Dossier>> LoadDossiers() = 0;
  // The ids of the dossiers of one household (by household_ref), ascending.
  virtual Result<std::vector<int64_t>> DossiersOf(const std::string& household_ref) = 0;
  // See the promises above. kNotFound for a dossier that is not stored; kInvalidArgument for an
  // entry that does not balance.
  virtual Status Save(const std::vector<Dossier>& dossiers,
                      const std::vector<ledger::Entry>& entries) = 0;
  virtual Status AddTasks(const std::vector<OutreachTask>& tasks) = 0;
  virtual Result<std::vector<OutreachTask>> Tasks() = 0;
  // The fund's ledger entries (references starting with "debt:"), in booking order, with their
  // postings; `reverses` and ids as stored.
  virtual Result<std::vector<ledger::Entry>> Entries() = 0;
};

}  // namespace nabij::debt
