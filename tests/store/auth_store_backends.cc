// The backends of the auth storage suite: the in-memory store and SQLite on a temporary file.
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "auth/memory_auth_store.h"
#include "auth_store_backend.h"
#include "store/sqlite/auth_store.h"
#include "store/sqlite/database.h"

namespace nabij::store::testing {
namespace {

class MemoryUnderTest final : public AuthStoreUnderTest {
 public:
  auth::AuthStore& store() override { return store_; }
  bool has_sql() const override { return false; }
  Status ExecSql(std::string_view) override { return Status(ErrorCode::kUnimplemented, "no SQL in memory"); }
  Result<std::unique_ptr<auth::AuthStore>> OpenAnother() override {
    return Status(ErrorCode::kUnimplemented, "one process only");
  }

 private:
  auth::MemoryAuthStore store_;
};

// A SQLite file in a fresh temporary directory, removed afterwards.
class SqliteUnderTest final : public AuthStoreUnderTest {
 public:
  static Result<std::unique_ptr<AuthStoreUnderTest>> Open() {
    auto t = std::make_unique<SqliteUnderTest>();
    std::string tmpl = (std::filesystem::temp_directory_path() / "nabij_auth_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) return Status(ErrorCode::kIo, "mkdtemp failed");
    t->dir_ = tmpl;
    NABIJ_ASSIGN_OR_RETURN(t->db_, SqliteDatabase::Open(t->dir_ / "nabij.db"));
    NABIJ_RETURN_IF_ERROR(t->db_->Migrate());
    t->store_ = std::make_unique<SqliteAuthStore>(*t->db_);
    return std::unique_ptr<AuthStoreUnderTest>(std::move(t));
  }
  ~SqliteUnderTest() override {
    others_.clear();
    store_.reset();
    db_.reset();
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  auth::AuthStore& store() override { return *store_; }
  bool has_sql() const override { return true; }
  Status ExecSql(std::string_view sql) override { return db_->Exec(sql); }
  Result<std::unique_ptr<auth::AuthStore>> OpenAnother() override {
    NABIJ_ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(dir_ / "nabij.db"));
    auto store = std::make_unique<SqliteAuthStore>(*db);
    others_.push_back(std::move(db));
    return std::unique_ptr<auth::AuthStore>(std::move(store));
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<SqliteAuthStore> store_;
  std::vector<std::unique_ptr<SqliteDatabase>> others_;
};

}  // namespace

std::vector<AuthStoreBackend> AuthStoreBackends() {
  return {
      {"memory", [] { return Result<std::unique_ptr<AuthStoreUnderTest>>(std::make_unique<MemoryUnderTest>()); }},
      {"sqlite", [] { return SqliteUnderTest::Open(); }},
  };
}

}  // namespace nabij::store::testing
