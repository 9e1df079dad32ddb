// bench_case_search: finding and opening a client file on a SQLite file (SqliteRunStore as
// CaseFiles), the store's part of GET /api/v1/cases?q= and GET /api/v1/cases/{id}.
//
// Setup, once and untimed: a temporary directory with a migrated database holding N demo cases
// (payments::GenerateDemoCases: every applicant has a synthetic BSN, DemoBsn(2i); a partner
// DemoBsn(2i + 1)), stored with AddCases in one transaction. N comes from NABIJ_BENCH_N (default
// 100,000 here: the client-file target is for that many households).
//
// Each iteration looks up a different case, spread over the whole file, so no one page stays hot:
//   BM_SearchBsn      by the applicant's BSN (index persons_by_bsn, then cases_by_applicant)
//   BM_SearchNumber   by case number (the primary key)
//   BM_SearchName     by a fragment of the applicant's name (a scan of every applicant)
//   BM_OpenFile       LoadCaseFile: the case with its facts and its run lines
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/ids.h"
#include "bench_setup.h"
#include "payments/demo_data.h"
#include "store/sqlite/database.h"
#include "store/sqlite/run_store.h"

namespace nabij::bench {
namespace {

namespace fs = std::filesystem;

constexpr size_t kDefaultSearchN = 100'000;
constexpr uint64_t kSeed = 20261203;
constexpr uint64_t kStride = 7'919;  // a prime: steps through every case in a scattered order

size_t SearchN() { return BenchN(kDefaultSearchN); }

// The database with the demo cases.
struct Store {
  fs::path dir;
  std::unique_ptr<store::SqliteDatabase> db;
  std::unique_ptr<store::SqliteRunStore> runs;
  size_t n = 0;
  std::vector<int64_t> ids;  // case ids in the order of the demo cases

  ~Store() {
    runs.reset();
    db.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

// The database, made on first use; main() removes it.
std::unique_ptr<Store>& SharedPtr() {
  static std::unique_ptr<Store> s;
  return s;
}

Store& Shared() {
  std::unique_ptr<Store>& s = SharedPtr();
  if (s) return *s;
  s = [] {
    auto st = std::make_unique<Store>();
    st->n = SearchN();
    std::string tmpl = (fs::temp_directory_path() / "nabij_bench_search_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(tmpl.data()) != nullptr);
    st->dir = tmpl;
    auto db = store::SqliteDatabase::Open(st->dir / "nabij.db");
    NABIJ_CHECK(db.ok());
    st->db = std::move(*db);
    NABIJ_CHECK(st->db->Migrate().ok());
    st->runs = std::make_unique<store::SqliteRunStore>(*st->db);
    auto cases = payments::GenerateDemoCases(kSeed, st->n, Month::Of(2026, 6));
    auto ids = st->runs->AddCases(cases);
    NABIJ_CHECK(ids.ok());
    st->ids = std::move(*ids);
    return st;
  }();
  return *s;
}

size_t Pick(size_t i, size_t n) { return (i * kStride) % n; }

template <typename Query>
void Search(benchmark::State& state, Query&& text_of) {
  Store& s = Shared();
  size_t i = 0;
  size_t found = 0;
  for (auto _ : state) {
    const size_t k = Pick(i++, s.n);
    auto r = s.runs->SearchCases({text_of(k, s), 50});
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    found += r->size();
    benchmark::DoNotOptimize(r->data());
  }
  state.counters["hits_per_search"] = static_cast<double>(found) / static_cast<double>(std::max<size_t>(i, 1));
  state.counters["households"] = static_cast<double>(s.n);
}

void BM_SearchBsn(benchmark::State& state) {
  Search(state, [](size_t k, const Store&) { return DemoBsn(2 * k).digits(); });
}
BENCHMARK(BM_SearchBsn)->Unit(benchmark::kMicrosecond);

void BM_SearchNumber(benchmark::State& state) {
  Search(state, [](size_t k, const Store& s) { return std::to_string(s.ids[k]); });
}
BENCHMARK(BM_SearchNumber)->Unit(benchmark::kMicrosecond);

// "Klant 4711" matches that applicant and those whose number starts with 4711 (47110, ...).
void BM_SearchName(benchmark::State& state) {
  Search(state, [](size_t k, const Store&) { return "Klant " + std::to_string(k + 1); });
}
BENCHMARK(BM_SearchName)->Unit(benchmark::kMicrosecond);

void BM_OpenFile(benchmark::State& state) {
  Store& s = Shared();
  size_t i = 0;
  for (auto _ : state) {
    auto f = s.runs->LoadCaseFile(s.ids[Pick(i++, s.n)]);
    if (!f.ok() || !f->has_value()) {
      state.SkipWithError("a case file could not be opened");
      return;
    }
    benchmark::DoNotOptimize(f->value().c.case_id);
  }
  state.counters["households"] = static_cast<double>(s.n);
}
BENCHMARK(BM_OpenFile)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  nabij::bench::PrintSetup("bench_case_search", "case search by BSN, number and name; opening a file (SQLite)",
                           nabij::bench::SearchN());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  nabij::bench::SharedPtr().reset();  // closes the database and removes its directory
  return 0;
}
