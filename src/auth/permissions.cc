#include "auth/permissions.h"

#include <array>

namespace nabij::auth {
namespace {

constexpr Role kKMI = Role::kKlantmanagerInkomen;
constexpr Role kKMW = Role::kKlantmanagerWerk;
constexpr Role kSHV = Role::kSchuldhulpverlener;
constexpr Role kHH = Role::kHandhaving;
constexpr Role kFA = Role::kFinancieleAdministratie;
constexpr Role kBEL = Role::kBeleid;
constexpr Role kBEH = Role::kBeheerder;
constexpr Role kAUD = Role::kAuditor;

constexpr RoutePermission Public(std::string_view route) { return {route, Access::kPublic, {}, false}; }
constexpr RoutePermission SignedIn(std::string_view route) { return {route, Access::kSignedIn, {}, false}; }
constexpr RoutePermission Roles(std::string_view route, RoleSet roles) {
  return {route, Access::kRoles, roles, false};
}
// A route that returns a person's data: each successful call is recorded in the access log.
constexpr RoutePermission PersonalData(std::string_view route, RoleSet roles) {
  return {route, Access::kRoles, roles, true};
}

// Least privilege: beheerder manages accounts but opens no client file; beleid sees aggregates
// only; auditor reads the audit trail, the access log and the payment runs, and changes nothing.
constexpr std::array kRoutes = {
    Public("GET /api/v1/health"),
    Public("POST /api/v1/calculator"),
    Public("POST /api/v1/session"),  // log in
    SignedIn("GET /api/v1/session"),  // who am I, and the CSRF token
    SignedIn("DELETE /api/v1/session"),  // log out
    SignedIn("PUT /api/v1/session/password"),  // change one's own password
    Roles("GET /api/v1/workqueues", {kKMI, kKMW, kSHV, kHH, kFA}),
    PersonalData("GET /api/v1/cases", {kKMI, kKMW, kSHV, kHH, kFA}),  // search by name, BSN, case number
    PersonalData("GET /api/v1/cases/{id}", {kKMI, kKMW, kSHV, kHH, kFA}),
    PersonalData("GET /api/v1/cases/{id}/history", {kKMI, kHH, kFA}),
    PersonalData("GET /api/v1/cases/{id}/decisions", {kKMI, kHH, kFA}),
    PersonalData("GET /api/v1/cases/{id}/letters/{letter}", {kKMI, kHH}),
    Roles("POST /api/v1/applications", {kKMI}),
    Roles("POST /api/v1/applications/{id}/decision", {kKMI}),
    Roles("POST /api/v1/cases/{id}/incomes", {kKMI}),
    Roles("GET /api/v1/runs", {kFA, kAUD}),
    Roles("GET /api/v1/runs/{month}", {kFA, kAUD}),
    Roles("POST /api/v1/runs/{month}/prepare", {kFA}),
    Roles("POST /api/v1/runs/{month}/approve", {kFA}),
    Roles("GET /api/v1/runs/{month}/sepa", {kFA}),
    Roles("GET /api/v1/runs/{month}/report", {kFA, kAUD}),
    Roles("GET /api/v1/stats/caseload", {kBEL, kFA, kAUD}),
    PersonalData("GET /api/v1/debt/dossiers", {kSHV}),  // the debt fund: the schuldhulpverlener
    PersonalData("GET /api/v1/debt/dossiers/{id}", {kSHV}),
    PersonalData("GET /api/v1/debt/dossiers/{id}/overview", {kSHV}),
    PersonalData("GET /api/v1/debt/dossiers/{id}/letter", {kSHV}),
    Roles("POST /api/v1/debt/dossiers/{id}/milestones", {kSHV}),
    Roles("PUT /api/v1/debt/dossiers/{id}/withholding", {kSHV}),
    Roles("GET /api/v1/debt/figures", {kSHV, kBEL, kAUD}),
    Roles("GET /api/v1/users", {kBEH}),
    Roles("POST /api/v1/users", {kBEH}),
    Roles("POST /api/v1/users/{name}/disable", {kBEH}),
    Roles("POST /api/v1/users/{name}/reset-password", {kBEH}),
    Roles("GET /api/v1/access-log", {kAUD}),
    Roles("GET /api/v1/events", {kAUD}),
};

}  // namespace

std::span<const RoutePermission> RoutePermissions() { return kRoutes; }

const RoutePermission* FindRoute(std::string_view route) {
  for (const RoutePermission& p : kRoutes) {
    if (p.route == route) return &p;
  }
  return nullptr;
}

Status Authorize(std::string_view route, const Principal* principal) {
  const RoutePermission* p = FindRoute(route);
  if (p == nullptr) {
    return Status(ErrorCode::kPermissionDenied, "deze route staat niet in de rechtentabel", "route");
  }
  if (p->access == Access::kPublic) return Status::Ok();
  if (principal == nullptr) {
    return Status(ErrorCode::kUnauthenticated, "log eerst in");
  }
  if (p->access == Access::kSignedIn) return Status::Ok();
  if (principal->must_change_password) {
    return Status(ErrorCode::kPermissionDenied, "wijzig eerst uw eenmalige wachtwoord", "password");
  }
  if (!p->roles.contains(principal->role)) {
    return Status(ErrorCode::kPermissionDenied,
                  "uw rol (" + std::string(RoleDisplayName(principal->role)) + ") geeft geen toegang tot " +
                      std::string(route));
  }
  return Status::Ok();
}

Status CheckRoutesCovered(std::span<const std::string> served) {
  std::string missing;
  for (const std::string& r : served) {
    if (FindRoute(r) != nullptr) continue;
    if (!missing.empty()) missing += ", ";
    missing += r;
  }
  if (missing.empty()) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "routes without an entry in the permission table (src/auth/permissions.cc): " + missing, "route");
}

std::string_view RouteMethod(std::string_view route) { return route.substr(0, route.find(' ')); }

}  // namespace nabij::auth
