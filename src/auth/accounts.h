// AccountService: local user accounts: the first administrator, creating, disabling and
// resetting accounts, and changing one's own password.
//
// There is no default password anywhere. A new account (including the first administrator that
// Bootstrap creates on an empty database) gets a random one-time password that is returned once,
// to be handed to the person, and is flagged so that the person must choose their own password at
// the first login before anything else is open (auth/permissions.h). Only argon2id hashes are
// stored (auth/password.h). Changing or resetting a password, and disabling an account, end every
// session of that user. Every change is recorded in the audit trail (EventLog, kinds "user.*",
// naming the actor and the login name, never a password) when one is given; when recording fails
// after the change was stored, the call returns that error (the change stays). Thread-safe when
// its AuthStore and EventLog are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_store.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "base/clock.h"
#include "base/event_log.h"
#include "base/status.h"

namespace nabij::auth {

// An account just made, with its one-time password in plain text: show it once, never store or
// log it.
struct NewAccount {
  UserRecord user;
  std::string one_time_password;
};

// The name of the administrator account that Bootstrap creates.
inline constexpr std::string_view kFirstAdminName = "beheerder";

// kInvalidArgument (field "name") unless `name` is 1-64 characters of a-z, 0-9, '.', '_', '-'
// starting with a letter. Login names are not personal names: "k.jansen" is fine, a BSN is not
// (nine digits do not start with a letter).
Status CheckUserName(std::string_view name);

class AccountService {
 public:
  // `events` may be null (no audit trail, for tests of other things).
  AccountService(AuthStore& store, const Clock& clock, EventLog* events, Argon2Params params = kArgon2Owasp)
      : store_(store), clock_(clock), events_(events), params_(params) {}

  // On the first start (no account at all): creates `kFirstAdminName` with role beheerder and a
  // one-time password, and returns it. nullopt when any account exists (then nothing changes).
  // The event's actor is "nabij".
  Result<std::optional<NewAccount>> Bootstrap();

  // Creates an account with a one-time password. kInvalidArgument for a bad name,
  // kAlreadyExists when the name is taken (also by a disabled account: names are never reused).
  // `actor` is the login name of who does it (or "cli" for the command line).
  Result<NewAccount> CreateUser(std::string_view actor, std::string_view name, Role role);

  // Disables (or enables again) an account; disabling ends its sessions. kNotFound for an
  // unknown name.
  Status SetDisabled(std::string_view actor, std::string_view name, bool disabled);

  // A new one-time password for a user who forgot theirs (by the beheerder); ends the user's
  // sessions. kNotFound for an unknown name.
  Result<std::string> ResetPassword(std::string_view actor, std::string_view name);

  // The user changes their own password: `old_password` must match (kUnauthenticated otherwise),
  // `new_password` must meet the policy (kInvalidArgument) and differ from the old one. Clears
  // the one-time flag and ends every session of the user (SessionService::ChangePassword opens a
  // new one for the browser that asked).
  Status ChangePassword(std::string_view name, std::string_view old_password, std::string_view new_password);

  Result<std::vector<UserRecord>> List() { return store_.ListUsers(); }

 private:
  Result<NewAccount> MakeAccount(std::string_view name, Role role);
  Status Record(std::string_view actor, std::string kind, std::string detail);

  AuthStore& store_;
  const Clock& clock_;
  EventLog* events_;
  const Argon2Params params_;
};

}  // namespace nabij::auth
