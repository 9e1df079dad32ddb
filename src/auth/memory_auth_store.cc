#include "auth/memory_auth_store.h"

#include <algorithm>

namespace nabij::auth {

Status ValidateAccessRecord(const AccessRecord& r) {
  if (r.user.empty()) return InvalidArgument("an access record names its user", "user");
  if (r.route.empty()) return InvalidArgument("an access record names its route", "route");
  if (r.case_id <= 0) return InvalidArgument("an access record names one case (id > 0)", "case_id");
  return Status::Ok();
}

Result<int64_t> MemoryAuthStore::AddLocked(const UserRecord& user) {
  for (const auto& [id, u] : users_) {
    if (u.name == user.name) return Status(ErrorCode::kAlreadyExists, "users.name is taken", "name");
  }
  int64_t id = users_.empty() ? 1 : users_.rbegin()->first + 1;
  UserRecord copy = user;
  copy.id = id;
  users_[id] = std::move(copy);
  return id;
}

Result<int64_t> MemoryAuthStore::AddUser(const UserRecord& user) {
  std::lock_guard lock(mu_);
  return AddLocked(user);
}

Result<int64_t> MemoryAuthStore::AddFirstUser(const UserRecord& user) {
  std::lock_guard lock(mu_);
  if (!users_.empty()) return int64_t{0};
  return AddLocked(user);
}

Result<std::optional<UserRecord>> MemoryAuthStore::FindUserByName(const std::string& name) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_) {
    if (u.name == name) return std::optional<UserRecord>(u);
  }
  return std::optional<UserRecord>();
}

Result<std::optional<UserRecord>> MemoryAuthStore::FindUserById(int64_t id) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id);
  if (it == users_.end()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(it->second);
}

Result<std::vector<UserRecord>> MemoryAuthStore::ListUsers() {
  std::lock_guard lock(mu_);
  std::vector<UserRecord> out;
  for (const auto& [id, u] : users_) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const UserRecord& a, const UserRecord& b) { return a.name < b.name; });
  return out;
}

void MemoryAuthStore::RemoveSessionsOfLocked(int64_t user_id) {
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.user_id == user_id; });
}

Status MemoryAuthStore::SetPassword(int64_t user_id, const std::string& password_hash, bool must_change,
                                    int64_t changed_at_ms) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return Status(ErrorCode::kNotFound, "no user with this id", "user_id");
  it->second.password_hash = password_hash;
  it->second.must_change_password = must_change;
  it->second.password_changed_at_ms = changed_at_ms;
  RemoveSessionsOfLocked(user_id);
  return Status::Ok();
}

Status MemoryAuthStore::SetDisabled(int64_t user_id, bool disabled) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return Status(ErrorCode::kNotFound, "no user with this id", "user_id");
  it->second.disabled = disabled;
  if (disabled) RemoveSessionsOfLocked(user_id);
  return Status::Ok();
}

Status MemoryAuthStore::AddSession(const SessionRecord& session) {
  std::lock_guard lock(mu_);
  if (!users_.contains(session.user_id)) {
    return InvalidArgument("a session belongs to an existing user", "user_id");
  }
  if (!sessions_.emplace(session.token_hash, session).second) {
    return Status(ErrorCode::kAlreadyExists, "sessions.token_hash exists", "token_hash");
  }
  return Status::Ok();
}

Result<std::optional<SessionRecord>> MemoryAuthStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(it->second);
}

Status MemoryAuthStore::TouchSession(const std::string& token_hash, int64_t last_seen_ms) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it != sessions_.end()) it->second.last_seen_ms = std::max(it->second.last_seen_ms, last_seen_ms);
  return Status::Ok();
}

Status MemoryAuthStore::RemoveSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  sessions_.erase(token_hash);
  return Status::Ok();
}

Result<int64_t> MemoryAuthStore::RemoveExpiredSessions(int64_t idle_cutoff_ms, int64_t absolute_cutoff_ms) {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& kv) {
    return kv.second.last_seen_ms < idle_cutoff_ms || kv.second.created_at_ms < absolute_cutoff_ms;
  }));
}

Status MemoryAuthStore::AppendAccess(const AccessRecord& record) {
  NABIJ_RETURN_IF_ERROR(ValidateAccessRecord(record));
  std::lock_guard lock(mu_);
  AccessRecord copy = record;
  copy.id = static_cast<int64_t>(access_.size()) + 1;
  access_.push_back(std::move(copy));
  return Status::Ok();
}

Result<std::vector<AccessRecord>> MemoryAuthStore::SearchAccess(const AccessQuery& q) {
  std::lock_guard lock(mu_);
  std::vector<AccessRecord> out;
  for (const AccessRecord& r : access_) {
    if (!q.user.empty() && r.user != q.user) continue;
    if (q.case_id != 0 && r.case_id != q.case_id) continue;
    if (q.from_ms && r.at_ms < *q.from_ms) continue;
    if (q.until_ms && r.at_ms >= *q.until_ms) continue;
    out.push_back(r);
  }
  // Newest first: by time, then by id (records appended in the same millisecond).
  std::stable_sort(out.begin(), out.end(), [](const AccessRecord& a, const AccessRecord& b) {
    return a.at_ms != b.at_ms ? a.at_ms > b.at_ms : a.id > b.id;
  });
  if (static_cast<int>(out.size()) > q.limit) out.resize(static_cast<size_t>(q.limit));
  return out;
}

}  // namespace nabij::auth
