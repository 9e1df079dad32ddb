// The debt storage suite's view of a backend: a fresh, empty DebtStore (migrated, for a database).
//
// debt_store_test.cc holds the tests every debt::DebtStore must pass; debt_store_backends.cc says
// which backends this binary runs them on (the in-memory store and SQLite on a real temporary
// file; a PostgreSQL binary can link the same suite with its own list).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "debt/debt_store.h"

namespace nabij::store::testing {

class DebtStoreUnderTest {
 public:
  virtual ~DebtStoreUnderTest() = default;
  virtual debt::DebtStore& store() = 0;
  // True for a backend with SQL underneath; ExecSql then runs SQL past the store.
  virtual bool has_sql() const = 0;
  virtual Status ExecSql(std::string_view sql) = 0;
  // A second store on the same data (another connection, as another process would have), for
  // two workers saving one dossier; kUnimplemented where the backend has one process only.
  virtual Result<std::unique_ptr<debt::DebtStore>> OpenAnother() = 0;
};

struct DebtStoreBackend {
  std::string name;
  std::function<Result<std::unique_ptr<DebtStoreUnderTest>>()> open;
};

inline void PrintTo(const DebtStoreBackend& b, std::ostream* os) { *os << b.name; }

std::vector<DebtStoreBackend> DebtStoreBackends();

}  // namespace nabij::store::testing
