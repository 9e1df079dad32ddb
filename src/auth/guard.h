// RequestGuard: the check every HTTP request passes before its handler runs: the middleware that
// nabijd's router calls. It knows nothing of HTTP libraries: the router hands it the matched
// route id and two header values and gets the principal or an error Status back, which the API
// maps to 401 (kUnauthenticated) or 403 (kPermissionDenied). docs/accounts.md shows the wiring.
//
// Steps: look the route up in the permission table (unknown: kPermissionDenied); a public route
// passes without a session; otherwise the session cookie must name a live session
// (kUnauthenticated), a request with a method other than GET/HEAD/OPTIONS must carry the
// session's CSRF token (kPermissionDenied), and the role must be allowed (Authorize).
// Thread-safe when its SessionService is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/permissions.h"
#include "auth/principal.h"
#include "auth/sessions.h"
#include "base/status.h"

namespace nabij::auth {

struct RequestFacts {
  std::string_view route;          // the matched route id, "GET /api/v1/cases/{id}"
  std::string_view cookie_header;  // the request's Cookie header, "" when absent
  std::string_view csrf_header;    // the request's X-CSRF-Token header, "" when absent
};

struct GuardResult {
  const RoutePermission* permission = nullptr;  // the table entry (never null in a result)
  std::optional<Principal> principal;           // empty for a public route
  std::string session_token;                    // for logout and the CSRF token in GET /api/v1/session
};

class RequestGuard {
 public:
  RequestGuard(SessionService& sessions, bool tls) : sessions_(sessions), tls_(tls) {}
  Result<GuardResult> Check(const RequestFacts& request);
  bool tls() const { return tls_; }

 private:
  SessionService& sessions_;
  const bool tls_;
};

}  // namespace nabij::auth
