#include "store/sqlite/auth_store.h"

#include <sqlite3.h>

#include <string>

#include "auth/memory_auth_store.h"

namespace nabij::store {
namespace {

using auth::AccessRecord;
using auth::SessionRecord;
using auth::UserRecord;

constexpr char kUserColumns[] =
    "SELECT id, name, role, password_hash, must_change_password, disabled, created_at_ms, "
    "password_changed_at_ms FROM users ";

Result<auth::Role> RoleAt(const Statement& s, int column) {
  auto role = auth::ParseRole(s.TextView(column));
  if (!role) return Status(ErrorCode::kInternal, "the database holds an unknown role", "role");
  return *role;
}

Result<UserRecord> UserAt(const Statement& s) {
  UserRecord u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  NABIJ_ASSIGN_OR_RETURN(u.role, RoleAt(s, 2));
  u.password_hash = s.Text(3);
  u.must_change_password = s.Bool(4);
  u.disabled = s.Bool(5);
  u.created_at_ms = s.Int(6);
  u.password_changed_at_ms = s.Int(7);
  return u;
}

Status UnknownUser() { return Status(ErrorCode::kNotFound, "no user with this id", "user_id"); }

}  // namespace

Result<int64_t> SqliteAuthStore::InsertUser(const UserRecord& u) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "INSERT INTO users (name, role, password_hash, must_change_password, disabled, created_at_ms, "
      "password_changed_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  s.BindText(1, u.name);
  s.BindText(2, auth::RoleId(u.role));
  s.BindText(3, u.password_hash);
  s.BindBool(4, u.must_change_password);
  s.BindBool(5, u.disabled);
  s.BindInt(6, u.created_at_ms);
  s.BindInt(7, u.password_changed_at_ms);
  Status st = s.Run();
  if (!st.ok()) {
    if (st.code() == ErrorCode::kAlreadyExists) return Status(ErrorCode::kAlreadyExists, "users.name is taken", "name");
    return st;
  }
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

Result<int64_t> SqliteAuthStore::AddUser(const UserRecord& user) {
  std::lock_guard lock(mu_);
  return InsertUser(user);
}

Result<int64_t> SqliteAuthStore::AddFirstUser(const UserRecord& user) {
  std::lock_guard lock(mu_);
  // The write lock first: another process starting at the same moment waits, then sees a user.
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(Statement count, db_.Prepare("SELECT count(*) FROM users"));
  NABIJ_ASSIGN_OR_RETURN(bool row, count.Step());
  if (!row) return Status(ErrorCode::kInternal, "count(*) gave no row");
  if (count.Int(0) > 0) return int64_t{0};
  NABIJ_ASSIGN_OR_RETURN(int64_t id, InsertUser(user));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Result<std::optional<UserRecord>> SqliteAuthStore::FindUser(std::string_view where, const std::string* name,
                                                            int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(std::string(kUserColumns) + std::string(where)));
  if (name != nullptr) {
    s.BindText(1, *name);
  } else {
    s.BindInt(1, id);
  }
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<UserRecord>();
  NABIJ_ASSIGN_OR_RETURN(UserRecord u, UserAt(s));
  return std::optional<UserRecord>(std::move(u));
}

Result<std::optional<UserRecord>> SqliteAuthStore::FindUserByName(const std::string& name) {
  std::lock_guard lock(mu_);
  return FindUser("WHERE name = ?1", &name, 0);
}

Result<std::optional<UserRecord>> SqliteAuthStore::FindUserById(int64_t id) {
  std::lock_guard lock(mu_);
  return FindUser("WHERE id = ?1", nullptr, id);
}

Result<std::vector<UserRecord>> SqliteAuthStore::ListUsers() {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(std::string(kUserColumns) + "ORDER BY name"));
  std::vector<UserRecord> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    NABIJ_ASSIGN_OR_RETURN(UserRecord u, UserAt(s));
    out.push_back(std::move(u));
  }
  return out;
}

Status SqliteAuthStore::RemoveSessionsOf(int64_t user_id) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare("DELETE FROM sessions WHERE user_id = ?1"));
  s.BindInt(1, user_id);
  return s.Run();
}

