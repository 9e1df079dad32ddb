// Accounts, sessions, the request guard and the access log, on the in-memory store with a fixed
// clock.
#include "auth/sessions.h"

#include <gtest/gtest.h>

#include "auth/access_log.h"
#include "auth/accounts.h"
#include "auth/crypto.h"
#include "auth/guard.h"
#include "auth/memory_auth_store.h"

namespace nabij::auth {
namespace {

constexpr Argon2Params kCheap{256, 1, 1};

// The audit trail in memory, to see what the services record.
class VectorEventLog final : public EventLog {
 public:
  Status Append(const Event& e) override {
    events.push_back(e);
    return Status::Ok();
  }
  Result<std::vector<Event>> List(int64_t, int) override { return events; }
  std::vector<Event> events;
};

constexpr int64_t kStart = 1'795'000'000'000;  // 2026-11-18

class SessionsTest : public ::testing::Test {
 protected:
  FixedClock clock_{Date::Of(2026, 11, 18), kStart};
  MemoryAuthStore store_;
  VectorEventLog events_;
  AccountService accounts_{store_, clock_, &events_, kCheap};
  LoginRateLimiter limiter_{clock_};
  SessionService sessions_{store_, clock_, limiter_};

  // A user who has changed the one-time password to `password`.
  void AddUser(const std::string& name, Role role, const std::string& password) {
    auto a = accounts_.CreateUser("admin", name, role);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(accounts_.ChangePassword(name, a->one_time_password, password).ok());
  }
  LoginResult LoginOrDie(const std::string& name, const std::string& password) {
    auto r = sessions_.Login(name, password, "192.0.2.1");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : LoginResult{};
  }
};

TEST_F(SessionsTest, FirstStartCreatesOneAdministratorWithAOneTimePassword) {
  auto first = accounts_.Bootstrap();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->has_value());
  const NewAccount& admin = **first;
  EXPECT_EQ(admin.user.name, "beheerder");
  EXPECT_EQ(admin.user.role, Role::kBeheerder);
  EXPECT_TRUE(admin.user.must_change_password);
  EXPECT_EQ(admin.one_time_password.size(), kOneTimePasswordLength);
  // Only the hash is stored.
  auto stored = store_.FindUserByName("beheerder").value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->password_hash.find(admin.one_time_password), std::string::npos);
  EXPECT_TRUE(stored->password_hash.starts_with("$argon2id$"));
  // The second start changes nothing and shows no password.
  auto second = accounts_.Bootstrap();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
  EXPECT_EQ(store_.ListUsers()->size(), 1u);

