// SqliteAuthStore: auth::AuthStore on SQLite (tables users, sessions, access_log of migration 2).
//
// Thread-safe: every call holds the store's own mutex, so nabijd's request threads may share one
// SqliteAuthStore. Give it a SqliteDatabase connection of its own (other stores on the same
// connection would not take this mutex). SetPassword and SetDisabled change the user and remove
// the sessions in one transaction. The access_log table refuses UPDATE and DELETE by trigger.
#pragma once

#include <mutex>

#include "auth/auth_store.h"
#include "store/sqlite/database.h"

namespace nabij::store {

class SqliteAuthStore final : public auth::AuthStore {
 public:
  explicit SqliteAuthStore(SqliteDatabase& db) : db_(db) {}

  Result<int64_t> AddUser(const auth::UserRecord& user) override;
  Result<int64_t> AddFirstUser(const auth::UserRecord& user) override;
  Result<std::optional<auth::UserRecord>> FindUserByName(const std::string& name) override;
  Result<std::optional<auth::UserRecord>> FindUserById(int64_t id) override;
  Result<std::vector<auth::UserRecord>> ListUsers() override;
  Status SetPassword(int64_t user_id, const std::string& password_hash, bool must_change,
                     int64_t changed_at_ms) override;
  Status SetDisabled(int64_t user_id, bool disabled) override;

  Status AddSession(const auth::SessionRecord& session) override;
  Result<std::optional<auth::SessionRecord>> FindSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t last_seen_ms) override;
  Status RemoveSession(const std::string& token_hash) override;
  Result<int64_t> RemoveExpiredSessions(int64_t idle_cutoff_ms, int64_t absolute_cutoff_ms) override;

  Status AppendAccess(const auth::AccessRecord& record) override;
  Result<std::vector<auth::AccessRecord>> SearchAccess(const auth::AccessQuery& query) override;

 private:
  Result<int64_t> InsertUser(const auth::UserRecord& user);
  Result<std::optional<auth::UserRecord>> FindUser(std::string_view where, const std::string* name, int64_t id);
  Status RemoveSessionsOf(int64_t user_id);

  SqliteDatabase& db_;
  std::mutex mu_;
};

}  // namespace nabij::store
