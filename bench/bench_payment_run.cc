// bench_payment_run: the monthly payment run end to end on a SQLite file.
//
// Target (issue): a payment run for 100,000 households on a SQLite file, including the ledger and
// the SEPA file, in <= 5 s on this machine. N comes from NABIJ_BENCH_N (default 100,000 here).
//
// Setup, once and untimed: a temporary directory with a migrated database holding N demo cases
// (payments::GenerateDemoCases, stored with SqliteRunStore::AddCases in one transaction) and the
// booking of their recovery claims, as `nabij demo-data` does; then the WAL is checkpointed and the
// connection closed, so the file is self-contained. Each iteration copies that file (untimed) and
// then times, on the copy, what `nabij run prepare`, `run approve` and `run export` do: open the
// database, PaymentRun::Prepare (every case computed, lines, payments, ledger entries, recovery
// offsets stored batch by batch), Approve by a second user, Export (pain.001.001.09 written,
// validated against schemas/sepa and CheckTotals, the bank booking) and the file written to disk
// (tmp + rename, as the CLI does). The time is measured by hand around exactly that part
// (UseManualTime), so the copy costs nothing; Prepare, Approve and Export are also counters.
//
// Counters: prepare_s, approve_s, export_s (export includes writing the file), cpu_s (CPU time of
// the process in the timed part: fairer than wall time on a loaded machine), peak RSS of the
// timed part and of the export alone (the kernel's high-water mark, reset before each through
// /proc/self/clear_refs; rss_reset is 0 when that was refused and the figures are then the
// process's peak so far), base_rss_MB (the resident set before the run, after malloc_trim: the
// program, the rules, the schema cache), and the run's figures (cases, payments, SEPA MB).
//
// Two modes without Google Benchmark, to measure one run in a fresh process (e.g. under
// /usr/bin/time -v):
//   bench_payment_run --seed DB N        create DB with N demo cases (as the setup does)
//   bench_payment_run --run DB OUT [BATCH]   prepare (batch size default 500), approve and export
//   the
//                                            run on DB, write OUT
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/clock.h"
#include "bench_setup.h"
#include "payments/demo_data.h"
#include "payments/payment_run.h"
#include "rules/parameter_set.h"
#include "sepa/xsd_validator.h"
#include "store/sqlite/database.h"
#include "store/sqlite/run_store.h"

namespace nabij::bench {
namespace {

namespace fs = std::filesystem;

// June: the reserved vakantietoeslag is paid out too, the month with the most work per case.
const Month kMonth = Month::Of(2026, 6);
constexpr uint64_t kSeed = 20261123;
constexpr size_t kDefaultRunN = 100'000;
const Date kToday = Date::Of(2026, 6, 20);
constexpr int64_t kNowMillis = 1'781'913'600'000;  // 2026-06-20T00:00:00Z
constexpr uint64_t kMunicipalityAccount = 9'999'999'999;

size_t RunN() { return BenchN(kDefaultRunN); }

const rules::ParameterSet& Rules() {
  static const rules::ParameterSet set = [] {
    auto loaded = rules::ParameterSet::Load(fs::path(NABIJ_SOURCE_DIR) / "rules");
    NABIJ_CHECK(loaded.ok());
    return std::move(*loaded);
  }();
  return set;
}

void RemoveDb(const fs::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(p.string() + suffix), ec);
}

// --- memory ------------------------------------------------------------------------------------

// Resets the kernel's peak-RSS mark of this process (Linux >= 4.0); false if refused.
bool ResetPeakRss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (f == nullptr) return false;
  bool ok = std::fputs("5", f) >= 0;
  ok = std::fclose(f) == 0 && ok;
  return ok;
}

