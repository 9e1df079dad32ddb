// The AuthStore test suite: what every storage backend of accounts, sessions and the access log
// must do. Runs on each backend of AuthStoreBackends() through auth::AuthStore only, plus the
// schema's own refusals where the backend has SQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "auth/accounts.h"
#include "auth/auth_store.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/sessions.h"
#include "auth_store_backend.h"

namespace nabij::store::testing {
namespace {

using auth::AccessQuery;
using auth::AccessRecord;
using auth::Role;
using auth::SessionRecord;
using auth::UserRecord;

// A syntactically valid argon2id PHC string (the store does not verify passwords).
const char kHash[] = "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

UserRecord User(const std::string& name, Role role = Role::kKlantmanagerInkomen) {
  UserRecord u;
  u.name = name;
  u.role = role;
  u.password_hash = kHash;
  u.must_change_password = true;
  u.created_at_ms = 1'000;
  u.password_changed_at_ms = 1'000;
  return u;
}

SessionRecord Session(const std::string& token, int64_t user_id, int64_t at_ms) {
  return SessionRecord{auth::Sha256Hex(token), user_id, at_ms, at_ms};
}

class AuthStoreTest : public ::testing::TestWithParam<AuthStoreBackend> {
 protected:
  void SetUp() override {
    auto t = GetParam().open();
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    under_test_ = std::move(*t);
  }
  auth::AuthStore& store() { return under_test_->store(); }
  std::unique_ptr<AuthStoreUnderTest> under_test_;
};

TEST_P(AuthStoreTest, UsersRoundTripAndNamesAreUnique) {
  UserRecord anna = User("anna", Role::kFinancieleAdministratie);
  anna.must_change_password = false;
  anna.created_at_ms = 1'795'000'000'123;
  anna.password_changed_at_ms = 1'795'000'000'456;
  auto id = store().AddUser(anna);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, 0);
  auto got = store().FindUserByName("anna");
  ASSERT_TRUE(got.ok() && got->has_value());
  const UserRecord& g = **got;
  EXPECT_EQ(g.id, *id);
  EXPECT_EQ(g.name, "anna");
  EXPECT_EQ(g.role, Role::kFinancieleAdministratie);
  EXPECT_EQ(g.password_hash, kHash);
  EXPECT_FALSE(g.must_change_password);
  EXPECT_FALSE(g.disabled);
  EXPECT_EQ(g.created_at_ms, 1'795'000'000'123);
  EXPECT_EQ(g.password_changed_at_ms, 1'795'000'000'456);
  EXPECT_EQ(store().FindUserById(*id).value()->name, "anna");
  EXPECT_FALSE(store().FindUserByName("zoe").value().has_value());
  EXPECT_FALSE(store().FindUserById(*id + 100).value().has_value());
  EXPECT_EQ(store().AddUser(User("anna", Role::kAuditor)).status().code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store().AddUser(User("bert", Role::kAuditor)).ok());
  ASSERT_TRUE(store().AddUser(User("aad", Role::kBeleid)).ok());
  auto all = store().ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].name, "aad");
  EXPECT_EQ((*all)[1].name, "anna");
  EXPECT_EQ((*all)[2].role, Role::kAuditor);
}

TEST_P(AuthStoreTest, EveryRoleRoundTrips) {
  for (Role r : auth::kAllRoles) {
    std::string name = "u." + std::string(auth::RoleId(r));
    ASSERT_TRUE(store().AddUser(User(name, r)).ok()) << name;
    EXPECT_EQ(store().FindUserByName(name).value()->role, r);
  }
}

TEST_P(AuthStoreTest, AddFirstUserOnlyIntoAnEmptyStore) {
  auto first = store().AddFirstUser(User("beheerder", Role::kBeheerder));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(*first, 0);
  auto second = store().AddFirstUser(User("nog-een", Role::kBeheerder));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(store().ListUsers()->size(), 1u);
}

