// The storage test suite's view of a backend: a way to get a fresh, empty, migrated RunStore.
//
// run_store_test.cc holds the tests every backend must pass; it asks StoreBackends() for the
// backends to run them on. Each test binary defines StoreBackends() once: sqlite_store_test.cc
// for SQLite on a real temporary file; a PostgreSQL binary can link the same suite with its own
// definition (for instance only when a test database URL is given).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "payments/run_store.h"

namespace nabij::store::testing {

// A store under test and whatever keeps it alive (database connection, temporary files).
class StoreUnderTest {
 public:
  virtual ~StoreUnderTest() = default;
  virtual payments::RunStore& store() = 0;
  // Runs SQL directly on the backend's database, past the store, to check what the schema itself
  // refuses (append-only tables). Tests use statements that are valid in SQLite and PostgreSQL.
  virtual Status ExecSql(std::string_view sql) = 0;
};

struct StoreBackend {
  std::string name;  // a test-name suffix: letters, digits, underscores
  std::function<Result<std::unique_ptr<StoreUnderTest>>()> open;
};

inline void PrintTo(const StoreBackend& b, std::ostream* os) { *os << b.name; }

// The backends this test binary runs the suite on.
std::vector<StoreBackend> StoreBackends();

}  // namespace nabij::store::testing
