#include "auth/guard.h"

namespace nabij::auth {

Result<GuardResult> RequestGuard::Check(const RequestFacts& request) {
  GuardResult g;
  g.permission = FindRoute(request.route);
  if (g.permission == nullptr) {
    NABIJ_RETURN_IF_ERROR(Authorize(request.route, nullptr));  // the deny-by-default message
  }
  if (g.permission->access == Access::kPublic) return g;
  g.session_token = SessionTokenFromCookieHeader(request.cookie_header, tls_);
  NABIJ_ASSIGN_OR_RETURN(Principal p, sessions_.Authenticate(g.session_token));
  NABIJ_RETURN_IF_ERROR(CheckCsrf(RouteMethod(request.route), g.session_token, request.csrf_header));
  NABIJ_RETURN_IF_ERROR(Authorize(request.route, &p));
  g.principal = std::move(p);
  return g;
}

}  // namespace nabij::auth