  // The one-time password opens only the password change.
  LoginResult login = LoginOrDie("beheerder", admin.one_time_password);
  EXPECT_TRUE(login.principal.must_change_password);
  EXPECT_EQ(Authorize("GET /api/v1/users", &login.principal).code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Authorize("PUT /api/v1/session/password", &login.principal).ok());
  auto changed = sessions_.ChangePassword(accounts_, login.principal, admin.one_time_password,
                                          "een eigen wachtwoord van de beheerder");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_FALSE(changed->principal.must_change_password);
  EXPECT_TRUE(Authorize("GET /api/v1/users", &changed->principal).ok());
  // The old session ended; the new one works; the one-time password no longer does.
  EXPECT_EQ(sessions_.Authenticate(login.token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(sessions_.Authenticate(changed->token).ok());
  EXPECT_EQ(sessions_.Login("beheerder", admin.one_time_password, "192.0.2.1").status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, NoBootstrapWhenAnyAccountExists) {
  ASSERT_TRUE(accounts_.CreateUser("admin", "anna", Role::kAuditor).ok());
  auto b = accounts_.Bootstrap();
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->has_value());
  EXPECT_FALSE(store_.FindUserByName("beheerder")->has_value());
}

TEST_F(SessionsTest, CreateUserChecksNameAndUniqueness) {
  EXPECT_EQ(accounts_.CreateUser("admin", "Anna", Role::kBeleid).status().field(), "name");
  EXPECT_EQ(accounts_.CreateUser("admin", "123456782", Role::kBeleid).status().field(), "name");  // no BSN as login
  EXPECT_EQ(accounts_.CreateUser("admin", "", Role::kBeleid).status().field(), "name");
  EXPECT_EQ(accounts_.CreateUser("admin", "a b", Role::kBeleid).status().field(), "name");
  ASSERT_TRUE(accounts_.CreateUser("admin", "k.jansen-2", Role::kBeleid).ok());
  EXPECT_EQ(accounts_.CreateUser("admin", "k.jansen-2", Role::kAuditor).status().code(), ErrorCode::kAlreadyExists);
}

TEST_F(SessionsTest, WrongPasswordUnknownUserAndDisabledAccountLookTheSame) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  AddUser("bert", Role::kKlantmanagerInkomen, "bert zijn wachtwoord");
  ASSERT_TRUE(accounts_.SetDisabled("admin", "bert", true).ok());
  Status wrong = sessions_.Login("anna", "niet het wachtwoord", "192.0.2.1").status();
  Status unknown = sessions_.Login("zoe", "anna haar wachtwoord", "192.0.2.1").status();
  Status disabled = sessions_.Login("bert", "bert zijn wachtwoord", "192.0.2.1").status();
  EXPECT_EQ(wrong.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.ToString(), unknown.ToString());
  EXPECT_EQ(wrong.ToString(), disabled.ToString());
  ASSERT_TRUE(accounts_.SetDisabled("admin", "bert", false).ok());
  EXPECT_TRUE(sessions_.Login("bert", "bert zijn wachtwoord", "192.0.2.1").ok());
}

TEST_F(SessionsTest, TokensAreRandomAndOnlyTheirHashIsStored) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult a = LoginOrDie("anna", "anna haar wachtwoord");
  LoginResult b = LoginOrDie("anna", "anna haar wachtwoord");
  EXPECT_NE(a.token, b.token);
  EXPECT_EQ(a.token.size(), 43u);  // 256 bits in base64url
  EXPECT_FALSE(store_.FindSession(a.token)->has_value());
  EXPECT_TRUE(store_.FindSession(Sha256Hex(a.token))->has_value());
  EXPECT_EQ(a.principal.session_hash, Sha256Hex(a.token));
  EXPECT_EQ(sessions_.Authenticate("").status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(sessions_.Authenticate("made-up-token").status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, IdleAndAbsoluteExpiry) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult idle = LoginOrDie("anna", "anna haar wachtwoord");
  clock_.Advance(kSessionIdleMs - 1);
  EXPECT_TRUE(sessions_.Authenticate(idle.token).ok());  // in time: counts as activity
  clock_.Advance(kSessionIdleMs - 1);
  EXPECT_TRUE(sessions_.Authenticate(idle.token).ok());
  clock_.Advance(kSessionIdleMs);
  EXPECT_EQ(sessions_.Authenticate(idle.token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_FALSE(store_.FindSession(Sha256Hex(idle.token))->has_value());  // removed

  // Active every 10 minutes, still ended after 8 hours.
  LoginResult busy = LoginOrDie("anna", "anna haar wachtwoord");
  int64_t elapsed = 0;
  while (elapsed + 10 * kMinuteMs < kSessionAbsoluteMs) {
    clock_.Advance(10 * kMinuteMs);
    elapsed += 10 * kMinuteMs;
    ASSERT_TRUE(sessions_.Authenticate(busy.token).ok()) << elapsed;
  }
  clock_.Advance(kSessionAbsoluteMs - elapsed);
  EXPECT_EQ(sessions_.Authenticate(busy.token).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, RemoveExpiredSweepsOnlyExpiredSessions) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult old_one = LoginOrDie("anna", "anna haar wachtwoord");
  clock_.Advance(kSessionIdleMs / 2);
  LoginResult new_one = LoginOrDie("anna", "anna haar wachtwoord");
  clock_.Advance(kSessionIdleMs / 2 + 1);
  EXPECT_EQ(sessions_.RemoveExpired().value(), 1);
  EXPECT_FALSE(store_.FindSession(Sha256Hex(old_one.token))->has_value());
  EXPECT_TRUE(sessions_.Authenticate(new_one.token).ok());
}

TEST_F(SessionsTest, LogoutEndsOnlyThatSession) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult a = LoginOrDie("anna", "anna haar wachtwoord");
  LoginResult b = LoginOrDie("anna", "anna haar wachtwoord");
  ASSERT_TRUE(sessions_.Logout(a.token).ok());
  ASSERT_TRUE(sessions_.Logout(a.token).ok());  // twice is fine
  EXPECT_FALSE(sessions_.Authenticate(a.token).ok());
  EXPECT_TRUE(sessions_.Authenticate(b.token).ok());
}

TEST_F(SessionsTest, PasswordChangeNeedsTheOldPasswordAndEndsAllSessions) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult a = LoginOrDie("anna", "anna haar wachtwoord");
  LoginResult b = LoginOrDie("anna", "anna haar wachtwoord");
  auto wrong_old = sessions_.ChangePassword(accounts_, a.principal, "fout wachtwoord!", "een nieuw wachtwoord");
  EXPECT_EQ(wrong_old.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong_old.status().field(), "old_password");
  EXPECT_EQ(sessions_.ChangePassword(accounts_, a.principal, "anna haar wachtwoord", "kort").status().field(),
            "new_password");
  EXPECT_EQ(sessions_.ChangePassword(accounts_, a.principal, "anna haar wachtwoord", "anna haar wachtwoord")
                .status()
                .field(),
            "new_password");
  EXPECT_TRUE(sessions_.Authenticate(b.token).ok());  // failed attempts changed nothing
  auto ok = sessions_.ChangePassword(accounts_, a.principal, "anna haar wachtwoord", "een nieuw wachtwoord");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_FALSE(sessions_.Authenticate(a.token).ok());
  EXPECT_FALSE(sessions_.Authenticate(b.token).ok());
  EXPECT_TRUE(sessions_.Authenticate(ok->token).ok());
  EXPECT_FALSE(sessions_.Login("anna", "anna haar wachtwoord", "192.0.2.1").ok());
  EXPECT_TRUE(sessions_.Login("anna", "een nieuw wachtwoord", "192.0.2.1").ok());
}

TEST_F(SessionsTest, ResetAndDisableEndSessions) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult a = LoginOrDie("anna", "anna haar wachtwoord");
  auto fresh = accounts_.ResetPassword("admin", "anna");
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(sessions_.Authenticate(a.token).ok());
  LoginResult b = LoginOrDie("anna", *fresh);
  EXPECT_TRUE(b.principal.must_change_password);
  ASSERT_TRUE(accounts_.SetDisabled("admin", "anna", true).ok());
  EXPECT_FALSE(sessions_.Authenticate(b.token).ok());
  EXPECT_EQ(accounts_.SetDisabled("admin", "zoe", true).code(), ErrorCode::kNotFound);
  // The audit trail: created, password changed (by anna), reset and disabled (by admin).
  std::vector<std::string> kinds;
  for (const Event& e : events_.events) kinds.push_back(e.actor + " " + e.kind + " " + e.detail);
  EXPECT_EQ(kinds, (std::vector<std::string>{"admin user.created anna: rol klantmanager_inkomen",
                                             "anna user.password_changed anna", "admin user.password_reset anna",
                                             "admin user.disabled anna"}));
  for (const Event& e : events_.events) {
    EXPECT_EQ(e.detail.find(*fresh), std::string::npos);  // never a password
    EXPECT_EQ(e.at, "2026-11-18T11:06:40Z");
  }
  EXPECT_EQ(accounts_.ResetPassword("admin", "zoe").status().code(), ErrorCode::kNotFound);
}