Status SqliteAuthStore::SetPassword(int64_t user_id, const std::string& password_hash, bool must_change,
                                    int64_t changed_at_ms) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "UPDATE users SET password_hash = ?2, must_change_password = ?3, password_changed_at_ms = ?4 WHERE id = ?1"));
  s.BindInt(1, user_id);
  s.BindText(2, password_hash);
  s.BindBool(3, must_change);
  s.BindInt(4, changed_at_ms);
  NABIJ_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(db_.handle()) == 0) return UnknownUser();
  NABIJ_RETURN_IF_ERROR(RemoveSessionsOf(user_id));
  return tx.Commit();
}

Status SqliteAuthStore::SetDisabled(int64_t user_id, bool disabled) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare("UPDATE users SET disabled = ?2 WHERE id = ?1"));
  s.BindInt(1, user_id);
  s.BindBool(2, disabled);
  NABIJ_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(db_.handle()) == 0) return UnknownUser();
  if (disabled) NABIJ_RETURN_IF_ERROR(RemoveSessionsOf(user_id));
  return tx.Commit();
}

Status SqliteAuthStore::AddSession(const SessionRecord& r) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "INSERT INTO sessions (token_hash, user_id, created_at_ms, last_seen_ms) VALUES (?1, ?2, ?3, ?4)"));
  s.BindText(1, r.token_hash);
  s.BindInt(2, r.user_id);
  s.BindInt(3, r.created_at_ms);
  s.BindInt(4, r.last_seen_ms);
  return s.Run();
}

Result<std::optional<SessionRecord>> SqliteAuthStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "SELECT token_hash, user_id, created_at_ms, last_seen_ms FROM sessions WHERE token_hash = ?1"));
  s.BindText(1, token_hash);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(SessionRecord{s.Text(0), s.Int(1), s.Int(2), s.Int(3)});
}

Status SqliteAuthStore::TouchSession(const std::string& token_hash, int64_t last_seen_ms) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "UPDATE sessions SET last_seen_ms = max(last_seen_ms, ?2) WHERE token_hash = ?1"));
  s.BindText(1, token_hash);
  s.BindInt(2, last_seen_ms);
  return s.Run();
}

Status SqliteAuthStore::RemoveSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?1"));
  s.BindText(1, token_hash);
  return s.Run();
}

Result<int64_t> SqliteAuthStore::RemoveExpiredSessions(int64_t idle_cutoff_ms, int64_t absolute_cutoff_ms) {
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "DELETE FROM sessions WHERE last_seen_ms < ?1 OR created_at_ms < ?2"));
  s.BindInt(1, idle_cutoff_ms);
  s.BindInt(2, absolute_cutoff_ms);
  NABIJ_RETURN_IF_ERROR(s.Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

Status SqliteAuthStore::AppendAccess(const AccessRecord& r) {
  NABIJ_RETURN_IF_ERROR(auth::ValidateAccessRecord(r));
  std::lock_guard lock(mu_);
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "INSERT INTO access_log (at_ms, user_name, role, case_id, route, screen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  s.BindInt(1, r.at_ms);
  s.BindText(2, r.user);
  s.BindText(3, auth::RoleId(r.role));
  s.BindInt(4, r.case_id);
  s.BindText(5, r.route);
  s.BindText(6, r.screen);
  return s.Run();
}

Result<std::vector<AccessRecord>> SqliteAuthStore::SearchAccess(const auth::AccessQuery& q) {
  std::lock_guard lock(mu_);
  // NULL parameters do not restrict.
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "SELECT id, at_ms, user_name, role, case_id, route, screen FROM access_log "
      "WHERE (?1 IS NULL OR user_name = ?1) AND (?2 IS NULL OR case_id = ?2) "
      "AND (?3 IS NULL OR at_ms >= ?3) AND (?4 IS NULL OR at_ms < ?4) "
      "ORDER BY at_ms DESC, id DESC LIMIT ?5"));
  s.BindTextOrNull(1, q.user);
  s.BindIdOrNull(2, q.case_id);
  if (q.from_ms) s.BindInt(3, *q.from_ms);
  if (q.until_ms) s.BindInt(4, *q.until_ms);
  s.BindInt(5, q.limit);
  std::vector<AccessRecord> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    AccessRecord r;
    r.id = s.Int(0);
    r.at_ms = s.Int(1);
    r.user = s.Text(2);
    NABIJ_ASSIGN_OR_RETURN(r.role, RoleAt(s, 3));
    r.case_id = s.Int(4);
    r.route = s.Text(5);
    r.screen = s.Text(6);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace nabij::store
