// SessionService: login, the session check of every request, logout; and the session cookie and
// CSRF token that carry a session in a browser.
//
// A session token is 256 random bits (getrandom), sent to the browser once in the session cookie
// and stored only as its SHA-256. A session ends after kSessionIdleMs without a request, after
// kSessionAbsoluteMs in all, at logout, and when the user's password changes or the account is
// disabled. Login is rate-limited per account name and per client address (auth/rate_limiter.h)
// and answers an unknown name, a disabled account and a wrong password with the same message
// and (through a dummy argon2 verification) about the same time.
//
// CSRF: synchronizer token pattern without extra state. The CSRF token of a session is derived
// from its secret token (SHA-256 of a fixed label and the token), returned in the body of the login
// and of GET /api/v1/session, and must come back in the X-CSRF-Token header of every request
// with a method other than GET, HEAD or OPTIONS. A page of another site can neither read the
// HttpOnly cookie nor the token, and SameSite=Strict keeps the cookie off cross-site requests in
// the first place (defence in depth). Thread-safe when its AuthStore is.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/accounts.h"
#include "auth/auth_store.h"
#include "auth/password.h"
#include "auth/principal.h"
#include "auth/rate_limiter.h"
#include "base/clock.h"
#include "base/status.h"

namespace nabij::auth {

// OWASP Session Management Cheat Sheet, "Session Expiration": "Common idle timeouts ranges are
// 2-5 minutes for high-value applications and 15-30 minutes for low risk applications"; for an
// office worker's full day an absolute timeout "between 4 and 8 hours". Case files are sensitive
// but a case worker reads a file while on the phone: 15 minutes idle, 8 hours in all.
inline constexpr int64_t kSessionIdleMs = 15 * 60 * 1000;
inline constexpr int64_t kSessionAbsoluteMs = 8 * 60 * 60 * 1000;
// last_seen is written at most once per minute per session, not on every request.
inline constexpr int64_t kSessionTouchIntervalMs = 60 * 1000;
inline constexpr size_t kSessionTokenBytes = 32;  // 256 bits; OWASP asks at least 64 bits of entropy

// The header that carries the CSRF token.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct LoginResult {
  std::string token;       // for the session cookie only (SessionCookie); never logged
  std::string csrf_token;  // for the response body
  Principal principal;
};

class SessionService {
 public:
  SessionService(AuthStore& store, const Clock& clock, LoginRateLimiter& limiter)
      : store_(store), clock_(clock), limiter_(limiter) {}

  // Checks the password and opens a session. kResourceExhausted while the name or address is
  // locked; kUnauthenticated ("onbekende gebruikersnaam of onjuist wachtwoord") for an unknown
  // name, a disabled account or a wrong password. The principal may have must_change_password.
  Result<LoginResult> Login(std::string_view name, std::string_view password, std::string_view client_address);

  // The principal of a session token (from the cookie). kUnauthenticated when the token is
  // empty, unknown, idle too long, too old, or its account is disabled; an expired session is
  // removed.
  Result<Principal> Authenticate(std::string_view token);

  // Ends the session of `token`; ending an unknown or ended session is not an error.
  Status Logout(std::string_view token);

  // The principal changes their own password (AccountService::ChangePassword: every session of
  // the user ends) and gets a new session for this browser.
  Result<LoginResult> ChangePassword(AccountService& accounts, const Principal& principal,
                                     std::string_view old_password, std::string_view new_password);

  // Removes expired sessions from the store (call now and then, e.g. hourly); returns how many.
  Result<int64_t> RemoveExpired();

 private:
  Result<LoginResult> Open(const UserRecord& user);
  const std::string& DummyHash();

  AuthStore& store_;
  const Clock& clock_;
  LoginRateLimiter& limiter_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

// The CSRF token of the session with this token.
std::string CsrfTokenFor(std::string_view session_token);
// Ok for GET, HEAD and OPTIONS; otherwise Ok only when `header_value` equals the session's CSRF
// token (constant-time), else kPermissionDenied (field "X-CSRF-Token").
Status CheckCsrf(std::string_view method, std::string_view session_token, std::string_view header_value);

// The session cookie's name: "__Host-nabij_session" under TLS (the __Host- prefix makes the
// browser insist on Secure, Path=/ and no Domain), "nabij_session" without TLS (local use).
std::string_view SessionCookieName(bool tls);
// The Set-Cookie value that starts a session:
// "<name>=<token>; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict[; Secure]".
std::string SessionCookie(std::string_view token, bool tls);
// The Set-Cookie value that removes the cookie at logout (Max-Age=0).
std::string ClearedSessionCookie(bool tls);
// The session token from a request's Cookie header ("a=1; nabij_session=..."), or "" when there
// is none.
std::string SessionTokenFromCookieHeader(std::string_view cookie_header, bool tls);

}  // namespace nabij::auth
