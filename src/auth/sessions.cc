#include "auth/sessions.h"

#include "auth/crypto.h"

namespace nabij::auth {
namespace {

Status BadLogin() {
  return Status(ErrorCode::kUnauthenticated, "onbekende gebruikersnaam of onjuist wachtwoord");
}
Status NoSession() { return Status(ErrorCode::kUnauthenticated, "uw sessie is verlopen of ongeldig; log opnieuw in"); }

Principal PrincipalOf(const UserRecord& u, std::string session_hash) {
  return Principal{u.id, u.name, u.role, u.must_change_password, std::move(session_hash)};
}

}  // namespace

const std::string& SessionService::DummyHash() {
  std::call_once(dummy_once_, [this] {
    // A hash with the production cost of a password nobody knows; on failure (no randomness or
    // memory) a fixed text, and VerifyPassword then fails fast: timing is the lesser concern.
    auto secret = RandomBytes(kOneTimePasswordLength);
    auto h = secret.ok() ? HashPassword(*secret) : Result<std::string>(secret.error());
    dummy_hash_ = h.ok() ? *h : std::string("$argon2id$unavailable");
  });
  return dummy_hash_;
}

Result<LoginResult> SessionService::Open(const UserRecord& user) {
  NABIJ_ASSIGN_OR_RETURN(std::string raw, RandomBytes(kSessionTokenBytes));
  LoginResult r;
  r.token = Base64Url(raw);
  r.csrf_token = CsrfTokenFor(r.token);
  SessionRecord s;
  s.token_hash = Sha256Hex(r.token);
  s.user_id = user.id;
  s.created_at_ms = clock_.NowUnixMillis();
  s.last_seen_ms = s.created_at_ms;
  NABIJ_RETURN_IF_ERROR(store_.AddSession(s));
  r.principal = PrincipalOf(user, s.token_hash);
  return r;
}

Result<LoginResult> SessionService::Login(std::string_view name, std::string_view password,
                                          std::string_view client_address) {
  const std::string account(name);
  const std::string address(client_address);
  NABIJ_RETURN_IF_ERROR(limiter_.Check(account, address));
  if (password.size() > 4 * kMaxPasswordLength) {  // never hash a huge body; 4 bytes per code point at most
    limiter_.RecordFailure(account, address);
    return BadLogin();
  }
  std::optional<UserRecord> user;
  if (CheckUserName(name).ok()) {
    NABIJ_ASSIGN_OR_RETURN(user, store_.FindUserByName(account));
  }
  bool match = false;
  if (user) {
    NABIJ_ASSIGN_OR_RETURN(match, VerifyPassword(user->password_hash, password));
  } else {
    (void)VerifyPassword(DummyHash(), password);  // same work as for a real account
  }
  if (!user || !match || user->disabled) {
    limiter_.RecordFailure(account, address);
    return BadLogin();
  }
  limiter_.RecordSuccess(account);
  return Open(*user);
}

Result<Principal> SessionService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return NoSession();
  const std::string hash = Sha256Hex(token);
  NABIJ_ASSIGN_OR_RETURN(auto session, store_.FindSession(hash));
  if (!session) return NoSession();
  const int64_t now = clock_.NowUnixMillis();
  if (now - session->last_seen_ms >= kSessionIdleMs || now - session->created_at_ms >= kSessionAbsoluteMs) {
    NABIJ_RETURN_IF_ERROR(store_.RemoveSession(hash));
    return NoSession();
  }
  NABIJ_ASSIGN_OR_RETURN(auto user, store_.FindUserById(session->user_id));
  if (!user || user->disabled) {
    NABIJ_RETURN_IF_ERROR(store_.RemoveSession(hash));
    return NoSession();
  }
  if (now - session->last_seen_ms >= kSessionTouchIntervalMs) {
    NABIJ_RETURN_IF_ERROR(store_.TouchSession(hash, now));
  }
  return PrincipalOf(*user, hash);
}

Status SessionService::Logout(std::string_view token) {
  if (token.empty()) return Status::Ok();
  return store_.RemoveSession(Sha256Hex(token));
}

Result<LoginResult> SessionService::ChangePassword(AccountService& accounts, const Principal& principal,
                                                   std::string_view old_password, std::string_view new_password) {
  NABIJ_RETURN_IF_ERROR(accounts.ChangePassword(principal.name, old_password, new_password));
  NABIJ_ASSIGN_OR_RETURN(auto user, store_.FindUserById(principal.user_id));
  if (!user) return NoSession();
  return Open(*user);
}

Result<int64_t> SessionService::RemoveExpired() {
  const int64_t now = clock_.NowUnixMillis();
  return store_.RemoveExpiredSessions(now - kSessionIdleMs, now - kSessionAbsoluteMs);
}

std::string CsrfTokenFor(std::string_view session_token) {
  std::string input = "nabij-csrf-v1:";
  input += session_token;
  return Sha256Hex(input);
}

Status CheckCsrf(std::string_view method, std::string_view session_token, std::string_view header_value) {
  if (method == "GET" || method == "HEAD" || method == "OPTIONS") return Status::Ok();
  if (session_token.empty() || header_value.empty() ||
      !ConstantTimeEquals(CsrfTokenFor(session_token), header_value)) {
    return Status(ErrorCode::kPermissionDenied,
                  "het CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw", std::string(kCsrfHeader));
  }
  return Status::Ok();
}

std::string_view SessionCookieName(bool tls) { return tls ? "__Host-nabij_session" : "nabij_session"; }

std::string SessionCookie(std::string_view token, bool tls) {
  std::string c(SessionCookieName(tls));
  c += '=';
  c += token;
  c += "; Path=/; Max-Age=" + std::to_string(kSessionAbsoluteMs / 1000) + "; HttpOnly; SameSite=Strict";
  if (tls) c += "; Secure";
  return c;
}

std::string ClearedSessionCookie(bool tls) {
  std::string c(SessionCookieName(tls));
  c += "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (tls) c += "; Secure";
  return c;
}

std::string SessionTokenFromCookieHeader(std::string_view header, bool tls) {
  const std::string_view name = SessionCookieName(tls);
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) pair.remove_prefix(1);
    while (!pair.empty() && (pair.back() == ' ' || pair.back() == '\t')) pair.remove_suffix(1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
    return std::string(pair.substr(eq + 1));
  }
  return {};
}

}  // namespace nabij::auth
