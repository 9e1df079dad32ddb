// The auth storage suite's view of a backend: a fresh, empty AuthStore (migrated, for a database).
//
// auth_store_test.cc holds the tests every auth::AuthStore must pass; auth_store_backends.cc says
// which backends this binary runs them on (the in-memory store and SQLite on a real temporary
// file; a PostgreSQL binary can link the same suite with its own list).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_store.h"
#include "base/status.h"

namespace nabij::store::testing {

class AuthStoreUnderTest {
 public:
  virtual ~AuthStoreUnderTest() = default;
  virtual auth::AuthStore& store() = 0;
  // True for a backend with SQL underneath; ExecSql then runs SQL past the store, to check what
  // the schema itself refuses.
  virtual bool has_sql() const = 0;
  virtual Status ExecSql(std::string_view sql) = 0;
  // A second store on the same data (another connection or process), for races.
  virtual Result<std::unique_ptr<auth::AuthStore>> OpenAnother() = 0;
};

struct AuthStoreBackend {
  std::string name;  // a test-name suffix
  std::function<Result<std::unique_ptr<AuthStoreUnderTest>>()> open;
};

inline void PrintTo(const AuthStoreBackend& b, std::ostream* os) { *os << b.name; }

std::vector<AuthStoreBackend> AuthStoreBackends();

}  // namespace nabij::store::testing