TEST_P(AuthStoreTest, TwoConnectionsBootstrapingAtOnceMakeOneAdministrator) {
  auto other = under_test_->OpenAnother();
  if (!other.ok()) GTEST_SKIP() << "single-process backend";
  int64_t a = -1;
  int64_t b = -1;
  std::thread t1([&] { a = store().AddFirstUser(User("beheerder", Role::kBeheerder)).value(); });
  std::thread t2([&] { b = (*other)->AddFirstUser(User("beheerder2", Role::kBeheerder)).value(); });
  t1.join();
  t2.join();
  EXPECT_TRUE((a == 0) != (b == 0)) << a << " " << b;
  EXPECT_EQ(store().ListUsers()->size(), 1u);
}

TEST_P(AuthStoreTest, SessionsRoundTripTouchAndRemove) {
  int64_t anna = store().AddUser(User("anna")).value();
  ASSERT_TRUE(store().AddSession(Session("t1", anna, 5'000)).ok());
  auto s = store().FindSession(auth::Sha256Hex("t1"));
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ((*s)->user_id, anna);
  EXPECT_EQ((*s)->created_at_ms, 5'000);
  EXPECT_EQ((*s)->last_seen_ms, 5'000);
  ASSERT_TRUE(store().TouchSession(auth::Sha256Hex("t1"), 9'000).ok());
  ASSERT_TRUE(store().TouchSession(auth::Sha256Hex("t1"), 7'000).ok());  // never backwards
  EXPECT_EQ(store().FindSession(auth::Sha256Hex("t1")).value()->last_seen_ms, 9'000);
  EXPECT_FALSE(store().FindSession(auth::Sha256Hex("t2")).value().has_value());
  ASSERT_TRUE(store().RemoveSession(auth::Sha256Hex("t1")).ok());
  ASSERT_TRUE(store().RemoveSession(auth::Sha256Hex("t1")).ok());
  EXPECT_FALSE(store().FindSession(auth::Sha256Hex("t1")).value().has_value());
  EXPECT_FALSE(store().AddSession(Session("t3", anna + 100, 5'000)).ok());  // unknown user
}

TEST_P(AuthStoreTest, PasswordChangeAndDisablingRemoveTheUsersSessions) {
  int64_t anna = store().AddUser(User("anna")).value();
  int64_t bert = store().AddUser(User("bert")).value();
  ASSERT_TRUE(store().AddSession(Session("a1", anna, 1)).ok());
  ASSERT_TRUE(store().AddSession(Session("a2", anna, 2)).ok());
  ASSERT_TRUE(store().AddSession(Session("b1", bert, 3)).ok());
  const std::string new_hash = std::string(kHash) + "x";
  ASSERT_TRUE(store().SetPassword(anna, new_hash, false, 77).ok());
  auto a = store().FindUserById(anna).value();
  EXPECT_EQ(a->password_hash, new_hash);
  EXPECT_FALSE(a->must_change_password);
  EXPECT_EQ(a->password_changed_at_ms, 77);
  EXPECT_FALSE(store().FindSession(auth::Sha256Hex("a1")).value().has_value());
  EXPECT_FALSE(store().FindSession(auth::Sha256Hex("a2")).value().has_value());
  EXPECT_TRUE(store().FindSession(auth::Sha256Hex("b1")).value().has_value());
  ASSERT_TRUE(store().SetDisabled(bert, true).ok());
  EXPECT_TRUE(store().FindUserById(bert).value()->disabled);
  EXPECT_FALSE(store().FindSession(auth::Sha256Hex("b1")).value().has_value());
  ASSERT_TRUE(store().SetDisabled(bert, false).ok());
  EXPECT_FALSE(store().FindUserById(bert).value()->disabled);
  EXPECT_EQ(store().SetPassword(bert + 100, new_hash, false, 1).code(), ErrorCode::kNotFound);
  EXPECT_EQ(store().SetDisabled(bert + 100, true).code(), ErrorCode::kNotFound);
}

TEST_P(AuthStoreTest, RemoveExpiredSessions) {
  int64_t anna = store().AddUser(User("anna")).value();
  ASSERT_TRUE(store().AddSession(Session("idle", anna, 1'000)).ok());
  ASSERT_TRUE(store().AddSession(Session("old", anna, 500)).ok());
  ASSERT_TRUE(store().TouchSession(auth::Sha256Hex("old"), 10'000).ok());
  ASSERT_TRUE(store().AddSession(Session("fresh", anna, 9'000)).ok());
  auto n = store().RemoveExpiredSessions(/*idle_cutoff=*/2'000, /*absolute_cutoff=*/800);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  EXPECT_TRUE(store().FindSession(auth::Sha256Hex("fresh")).value().has_value());
}

TEST_P(AuthStoreTest, AccessLogAppendsAndSearches) {
  auto rec = [](int64_t at, const char* user, Role role, int64_t case_id, const char* route) {
    AccessRecord r;
    r.at_ms = at;
    r.user = user;
    r.role = role;
    r.case_id = case_id;
    r.route = route;
    return r;
  };
  AccessRecord first = rec(1'000, "anna", Role::kKlantmanagerInkomen, 7, "GET /api/v1/cases/{id}");
  first.screen = "dossier";
  ASSERT_TRUE(store().AppendAccess(first).ok());
  ASSERT_TRUE(store().AppendAccess(rec(2'000, "henk", Role::kHandhaving, 7, "GET /api/v1/cases/{id}/decisions")).ok());
  ASSERT_TRUE(store().AppendAccess(rec(3'000, "anna", Role::kKlantmanagerInkomen, 8, "GET /api/v1/cases")).ok());
  ASSERT_TRUE(store().AppendAccess(rec(3'000, "anna", Role::kKlantmanagerInkomen, 9, "GET /api/v1/cases")).ok());
  EXPECT_EQ(store().AppendAccess(rec(4'000, "", Role::kBeleid, 7, "GET /x")).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().AppendAccess(rec(4'000, "anna", Role::kBeleid, 0, "GET /x")).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().AppendAccess(rec(4'000, "anna", Role::kBeleid, 7, "")).code(), ErrorCode::kInvalidArgument);

  auto all = store().SearchAccess(AccessQuery{});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].case_id, 9);  // newest first; same millisecond: later append first
  EXPECT_EQ((*all)[1].case_id, 8);
  EXPECT_EQ((*all)[3].screen, "dossier");
  EXPECT_EQ((*all)[3].at_ms, 1'000);
  EXPECT_EQ((*all)[3].role, Role::kKlantmanagerInkomen);
  EXPECT_EQ((*all)[2].route, "GET /api/v1/cases/{id}/decisions");
  EXPECT_GT((*all)[0].id, (*all)[3].id);

  AccessQuery q;
  q.case_id = 7;
  EXPECT_EQ(store().SearchAccess(q)->size(), 2u);
  q = {};
  q.user = "anna";
  EXPECT_EQ(store().SearchAccess(q)->size(), 3u);
  q.case_id = 7;
  EXPECT_EQ(store().SearchAccess(q)->size(), 1u);
  q = {};
  q.from_ms = 2'000;
  q.until_ms = 3'000;
  auto period = store().SearchAccess(q);
  ASSERT_EQ(period->size(), 1u);
  EXPECT_EQ((*period)[0].user, "henk");
  q = {};
  q.limit = 2;
  EXPECT_EQ(store().SearchAccess(q)->size(), 2u);
}

TEST_P(AuthStoreTest, SchemaRefusesChangesToTheAccessLogAndDeletingUsers) {
  if (!under_test_->has_sql()) GTEST_SKIP() << "no schema";
  AccessRecord r;
  r.at_ms = 1;
  r.user = "anna";
  r.case_id = 7;
  r.route = "GET /api/v1/cases/{id}";
  ASSERT_TRUE(store().AppendAccess(r).ok());
  EXPECT_FALSE(under_test_->ExecSql("UPDATE access_log SET user_name = 'mallory'").ok());
  EXPECT_FALSE(under_test_->ExecSql("DELETE FROM access_log").ok());
  EXPECT_EQ(store().SearchAccess(AccessQuery{})->at(0).user, "anna");
  ASSERT_TRUE(store().AddUser(User("anna")).ok());
  EXPECT_FALSE(under_test_->ExecSql("DELETE FROM users").ok());
  EXPECT_FALSE(under_test_->ExecSql("UPDATE users SET name = 'anne'").ok());
  // What the store would never write, the schema refuses too.
  EXPECT_FALSE(under_test_->ExecSql("INSERT INTO users (name, role, password_hash, must_change_password, disabled, "
                                    "created_at_ms, password_changed_at_ms) "
                                    "VALUES ('bert', 'admin', '$argon2id$x', 0, 0, 1, 1)").ok());
  EXPECT_FALSE(under_test_->ExecSql("INSERT INTO users (name, role, password_hash, must_change_password, disabled, "
                                    "created_at_ms, password_changed_at_ms) "
                                    "VALUES ('bert', 'beleid', 'geheim', 0, 0, 1, 1)").ok());
  EXPECT_FALSE(under_test_->ExecSql("INSERT INTO users (name, role, password_hash, must_change_password, disabled, "
                                    "created_at_ms, password_changed_at_ms) "
                                    "VALUES ('Bert Jansen', 'beleid', '$argon2id$x', 0, 0, 1, 1)").ok());
  EXPECT_FALSE(under_test_->ExecSql("INSERT INTO sessions VALUES ('plain-token', 1, 1, 1)").ok());
}

// nabijd checks sessions from many request threads at once on one store.
TEST_P(AuthStoreTest, ConcurrentSessionChecksAndLogins) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'795'400'000'000);
  auth::AccountService accounts(store(), clock, /*events=*/nullptr, auth::Argon2Params{256, 1, 1});
  auth::LoginRateLimiter limiter(clock);
  auth::SessionService sessions(store(), clock, limiter);
  auto made = accounts.CreateUser("test", "anna", Role::kKlantmanagerInkomen);
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(accounts.ChangePassword("anna", made->one_time_password, "lange zin als wachtwoord").ok());
  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRounds; ++i) {
        auto login = sessions.Login("anna", "lange zin als wachtwoord", "127.0.0.1");
        if (!login.ok()) {
          ++failures;
          continue;
        }
        for (int k = 0; k < 4; ++k) {
          if (!sessions.Authenticate(login->token).ok()) ++failures;
        }
        if (!sessions.Logout(login->token).ok()) ++failures;
        if (sessions.Authenticate(login->token).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

// The services on top of each backend: bootstrap, login, password change, with real hashing.
TEST_P(AuthStoreTest, ServicesWorkOnTheBackend) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'795'400'000'000);
  auth::AccountService accounts(store(), clock, /*events=*/nullptr, auth::Argon2Params{256, 1, 1});
  auth::LoginRateLimiter limiter(clock);
  auth::SessionService sessions(store(), clock, limiter);
  auto admin = accounts.Bootstrap();
  ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
  auto login = sessions.Login("beheerder", (*admin)->one_time_password, "127.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  auto changed = sessions.ChangePassword(accounts, login->principal, (*admin)->one_time_password,
                                         "lange zin als wachtwoord");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_FALSE(sessions.Authenticate(login->token).ok());
  auto p = sessions.Authenticate(changed->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->role, Role::kBeheerder);
  EXPECT_FALSE(p->must_change_password);
  clock.Advance(auth::kSessionIdleMs);
  EXPECT_FALSE(sessions.Authenticate(changed->token).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthStoreTest, ::testing::ValuesIn(AuthStoreBackends()),
                         [](const ::testing::TestParamInfo<AuthStoreBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace nabij::store::testing
