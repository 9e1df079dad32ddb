// The payment run on a real SQLite file: four eyes, SEPA export, and crash safety. The kill test
// starts the run in a child process, kills it with SIGKILL at a random moment, many times, then
// completes it and checks that every case is paid exactly once and the ledger is exactly the one
// of a run that was never interrupted.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "base/clock.h"
#include "rules/source_rules.h"
#include "payments/demo_data.h"
#include "payments/payment_run.h"
#include "store/sqlite/database.h"
#include "store/sqlite/run_store.h"

namespace nabij {
namespace {

namespace fs = std::filesystem;

const rules::ParameterSet& Rules() { return rules::SourceRules(); }

const Month kMonth = Month::Of(2026, 6);  // June: the vakantietoeslag reserve is paid out too
constexpr int kCases = 2000;

fs::path TempDb(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("nabij_run_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

void RemoveDb(const fs::path& p) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(p.string() + suffix));
}

// A database with the demo cases and, for some, a reserve carried over from earlier months.
void Seed(const fs::path& path) {
  RemoveDb(path);
  auto db = store::SqliteDatabase::Open(path, store::OpenOptions{});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Migrate().ok());
  store::SqliteRunStore runs(**db);
  for (const auto& c : payments::GenerateDemoCases(2026, kCases, kMonth)) {
    auto id = runs.AddCase(c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    for (const payments::Recovery& r : c.recoveries) {
      ASSERT_TRUE(runs.AppendEntryOnce(*payments::RecoveryClaimEntry(*id, r, Date::Of(2026, 5, 1))).ok());
    }
  }
}

struct Snapshot {
  payments::RunTotals totals;
  std::map<std::string, std::pair<std::string, int64_t>> payments;  // end-to-end id -> (iban, cents)
  std::map<std::string, int64_t> balances;                          // account -> balance
};

Snapshot Take(const fs::path& path) {
  Snapshot s;
  auto db = store::SqliteDatabase::Open(path, store::OpenOptions{});
  NABIJ_CHECK(db.ok());
  store::SqliteRunStore runs(**db);
  auto run = runs.FindRun(kMonth);
  NABIJ_CHECK(run.ok() && run->has_value());
  s.totals = *runs.Totals((*run)->id);
  auto payments = runs.Payments((*run)->id);
  NABIJ_CHECK(payments.ok());
  for (const auto& p : *payments) s.payments[p.end_to_end_id] = {p.creditor.iban, p.amount.cents()};
  auto tb = runs.TrialBalance(Date::Of(2100, 1, 1));
  NABIJ_CHECK(tb.ok());
  for (const auto& l : tb->lines) s.balances[l.account] = l.balance.cents();
  return s;
}

Status PrepareAll(const fs::path& path, int batch) {
  auto db = store::SqliteDatabase::Open(path, store::OpenOptions{});
  if (!db.ok()) return db.error();
  store::SqliteRunStore runs(**db);
  FixedClock clock(Date::Of(2026, 6, 20), 1'781'913'600'000);
  payments::PaymentRun run(runs, Rules(), clock);
  auto r = run.Prepare(kMonth, "voorbereider", {}, batch);
  return r.ok() ? Status::Ok() : r.error();
}

// The run's outcome is exactly the reference's: every case once, the same payments and ledger.
void ExpectSame(const Snapshot& got, const Snapshot& expected) {
  EXPECT_EQ(got.totals.cases, expected.totals.cases);
  EXPECT_EQ(got.totals.failed, expected.totals.failed);
  EXPECT_EQ(got.totals.bijstand, expected.totals.bijstand);
  EXPECT_EQ(got.totals.to_client, expected.totals.to_client);
  EXPECT_EQ(got.totals.garnished, expected.totals.garnished);
  EXPECT_EQ(got.totals.payments, expected.totals.payments);
  EXPECT_EQ(got.payments, expected.payments);
  EXPECT_EQ(got.balances, expected.balances);
  int64_t sum = 0;
  for (const auto& [account, balance] : got.balances) sum += balance;
  EXPECT_EQ(sum, 0);
}

TEST(PaymentRunKill, KilledAtRandomPointsItCompletesWithoutPayingTwiceOrSkipping) {
  fs::path ref = TempDb("reference.db");
  fs::path victim = TempDb("killed.db");
  Seed(ref);
  Seed(victim);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(PrepareAll(ref, 25).ok());
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  Snapshot expected = Take(ref);
  ASSERT_EQ(expected.totals.cases, kCases);
  ASSERT_GT(expected.totals.payments, kCases / 2);

  std::mt19937_64 rng(7);
  constexpr int kKills = 30;
  int killed_mid_run = 0;
  for (int i = 0; i < kKills; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      Status s = PrepareAll(victim, 25);
      ::_exit(s.ok() ? 0 : 1);
    }
    // Kill somewhere within the time a whole run takes (each attempt resumes, so it gets shorter).
    auto delay = std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(1, full.count() / 6))(rng);
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
      ++killed_mid_run;
    } else {
      // The run completed before the kill (a busy machine makes timing loose): check it, then start
      // again from a fresh database so that every kill has a run to interrupt.
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
      ExpectSame(Take(victim), expected);
      Seed(victim);
    }
  }
  EXPECT_GT(killed_mid_run, kKills / 2) << "the kills should mostly land while the run is busy";
  ASSERT_TRUE(PrepareAll(victim, 25).ok());
  ExpectSame(Take(victim), expected);
  RemoveDb(ref);
  RemoveDb(victim);
}

