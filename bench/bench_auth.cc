// bench_auth: what accounts cost: argon2id with the production parameters (per login), and the
// per-request session check on a SQLite file.
//
// BM_HashPassword / BM_VerifyPassword: one argon2id hash or verification with kArgon2Owasp
// (m=19 MiB, t=2, p=1); the time shown is per password. This is the cost of one login and what
// caps logins per second per core.
// BM_GuardCheck: RequestGuard::Check for "GET /api/v1/cases/{id}" (cookie parsing, SHA-256 of the
// token, the session and user lookups in SQLite, CSRF and role checks) with min(N, 10,000)
// sessions in the store; the time shown is per request.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "auth/sessions.h"
#include "bench_setup.h"
#include "store/sqlite/auth_store.h"
#include "store/sqlite/database.h"

namespace nabij::bench {
namespace {

constexpr size_t kMaxSessions = 10'000;

void BM_HashPassword(benchmark::State& state) {
  for (auto _ : state) {
    auto h = auth::HashPassword("een wachtwoord voor de meting");
    NABIJ_CHECK(h.ok());
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_HashPassword)->Unit(benchmark::kMillisecond);

void BM_VerifyPassword(benchmark::State& state) {
  auto h = auth::HashPassword("een wachtwoord voor de meting");
  NABIJ_CHECK(h.ok());
  for (auto _ : state) {
    auto ok = auth::VerifyPassword(*h, "een wachtwoord voor de meting");
    NABIJ_CHECK(ok.ok() && *ok);
  }
}
BENCHMARK(BM_VerifyPassword)->Unit(benchmark::kMillisecond);

struct GuardSetup {
  std::filesystem::path dir;
  std::unique_ptr<store::SqliteDatabase> db;
  std::unique_ptr<store::SqliteAuthStore> store;
  FixedClock clock{Date::Of(2026, 11, 23), 1'795'400'000'000};
  std::unique_ptr<auth::LoginRateLimiter> limiter;
  std::unique_ptr<auth::SessionService> sessions;
  std::vector<std::string> cookies;
};

GuardSetup& TheGuardSetup() {
  static GuardSetup* s = [] {
    auto* g = new GuardSetup;
    std::string tmpl = (std::filesystem::temp_directory_path() / "nabij_bench_auth_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(tmpl.data()) != nullptr);
    g->dir = tmpl;
    auto db = store::SqliteDatabase::Open(g->dir / "nabij.db");
    NABIJ_CHECK(db.ok());
    g->db = std::move(*db);
    NABIJ_CHECK(g->db->Migrate().ok());
    g->store = std::make_unique<store::SqliteAuthStore>(*g->db);
    g->limiter = std::make_unique<auth::LoginRateLimiter>(g->clock);
    g->sessions = std::make_unique<auth::SessionService>(*g->store, g->clock, *g->limiter);
    // Cheap hashes for the set-up only: logins are not what this benchmark measures.
    auth::AccountService accounts(*g->store, g->clock, nullptr, auth::Argon2Params{256, 1, 1});
    auto made = accounts.CreateUser("bench", "km.bench", auth::Role::kKlantmanagerInkomen);
    NABIJ_CHECK(made.ok());
    NABIJ_CHECK(accounts.ChangePassword("km.bench", made->one_time_password, "wachtwoord voor de meting").ok());
    const size_t n = std::min(BenchN(), kMaxSessions);
    for (size_t i = 0; i < n; ++i) {
      auto login = g->sessions->Login("km.bench", "wachtwoord voor de meting", "127.0.0.1");
      NABIJ_CHECK(login.ok());
      g->cookies.push_back("nabij_session=" + login->token);
    }
    return g;
  }();
  return *s;
}

void BM_GuardCheck(benchmark::State& state) {
  GuardSetup& g = TheGuardSetup();
  auth::RequestGuard guard(*g.sessions, /*tls=*/false);
  size_t i = 0;
  for (auto _ : state) {
    auto r = guard.Check({"GET /api/v1/cases/{id}", g.cookies[i], ""});
    NABIJ_CHECK(r.ok());
    i = (i + 1) % g.cookies.size();
  }
  state.counters["sessions"] = static_cast<double>(g.cookies.size());
}
BENCHMARK(BM_GuardCheck)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const size_t n = nabij::bench::BenchN();
  nabij::bench::PrintSetup("bench_auth", "argon2id per password; the per-request session check on SQLite", n);
  nabij::bench::TheGuardSetup();  // sessions made before timing starts
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(nabij::bench::TheGuardSetup().dir, ignored);
  return 0;
}