// VmHWM (peak since the last reset) or VmRSS from /proc/self/status, in bytes.
int64_t StatusBytes(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const size_t len = std::strlen(key);
  while (std::getline(f, line)) {
    if (line.compare(0, len, key) == 0 && line.size() > len && line[len] == ':') {
      constexpr int64_t kKibibyte = 1024;
      return std::strtoll(line.c_str() + len + 1, nullptr, 10) * kKibibyte;
    }
  }
  return PeakRssBytes();
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// --- the database and the run ------------------------------------------------------------------

// A database at `path` with `n` demo cases and their recovery claims booked, as `nabij demo-data`
// makes it, checkpointed and closed.
Status SeedDatabase(const fs::path& path, size_t n) {
  RemoveDb(path);
  NABIJ_ASSIGN_OR_RETURN(std::unique_ptr<store::SqliteDatabase> db,
                         store::SqliteDatabase::Open(path));
  NABIJ_RETURN_IF_ERROR(db->Migrate());
  store::SqliteRunStore runs(*db);
  {
    std::vector<payments::RunCase> cases = payments::GenerateDemoCases(kSeed, n, kMonth);
    NABIJ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, runs.AddCases(cases));
    for (size_t i = 0; i < cases.size(); ++i) {
      for (const payments::Recovery& r : cases[i].recoveries) {
        NABIJ_ASSIGN_OR_RETURN(ledger::Entry entry,
                               payments::RecoveryClaimEntry(ids[i], r, kMonth.first_day()));
        NABIJ_RETURN_IF_ERROR(runs.AppendEntryOnce(entry));
      }
    }
  }
  return db->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

struct RunFigures {
  double prepare_s = 0, approve_s = 0, export_s = 0;
  int64_t prepare_peak_rss = 0;  // bytes: prepare and approve (since the caller's reset)
  int64_t export_peak_rss = 0;   // bytes: the export alone
  payments::RunTotals totals;
  size_t xml_bytes = 0;
  size_t transactions = 0;  // <CdtTrfTxInf> in the file
};

// What `nabij run prepare`, `run approve` and `run export --out OUT` do, on the database at
// `db_path`.
Result<RunFigures> RunOnce(const fs::path& db_path, const fs::path& out, int batch_size,
                           bool reset_rss) {
  RunFigures f;
  auto t = std::chrono::steady_clock::now();
  NABIJ_ASSIGN_OR_RETURN(std::unique_ptr<store::SqliteDatabase> db,
                         store::SqliteDatabase::Open(db_path));
  store::SqliteRunStore runs(*db);
  FixedClock clock(kToday, kNowMillis);
  payments::PaymentRun run(runs, Rules(), clock);
  NABIJ_ASSIGN_OR_RETURN(payments::PrepareResult prepared,
                         run.Prepare(kMonth, "voorbereider", {}, batch_size));
  f.totals = prepared.totals;
  f.prepare_s = Since(t);

  t = std::chrono::steady_clock::now();
  NABIJ_RETURN_IF_ERROR(run.Approve(kMonth, "goedkeurder"));
  f.approve_s = Since(t);

  f.prepare_peak_rss = StatusBytes("VmHWM");
  if (reset_rss) ResetPeakRss();
  t = std::chrono::steady_clock::now();
  payments::ExportSettings settings;
  settings.debtor_name = "Gemeente Demodorp (fictief)";
  settings.debtor_iban = payments::DemoIban(kMunicipalityAccount);
  settings.version = sepa::Version::kPain001_001_09;
  settings.schema_dir = sepa::DefaultSchemaDir();
  NABIJ_ASSIGN_OR_RETURN(std::string xml, run.Export(kMonth, settings));
  fs::path tmp = out;
  tmp += ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    file.write(xml.data(), static_cast<std::streamsize>(xml.size()));
    file.flush();
    if (!file) return Status(ErrorCode::kIo, "cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) return Status(ErrorCode::kIo, "cannot move " + tmp.string() + " into place");
  f.export_s = Since(t);
  f.export_peak_rss = StatusBytes("VmHWM");
  f.xml_bytes = xml.size();
  for (size_t at = xml.find("<CdtTrfTxInf>"); at != std::string::npos;
       at = xml.find("<CdtTrfTxInf>", at + 1)) {
    ++f.transactions;
  }
  return f;
}

// --- the benchmark ------------------------------------------------------------------------------

struct Setup {
  fs::path dir, seed_db, run_db, out;
  size_t n = 0;
  ~Setup() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Setup* the_setup = nullptr;

Setup& TheSetup() {
  if (the_setup == nullptr) {
    auto* s = new Setup;
    s->n = RunN();
    std::string templ = (fs::temp_directory_path() / "nabij_bench_run_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(templ.data()) != nullptr);
    s->dir = templ;
    s->seed_db = s->dir / "seed.db";
    s->run_db = s->dir / "run.db";
    s->out = s->dir / "sepa.xml";
    (void)Rules();
    auto t = std::chrono::steady_clock::now();
    Status st = SeedDatabase(s->seed_db, s->n);
    if (!st.ok()) {
      std::fprintf(stderr, "cannot create the database: %s\n", st.ToString().c_str());
      std::exit(1);
    }
    std::printf(
        "database: %s, %.1f MB, %zu demo cases (seed %llu, month %s), made in %.1f s (untimed)\n\n",
        s->seed_db.c_str(), static_cast<double>(fs::file_size(s->seed_db)) / 1e6, s->n,
        static_cast<unsigned long long>(kSeed), kMonth.ToString().c_str(), Since(t));
    std::fflush(stdout);
    the_setup = s;
  }
  return *the_setup;
}

void BM_PaymentRun(benchmark::State& state) {
  Setup& s = TheSetup();
  RunFigures last;
  double cpu = 0;
  int64_t run_peak = 0;
  int64_t base_rss = 0;
  bool reset = true;
  for (auto _ : state) {
    RemoveDb(s.run_db);
    std::error_code ec;
    if (!fs::copy_file(s.seed_db, s.run_db, ec)) {
      state.SkipWithError(("cannot copy the database: " + ec.message()).c_str());
      return;
    }
    malloc_trim(0);  // what the setup and earlier iterations freed goes back to the system
    base_rss = StatusBytes("VmRSS");
    reset = ResetPeakRss() && reset;
    const double cpu0 = CpuSeconds();
    auto t = std::chrono::steady_clock::now();
    auto f = RunOnce(s.run_db, s.out, static_cast<int>(state.range(0)), reset);
    const double wall = Since(t);
    cpu = CpuSeconds() - cpu0;
    state.SetIterationTime(wall);
    if (!f.ok()) {
      state.SkipWithError(f.status().ToString().c_str());
      return;
    }
    run_peak = std::max(f->prepare_peak_rss, f->export_peak_rss);
    last = *f;
  }
  if (last.totals.cases != static_cast<int64_t>(s.n))
    state.SkipWithError("not every case has a line");
  if (static_cast<int64_t>(last.transactions) != last.totals.payments) {
    state.SkipWithError("the SEPA file does not hold every payment");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(s.n));
  state.counters["prepare_s"] = last.prepare_s;
  state.counters["approve_s"] = last.approve_s;
  state.counters["export_s"] = last.export_s;
  state.counters["cpu_s"] = cpu;
  state.counters["cases"] = static_cast<double>(last.totals.cases);
  state.counters["failed"] = static_cast<double>(last.totals.failed);
  state.counters["payments"] = static_cast<double>(last.totals.payments);
  state.counters["sepa_MB"] = static_cast<double>(last.xml_bytes) / 1e6;
  state.counters["peak_rss_MB"] = static_cast<double>(run_peak) / 1e6;
  state.counters["prepare_peak_rss_MB"] = static_cast<double>(last.prepare_peak_rss) / 1e6;
  state.counters["export_peak_rss_MB"] = static_cast<double>(last.export_peak_rss) / 1e6;
  state.counters["base_rss_MB"] = static_cast<double>(base_rss) / 1e6;
  state.counters["rss_reset"] = reset ? 1 : 0;
}
// batch:500 is what `nabij run prepare` does (PaymentRun::Prepare's default batch size); 5000 shows
// what a bigger batch (one transaction per 5,000 cases) would give.
BENCHMARK(BM_PaymentRun)
    ->ArgName("batch")
    ->Arg(500)
    ->Arg(5000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// --- one run in a fresh process ------------------------------------------------------------------

int Seed(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_payment_run --seed DB N\n");
    return 2;
  }
  Status st = SeedDatabase(argv[2], std::strtoull(argv[3], nullptr, 10));
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}

int Run(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_payment_run --run DB OUT [BATCH_SIZE]\n");
    return 2;
  }
  constexpr int kDefaultBatch = 500;  // PaymentRun::Prepare's default
  const int batch = argc > 4 ? std::atoi(argv[4]) : kDefaultBatch;
  auto f = RunOnce(argv[2], argv[3], batch, true);
  if (!f.ok()) {
    std::fprintf(stderr, "%s\n", f.status().ToString().c_str());
    return 1;
  }
  std::printf("cases %lld (failed %lld), payments %lld, SEPA %.1f MB\n",
              static_cast<long long>(f->totals.cases), static_cast<long long>(f->totals.failed),
              static_cast<long long>(f->totals.payments), static_cast<double>(f->xml_bytes) / 1e6);
  std::printf("seconds: prepare %.3f, approve %.3f, export %.3f, total %.3f\n", f->prepare_s,
              f->approve_s, f->export_s, f->prepare_s + f->approve_s + f->export_s);
  std::printf("peak RSS: prepare+approve %.1f MB, export %.1f MB, process %.1f MB\n",
              static_cast<double>(f->prepare_peak_rss) / 1e6,
              static_cast<double>(f->export_peak_rss) / 1e6,
              static_cast<double>(PeakRssBytes()) / 1e6);
  return 0;
}

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--seed") == 0) return nabij::bench::Seed(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "--run") == 0) return nabij::bench::Run(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  nabij::bench::PrintSetup(
      "bench_payment_run",
      "payment run prepare + approve + export (pain.001.001.09, XSD) on a SQLite file",
      nabij::bench::RunN());
  nabij::bench::TheSetup();  // the database, before timing starts
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete nabij::bench::the_setup;
  return 0;
}
