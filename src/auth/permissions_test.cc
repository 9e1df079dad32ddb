// The permission table walked as a whole: every route × every role × (no session, one-time
// password, normal), against a matrix written out here independently of permissions.cc.
#include "auth/permissions.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace nabij::auth {
namespace {

// Columns: klantmanager inkomen, klantmanager werk, schuldhulpverlener, handhaving, financiële
// administratie, beleid, beheerder, auditor. "public": no session needed; "signed-in": every role,
// also before a one-time password is changed; otherwise 'x' = allowed, '.' = denied.
// 'p' marks a route that reads personal data (recorded in the access log).
struct Expected {
  const char* route;
  const char* roles;
  bool personal;
};
const Expected kExpected[] = {
    {"GET /api/v1/health", "public", false},
    {"POST /api/v1/calculator", "public", false},
    {"POST /api/v1/session", "public", false},
    {"GET /api/v1/session", "signed-in", false},
    {"DELETE /api/v1/session", "signed-in", false},
    {"PUT /api/v1/session/password", "signed-in", false},
    //                                          KMI KMW SHV HH FA BEL BEH AUD
    {"GET /api/v1/workqueues", /*            */ "xxxxx...", false},
    {"GET /api/v1/cases", /*                 */ "xxxxx...", true},
    {"GET /api/v1/cases/{id}", /*            */ "xxxxx...", true},
    {"GET /api/v1/cases/{id}/history", /*    */ "x..xx...", true},
    {"GET /api/v1/cases/{id}/decisions", /*  */ "x..xx...", true},
    {"GET /api/v1/cases/{id}/letters/{letter}", "x..x....", true},
    {"POST /api/v1/applications", /*         */ "x.......", false},
    {"POST /api/v1/applications/{id}/decision", "x.......", false},
    {"POST /api/v1/cases/{id}/incomes", /*   */ "x.......", false},
    {"GET /api/v1/runs", /*                  */ "....x..x", false},
    {"GET /api/v1/runs/{month}", /*          */ "....x..x", false},
    {"POST /api/v1/runs/{month}/prepare", /* */ "....x...", false},
    {"POST /api/v1/runs/{month}/approve", /* */ "....x...", false},
    {"GET /api/v1/runs/{month}/sepa", /*     */ "....x...", false},
    {"GET /api/v1/runs/{month}/report", /*   */ "....x..x", false},
    {"GET /api/v1/stats/caseload", /*        */ "....xx.x", false},
    {"GET /api/v1/debt/dossiers", /*         */ "..x.....", true},
    {"GET /api/v1/debt/dossiers/{id}", /*    */ "..x.....", true},
    {"GET /api/v1/debt/dossiers/{id}/overview", "..x.....", true},
    {"GET /api/v1/debt/dossiers/{id}/letter", "..x.....", true},
    {"POST /api/v1/debt/dossiers/{id}/milestones", "..x.....", false},
    {"PUT /api/v1/debt/dossiers/{id}/withholding", "..x.....", false},
    {"GET /api/v1/debt/figures", /*          */ "..x..x.x", false},
    {"GET /api/v1/users", /*                 */ "......x.", false},
    {"POST /api/v1/users", /*                */ "......x.", false},
    {"POST /api/v1/users/{name}/disable", /* */ "......x.", false},
    {"POST /api/v1/users/{name}/reset-password", "......x.", false},
    {"GET /api/v1/access-log", /*            */ ".......x", false},
    {"GET /api/v1/events", /*                */ ".......x", false},
};

const Role kColumns[] = {Role::kKlantmanagerInkomen, Role::kKlantmanagerWerk, Role::kSchuldhulpverlener,
                         Role::kHandhaving, Role::kFinancieleAdministratie, Role::kBeleid,
                         Role::kBeheerder, Role::kAuditor};

Principal As(Role role, bool must_change = false) {
  Principal p;
  p.user_id = 1;
  p.name = "test";
  p.role = role;
  p.must_change_password = must_change;
  return p;
}

TEST(Permissions, TheWholeMatrixOfRoutesAndRoles) {
  static_assert(std::size(kColumns) == kAllRoles.size());
  int checked = 0;
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(e.route);
    const RoutePermission* p = FindRoute(e.route);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->personal_data, e.personal);
    const std::string roles = e.roles;
    if (roles == "public") {
      EXPECT_TRUE(Authorize(e.route, nullptr).ok());
    } else {
      EXPECT_EQ(Authorize(e.route, nullptr).code(), ErrorCode::kUnauthenticated);
    }
    for (size_t i = 0; i < std::size(kColumns); ++i) {
      SCOPED_TRACE(std::string(RoleId(kColumns[i])));
      Principal normal = As(kColumns[i]);
      Principal first_login = As(kColumns[i], /*must_change=*/true);
      bool allowed = roles == "public" || roles == "signed-in" || roles[i] == 'x';
      bool allowed_first_login = roles == "public" || roles == "signed-in";
      if (roles != "public" && roles != "signed-in") {
        ASSERT_EQ(roles.size(), std::size(kColumns));
        ASSERT_TRUE(roles[i] == 'x' || roles[i] == '.');
      }
      Status s = Authorize(e.route, &normal);
      EXPECT_EQ(s.ok(), allowed) << s.ToString();
      if (!allowed) {
        EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
      }
      Status f = Authorize(e.route, &first_login);
      EXPECT_EQ(f.ok(), allowed_first_login) << f.ToString();
      if (!allowed_first_login) {
        EXPECT_EQ(f.code(), ErrorCode::kPermissionDenied);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(std::size(kExpected) * kAllRoles.size()));
}

TEST(Permissions, TableHasExactlyTheExpectedRoutesOnce) {
  std::set<std::string> expected;
  for (const Expected& e : kExpected) expected.insert(e.route);
  std::multiset<std::string> table;
  for (const RoutePermission& p : RoutePermissions()) {
    table.insert(std::string(p.route));
    EXPECT_EQ(p.access == Access::kRoles, !p.roles.empty()) << p.route;
    EXPECT_TRUE(RouteMethod(p.route) == "GET" || RouteMethod(p.route) == "POST" || RouteMethod(p.route) == "PUT" ||
                RouteMethod(p.route) == "DELETE")
        << p.route;
  }
  EXPECT_EQ(std::set<std::string>(table.begin(), table.end()), expected);
  EXPECT_EQ(table.size(), expected.size()) << "a route is listed twice";
}

TEST(Permissions, UnknownRoutesAreDeniedToEveryone) {
  Principal admin = As(Role::kBeheerder);
  EXPECT_EQ(Authorize("GET /api/v1/secret", &admin).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Authorize("GET /api/v1/secret", nullptr).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Authorize("get /api/v1/health", nullptr).code(), ErrorCode::kPermissionDenied);  // exact ids
}

TEST(Permissions, CheckRoutesCoveredNamesTheMissingRoutes) {
  std::vector<std::string> served = {"GET /api/v1/health", "GET /api/v1/cases/{id}"};
  EXPECT_TRUE(CheckRoutesCovered(served).ok());
  served.push_back("GET /api/v1/nieuw");
  Status s = CheckRoutesCovered(served);
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("GET /api/v1/nieuw"), std::string::npos);
}

TEST(Roles, StableIdsAndDutchNames) {
  std::set<std::string> ids;
  for (Role r : kAllRoles) {
    ids.insert(std::string(RoleId(r)));
    EXPECT_EQ(ParseRole(RoleId(r)), r);
  }
  EXPECT_EQ(ids.size(), kAllRoles.size());
  EXPECT_EQ(RoleId(Role::kFinancieleAdministratie), "financiele_administratie");
  EXPECT_EQ(RoleDisplayName(Role::kFinancieleAdministratie), "financiële administratie");
  EXPECT_EQ(RoleDisplayName(Role::kKlantmanagerInkomen), "klantmanager inkomen");
  EXPECT_FALSE(ParseRole("admin").has_value());
}

}  // namespace
}  // namespace nabij::auth