TEST_F(SessionsTest, LoginIsRateLimitedEvenWithTheRightPassword) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  for (int i = 0; i < kPerAccountLimit.max_failures; ++i) {
    EXPECT_EQ(sessions_.Login("anna", "geraden wachtwoord " + std::to_string(i), "198.51.100.7").status().code(),
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(sessions_.Login("anna", "anna haar wachtwoord", "192.0.2.1").status().code(),
            ErrorCode::kResourceExhausted);
  clock_.Advance(kPerAccountLimit.lockout_ms);
  EXPECT_TRUE(sessions_.Login("anna", "anna haar wachtwoord", "192.0.2.1").ok());
}

TEST(Csrf, UnsafeMethodsNeedTheSessionsToken) {
  const std::string token = "c2Vzc2lvbi10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY";
  const std::string csrf = CsrfTokenFor(token);
  EXPECT_NE(csrf, token);
  EXPECT_EQ(csrf, CsrfTokenFor(token));
  EXPECT_NE(csrf, CsrfTokenFor(token + "x"));
  EXPECT_TRUE(CheckCsrf("GET", token, "").ok());
  EXPECT_TRUE(CheckCsrf("HEAD", token, "").ok());
  EXPECT_TRUE(CheckCsrf("POST", token, csrf).ok());
  EXPECT_EQ(CheckCsrf("POST", token, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckCsrf("DELETE", token, CsrfTokenFor("other")).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckCsrf("PUT", token, token).field(), "X-CSRF-Token");
}

TEST(Cookies, AttributesAndParsing) {
  EXPECT_EQ(SessionCookie("abc", false), "nabij_session=abc; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SessionCookie("abc", true),
            "__Host-nabij_session=abc; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(ClearedSessionCookie(true), "__Host-nabij_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(SessionTokenFromCookieHeader("a=1; nabij_session=tok-en_1;b=2", false), "tok-en_1");
  EXPECT_EQ(SessionTokenFromCookieHeader("nabij_session=plain", true), "");  // under TLS only __Host-
  EXPECT_EQ(SessionTokenFromCookieHeader("__Host-nabij_session=secure", true), "secure");
  EXPECT_EQ(SessionTokenFromCookieHeader("xnabij_session=1", false), "");
  EXPECT_EQ(SessionTokenFromCookieHeader("", false), "");
}

TEST_F(SessionsTest, GuardWiresSessionCsrfAndRoles) {
  AddUser("anna", Role::kKlantmanagerInkomen, "anna haar wachtwoord");
  LoginResult a = LoginOrDie("anna", "anna haar wachtwoord");
  RequestGuard guard(sessions_, /*tls=*/false);
  const std::string cookie = "theme=dark; nabij_session=" + a.token;

  auto pub = guard.Check({"POST /api/v1/calculator", "", ""});
  ASSERT_TRUE(pub.ok());
  EXPECT_FALSE(pub->principal.has_value());
  EXPECT_EQ(guard.Check({"GET /api/v1/cases/{id}", "", ""}).status().code(), ErrorCode::kUnauthenticated);
  auto read = guard.Check({"GET /api/v1/cases/{id}", cookie, ""});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->principal->name, "anna");
  EXPECT_TRUE(read->permission->personal_data);
  EXPECT_EQ(guard.Check({"POST /api/v1/applications", cookie, ""}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(guard.Check({"POST /api/v1/applications", cookie, a.csrf_token}).ok());
  EXPECT_EQ(guard.Check({"POST /api/v1/runs/{month}/approve", cookie, a.csrf_token}).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(guard.Check({"GET /api/v1/nowhere", cookie, ""}).status().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(sessions_.Logout(a.token).ok());
  EXPECT_EQ(guard.Check({"GET /api/v1/cases/{id}", cookie, ""}).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, AccessLogRecordsReadsAndOnlyTheAuditorSearches) {
  AccessLog log(store_, clock_);
  Principal anna{1, "anna", Role::kKlantmanagerInkomen, false, ""};
  Principal henk{2, "henk", Role::kHandhaving, false, ""};
  Principal audrey{3, "audrey", Role::kAuditor, false, ""};
  ASSERT_TRUE(log.Record(anna, 17, "GET /api/v1/cases/{id}", "dossier").ok());
  clock_.Advance(60'000);
  ASSERT_TRUE(log.Record(henk, 17, "GET /api/v1/cases/{id}/decisions").ok());
  clock_.Advance(60'000);
  ASSERT_TRUE(log.Record(anna, 18, "GET /api/v1/cases").ok());
  EXPECT_EQ(log.Record(anna, 0, "GET /api/v1/cases").field(), "case_id");
  EXPECT_EQ(log.Record(anna, 5, "").field(), "route");
  EXPECT_EQ(log.Record(anna, 5, "GET /api/v1/cases/{id}", "Dossier van J. Jansen").field(), "screen");
  EXPECT_EQ(log.Record(anna, 5, "GET /api/v1/cases/{id}", std::string(65, 'a')).field(), "screen");

  EXPECT_EQ(log.Search(anna, {}).status().code(), ErrorCode::kPermissionDenied);
  auto all = log.Search(audrey, {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].case_id, 18);  // newest first
  EXPECT_EQ((*all)[2].screen, "dossier");
  EXPECT_EQ((*all)[2].at_ms, kStart);
  EXPECT_EQ((*all)[1].role, Role::kHandhaving);
  AccessQuery by_case;
  by_case.case_id = 17;
  EXPECT_EQ(log.Search(audrey, by_case)->size(), 2u);
  AccessQuery by_user;
  by_user.user = "anna";
  EXPECT_EQ(log.Search(audrey, by_user)->size(), 2u);
  AccessQuery period;
  period.from_ms = kStart + 60'000;
  period.until_ms = kStart + 120'000;  // half-open: the third read is outside
  auto p = log.Search(audrey, period);
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ((*p)[0].user, "henk");
  AccessQuery bad;
  bad.limit = 0;
  EXPECT_EQ(log.Search(audrey, bad).status().field(), "limit");
}

}  // namespace
}  // namespace nabij::auth
