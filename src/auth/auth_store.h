// The storage that accounts, sessions and the access log need; store/* implements it
// (store/sqlite/auth_store.h).
//
// Times are milliseconds since the Unix epoch (UTC) from the injected Clock. Implementations are
// thread-safe: nabijd calls them from every request thread. Sessions are stored by the SHA-256 of
// their token only, so a copy of the database does not let anyone log in. The access log is
// append-only: an implementation offers no way to change or remove a record, and its storage
// refuses it too (triggers in SQLite).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.h"
#include "base/status.h"

namespace nabij::auth {

struct UserRecord {
  int64_t id = 0;             // given by the store
  std::string name;           // login name: lower-case a-z, 0-9, '.', '_', '-'; unique, never reused
  Role role = Role::kKlantmanagerInkomen;
  std::string password_hash;  // argon2id PHC string (auth/password.h)
  bool must_change_password = false;  // set for a one-time password
  bool disabled = false;
  int64_t created_at_ms = 0;
  int64_t password_changed_at_ms = 0;
};

struct SessionRecord {
  std::string token_hash;  // Sha256Hex of the token; the token itself is never stored
  int64_t user_id = 0;
  int64_t created_at_ms = 0;
  int64_t last_seen_ms = 0;
};

// One read of a person's data: who, when, which case, by which route or screen.
struct AccessRecord {
  int64_t id = 0;       // given by the store, increasing
  int64_t at_ms = 0;    // UTC
  std::string user;     // login name
  Role role = Role::kKlantmanagerInkomen;  // the user's role at the time
  int64_t case_id = 0;  // > 0
  std::string route;    // route id, e.g. "GET /api/v1/cases/{id}"
  std::string screen;   // the UI screen when the client names one ("dossier"), else empty
};

// A search of the access log; empty fields do not restrict. [from_ms, until_ms) is half-open.
struct AccessQuery {
  std::string user;
  int64_t case_id = 0;
  std::optional<int64_t> from_ms;
  std::optional<int64_t> until_ms;
  int limit = 1000;     // newest first, at most this many
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // --- users ---
  // Adds the user; returns its id. kAlreadyExists when the name is taken.
  virtual Result<int64_t> AddUser(const UserRecord& user) = 0;
  // Adds the user only when there is no user at all, atomically (two processes starting at once
  // create one first administrator). Returns the new id, or 0 when users existed.
  virtual Result<int64_t> AddFirstUser(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> FindUserByName(const std::string& name) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(int64_t id) = 0;
  // All users, by name.
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  // Stores a new hash and flag and removes every session of the user, in one transaction.
  // kNotFound for an unknown id.
  virtual Status SetPassword(int64_t user_id, const std::string& password_hash, bool must_change,
                             int64_t changed_at_ms) = 0;
  // Disables or enables; disabling removes every session of the user. kNotFound for an unknown id.
  virtual Status SetDisabled(int64_t user_id, bool disabled) = 0;

  // --- sessions ---
  virtual Status AddSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t last_seen_ms) = 0;
  // Removing a session that does not exist is not an error (logout twice).
  virtual Status RemoveSession(const std::string& token_hash) = 0;
  // Removes sessions idle since before `idle_cutoff_ms` or created before `absolute_cutoff_ms`;
  // returns how many.
  virtual Result<int64_t> RemoveExpiredSessions(int64_t idle_cutoff_ms, int64_t absolute_cutoff_ms) = 0;

  // --- access log ---
  // Appends; returns kInvalidArgument for an empty user or route or a case id <= 0.
  virtual Status AppendAccess(const AccessRecord& record) = 0;
  virtual Result<std::vector<AccessRecord>> SearchAccess(const AccessQuery& query) = 0;
};

}  // namespace nabij::auth