TEST(PaymentRunFlow, FourEyesThenAValidatedSepaFileAndABalancedLedger) {
  fs::path path = TempDb("flow.db");
  Seed(path);
  auto db = store::SqliteDatabase::Open(path, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  store::SqliteRunStore runs(**db);
  FixedClock clock(Date::Of(2026, 6, 20), 1'781'913'600'000);
  payments::PaymentRun run(runs, Rules(), clock);
  payments::ExportSettings settings;
  settings.debtor_name = "Gemeente Demodorp (fictief)";
  settings.debtor_iban = payments::DemoIban(9'999'999'999);
  settings.schema_dir = fs::path(NABIJ_SOURCE_DIR) / "schemas/sepa";
  EXPECT_EQ(run.Approve(kMonth, "goedkeurder").code(), ErrorCode::kNotFound);
  auto prepared = run.Prepare(kMonth, "voorbereider");
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(run.Export(kMonth, settings).status().code(), ErrorCode::kFailedPrecondition);  // not approved
  EXPECT_EQ(run.Approve(kMonth, "voorbereider").code(), ErrorCode::kPermissionDenied);    // four eyes
  ASSERT_TRUE(run.Approve(kMonth, "goedkeurder").ok());
  EXPECT_EQ(run.Approve(kMonth, "goedkeurder").code(), ErrorCode::kFailedPrecondition);
  auto xml = run.Export(kMonth, settings);
  ASSERT_TRUE(xml.ok()) << xml.status().ToString();
  EXPECT_NE(xml->find("<NbOfTxs>" + std::to_string(prepared->totals.payments) + "</NbOfTxs>"), std::string::npos);
  auto again = run.Export(kMonth, settings);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *xml);  // the same run gives the same file, and books the bank once
  auto tb = runs.TrialBalance(Date::Of(2100, 1, 1));
  ASSERT_TRUE(tb.ok());
  EXPECT_EQ(tb->total_debit, tb->total_credit);
  Money bank;
  Money client_debt;
  for (const auto& l : tb->lines) {
    if (l.account == "bank") bank = l.balance;
    if (l.account == "schuld.client") client_debt = l.balance;
  }
  const auto& t = prepared->totals;
  EXPECT_EQ(-bank, t.to_client + t.direct + t.garnished);  // everything owed was paid, once
  EXPECT_EQ(client_debt, Money::Zero());
  for (const auto& l : tb->lines) {
    if (l.account == "vordering.terugvordering") {
      EXPECT_GE(l.balance, Money::Zero());  // never more recovered than owed
    }
  }
  RemoveDb(path);
}

}  // namespace
}  // namespace nabij
