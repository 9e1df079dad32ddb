// The permission table: for every HTTP route of nabijd, who may call it.
//
// A route is named by its id, the method and the path template exactly as the router registers
// it: "GET /api/v1/cases/{id}". Each route is public (no session), open to every signed-in user,
// or open to a set of roles. A route missing from the table is refused for everyone (deny by
// default); nabijd checks at start-up with CheckRoutesCovered that every route it serves has an
// entry. Routes marked `personal_data` return a person's data: after a successful response the
// server records the read in the access log (auth/access_log.h). The table is constant and the
// functions are thread-safe. docs/accounts.md shows the table as a matrix.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "auth/roles.h"
#include "base/status.h"

namespace nabij::auth {

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  constexpr bool contains(Role r) const { return (bits_ & Bit(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr uint32_t Bit(Role r) { return uint32_t{1} << static_cast<unsigned>(r); }
  uint32_t bits_ = 0;
};

enum class Access {
  kPublic,       // no session needed (health, public calculator, login)
  kSignedIn,     // any signed-in user, also one who must still change a one-time password
  kRoles,        // signed-in users with one of `roles`, after any one-time password was changed
};

struct RoutePermission {
  std::string_view route;
  Access access;
  RoleSet roles;       // only for kRoles
  bool personal_data;  // a successful call reads a person's data: record it in the access log
};

// Every route of nabijd, in the order of docs/accounts.md.
std::span<const RoutePermission> RoutePermissions();

// The entry for `route`, or nullptr.
const RoutePermission* FindRoute(std::string_view route);

// Whether `principal` (nullptr: no valid session) may call `route`:
//  - Ok for a public route, and for a route the principal's role may use;
//  - kUnauthenticated when the route needs a session and there is none;
//  - kPermissionDenied for an unknown route, for a role that is not allowed, and for every
//    role-restricted route while the principal must still change a one-time password.
Status Authorize(std::string_view route, const Principal* principal);

// Ok when every route in `served` has an entry; otherwise kFailedPrecondition naming the first
// missing ones (nabijd refuses to start).
Status CheckRoutesCovered(std::span<const std::string> served);

// "GET" from "GET /api/v1/cases/{id}".
std::string_view RouteMethod(std::string_view route);

}  // namespace nabij::auth
