// The backends of the debt storage suite: the in-memory store and SQLite on a temporary file.
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "debt/memory_debt_store.h"
#include "debt_store_backend.h"
#include "store/sqlite/database.h"
#include "store/sqlite/debt_store.h"

namespace nabij::store::testing {
namespace {

class MemoryUnderTest final : public DebtStoreUnderTest {
 public:
  debt::DebtStore& store() override { return store_; }
  bool has_sql() const override { return false; }
  Status ExecSql(std::string_view) override {
    return Status(ErrorCode::kUnimplemented, "no SQL in memory");
  }
  Result<std::unique_ptr<debt::DebtStore>> OpenAnother() override {
    return Status(ErrorCode::kUnimplemented, "one process only");
  }

 private:
  debt::MemoryDebtStore store_;
};

class SqliteUnderTest final : public DebtStoreUnderTest {
 public:
  static Result<std::unique_ptr<DebtStoreUnderTest>> Open() {
    auto t = std::make_unique<SqliteUnderTest>();
    std::string tmpl = (std::filesystem::temp_directory_path() / "nabij_debt_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) return Status(ErrorCode::kIo, "mkdtemp failed");
    t->dir_ = tmpl;
    NABIJ_ASSIGN_OR_RETURN(t->db_, SqliteDatabase::Open(t->dir_ / "nabij.db"));
    NABIJ_RETURN_IF_ERROR(t->db_->Migrate());
    t->store_ = std::make_unique<SqliteDebtStore>(*t->db_);
    return std::unique_ptr<DebtStoreUnderTest>(std::move(t));
  }
  ~SqliteUnderTest() override {
    others_.clear();
    store_.reset();
    db_.reset();
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  debt::DebtStore& store() override { return *store_; }
  bool has_sql() const override { return true; }
  Status ExecSql(std::string_view sql) override { return db_->Exec(sql); }
  Result<std::unique_ptr<debt::DebtStore>> OpenAnother() override {
    NABIJ_ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(dir_ / "nabij.db"));
    auto store = std::make_unique<SqliteDebtStore>(*db);
    others_.push_back(std::move(db));
    return std::unique_ptr<debt::DebtStore>(std::move(store));
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<SqliteDebtStore> store_;
  std::vector<std::unique_ptr<SqliteDatabase>> others_;
};

}  // namespace

std::vector<DebtStoreBackend> DebtStoreBackends() {
  return {
      {"memory",
       [] {
         return Result<std::unique_ptr<DebtStoreUnderTest>>(std::make_unique<MemoryUnderTest>());
       }},
      {"sqlite", [] { return SqliteUnderTest::Open(); }},
  };
}

}  // namespace nabij::store::testing
