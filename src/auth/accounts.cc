#include "auth/accounts.h"

namespace nabij::auth {
namespace {

constexpr size_t kMaxUserNameLength = 64;

Status UnknownUser() { return Status(ErrorCode::kNotFound, "er is geen gebruiker met deze naam", "name"); }

}  // namespace

Status CheckUserName(std::string_view name) {
  if (name.empty() || name.size() > kMaxUserNameLength) {
    return InvalidArgument("een gebruikersnaam heeft 1 tot 64 tekens", "name");
  }
  if (name[0] < 'a' || name[0] > 'z') {
    return InvalidArgument("een gebruikersnaam begint met een kleine letter (a-z)", "name");
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return InvalidArgument("een gebruikersnaam bestaat uit a-z, 0-9, '.', '_' en '-'", "name");
  }
  return Status::Ok();
}

Result<NewAccount> AccountService::MakeAccount(std::string_view name, Role role) {
  NABIJ_RETURN_IF_ERROR(CheckUserName(name));
  NewAccount a;
  NABIJ_ASSIGN_OR_RETURN(a.one_time_password, GenerateOneTimePassword());
  NABIJ_ASSIGN_OR_RETURN(a.user.password_hash, HashPassword(a.one_time_password, params_));
  a.user.name = std::string(name);
  a.user.role = role;
  a.user.must_change_password = true;
  a.user.created_at_ms = clock_.NowUnixMillis();
  a.user.password_changed_at_ms = a.user.created_at_ms;
  return a;
}

Status AccountService::Record(std::string_view actor, std::string kind, std::string detail) {
  if (events_ == nullptr) return Status::Ok();
  return events_->Append(Event{FormatUtc(clock_.NowUnixMillis()), std::string(actor), std::move(kind), 0,
                               std::move(detail)});
}

Result<std::optional<NewAccount>> AccountService::Bootstrap() {
  NABIJ_ASSIGN_OR_RETURN(auto existing, store_.ListUsers());
  if (!existing.empty()) return std::optional<NewAccount>();
  NABIJ_ASSIGN_OR_RETURN(NewAccount a, MakeAccount(kFirstAdminName, Role::kBeheerder));
  NABIJ_ASSIGN_OR_RETURN(int64_t id, store_.AddFirstUser(a.user));
  if (id == 0) return std::optional<NewAccount>();  // another process was first
  a.user.id = id;
  NABIJ_RETURN_IF_ERROR(Record("nabij", "user.created", a.user.name + ": rol beheerder (eerste start)"));
  return std::optional<NewAccount>(std::move(a));
}

Result<NewAccount> AccountService::CreateUser(std::string_view actor, std::string_view name, Role role) {
  NABIJ_ASSIGN_OR_RETURN(NewAccount a, MakeAccount(name, role));
  Result<int64_t> id = store_.AddUser(a.user);
  if (!id.ok()) {
    if (id.error().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kAlreadyExists, "er bestaat al een gebruiker met deze naam", "name");
    }
    return id.error();
  }
  a.user.id = *id;
  NABIJ_RETURN_IF_ERROR(Record(actor, "user.created", a.user.name + ": rol " + std::string(RoleId(role))));
  return a;
}

Status AccountService::SetDisabled(std::string_view actor, std::string_view name, bool disabled) {
  NABIJ_ASSIGN_OR_RETURN(auto user, store_.FindUserByName(std::string(name)));
  if (!user) return UnknownUser();
  NABIJ_RETURN_IF_ERROR(store_.SetDisabled(user->id, disabled));
  return Record(actor, disabled ? "user.disabled" : "user.enabled", user->name);
}

Result<std::string> AccountService::ResetPassword(std::string_view actor, std::string_view name) {
  NABIJ_ASSIGN_OR_RETURN(auto user, store_.FindUserByName(std::string(name)));
  if (!user) return UnknownUser();
  NABIJ_ASSIGN_OR_RETURN(std::string password, GenerateOneTimePassword());
  NABIJ_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, params_));
  NABIJ_RETURN_IF_ERROR(store_.SetPassword(user->id, hash, /*must_change=*/true, clock_.NowUnixMillis()));
  NABIJ_RETURN_IF_ERROR(Record(actor, "user.password_reset", user->name));
  return password;
}

Status AccountService::ChangePassword(std::string_view name, std::string_view old_password,
                                      std::string_view new_password) {
  NABIJ_ASSIGN_OR_RETURN(auto user, store_.FindUserByName(std::string(name)));
  if (!user || user->disabled) return Status(ErrorCode::kUnauthenticated, "log eerst in");
  // Never hash a huge text: no valid password is longer (4 bytes per code point at most).
  if (old_password.size() > 4 * kMaxPasswordLength) {
    return Status(ErrorCode::kUnauthenticated, "het huidige wachtwoord klopt niet", "old_password");
  }
  NABIJ_ASSIGN_OR_RETURN(bool match, VerifyPassword(user->password_hash, old_password));
  if (!match) return Status(ErrorCode::kUnauthenticated, "het huidige wachtwoord klopt niet", "old_password");
  Status policy = CheckPasswordPolicy(new_password);
  if (!policy.ok()) return Status(policy.code(), policy.message(), "new_password");
  if (new_password == old_password) {
    return InvalidArgument("kies een ander wachtwoord dan het huidige", "new_password");
  }
  NABIJ_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, params_));
  NABIJ_RETURN_IF_ERROR(store_.SetPassword(user->id, hash, /*must_change=*/false, clock_.NowUnixMillis()));
  return Record(user->name, "user.password_changed", user->name);
}

}  // namespace nabij::auth
