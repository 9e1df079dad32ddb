// MemoryAuthStore: an AuthStore in memory, for unit tests and for a nabijd run without a database
// file. Same contract as the SQLite store (the suite in tests/store/auth_store_test.cc runs on
// both); nothing survives the process. Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>

#include "auth/auth_store.h"

namespace nabij::auth {

class MemoryAuthStore final : public AuthStore {
 public:
  Result<int64_t> AddUser(const UserRecord& user) override;
  Result<int64_t> AddFirstUser(const UserRecord& user) override;
  Result<std::optional<UserRecord>> FindUserByName(const std::string& name) override;
  Result<std::optional<UserRecord>> FindUserById(int64_t id) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Status SetPassword(int64_t user_id, const std::string& password_hash, bool must_change,
                     int64_t changed_at_ms) override;
  Status SetDisabled(int64_t user_id, bool disabled) override;

  Status AddSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t last_seen_ms) override;
  Status RemoveSession(const std::string& token_hash) override;
  Result<int64_t> RemoveExpiredSessions(int64_t idle_cutoff_ms, int64_t absolute_cutoff_ms) override;

  Status AppendAccess(const AccessRecord& record) override;
  Result<std::vector<AccessRecord>> SearchAccess(const AccessQuery& query) override;

 private:
  Result<int64_t> AddLocked(const UserRecord& user);
  void RemoveSessionsOfLocked(int64_t user_id);

  std::mutex mu_;
  std::map<int64_t, UserRecord> users_;             // by id
  std::map<std::string, SessionRecord> sessions_;   // by token hash
  std::vector<AccessRecord> access_;
};

// Checks what every store checks before writing an access record (shared by the backends).
Status ValidateAccessRecord(const AccessRecord& record);

}  // namespace nabij::auth
