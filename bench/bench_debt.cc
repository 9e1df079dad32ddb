// bench_debt: what the debt fund's batch steps cost on a SQLite file, for a caseload of
// min(N / 10, 5,000) synthetic households with about 14 claims each (debt::GenerateDemoDossiers),
// so about 1.4 N claims; N / 10 keeps CI's smoke run (N = 1,000) short.
//
// BM_OfferRound: DebtFund::MakeOffers over every dossier (first offers for every claim, the
// offers file, one Save of all dossiers); the time shown is per round.
// BM_ImportAnswers: parsing an answers file for every offer (simulated creditors) and
// DebtFund::ImportAnswers (checks, settlements, takeovers with their ledger entries, one Save).
// BM_Figures: DebtFund::FiguresFor over the whole caseload (loads every dossier).
// BM_PlanOneHousehold: the VTLB with its trace and a 180-month schedule for one household.
// The set-up (registering the households and their claims) is not timed.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "base/clock.h"
#include "bench_setup.h"
#include "debt/demo_data.h"
#include "debt/fund.h"
#include "rules/source_rules.h"
#include "store/sqlite/database.h"
#include "store/sqlite/debt_store.h"

namespace nabij::bench {
namespace {

constexpr size_t kMaxDossiers = 5'000;
constexpr uint64_t kSeed = 1;
const Date kRegistered = Date::Of(2026, 3, 2);
const Date kOffersDay = Date::Of(2026, 3, 3);
const Date kAnswersDay = Date::Of(2026, 3, 6);

constexpr size_t kClaimsPerN = 10;  // one dossier (about 14 claims) per 10 of N
size_t Dossiers() { return std::max<size_t>(1, std::min(BenchN() / kClaimsPerN, kMaxDossiers)); }

// A settable day.
class BenchClock final : public Clock {
 public:
  Date Today() const override { return today; }
  int64_t NowUnixMillis() const override { return int64_t{today.days_since_epoch()} * 86'400'000; }
  Date today = kRegistered;
};

// A fresh database with the caseload registered, in its own temporary directory.
struct Caseload {
  std::filesystem::path dir;
  std::unique_ptr<store::SqliteDatabase> db;
  std::unique_ptr<store::SqliteDebtStore> store;
  BenchClock clock;
  std::unique_ptr<debt::DebtFund> fund;
  size_t claims = 0;

  Caseload() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "nabij_bench_debt_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
    auto opened = store::SqliteDatabase::Open(dir / "nabij.db");
    NABIJ_CHECK(opened.ok());
    db = std::move(*opened);
    NABIJ_CHECK(db->Migrate().ok());
    store = std::make_unique<store::SqliteDebtStore>(*db);
    fund = std::make_unique<debt::DebtFund>(*store, rules::SourceRules(), clock);
    auto demo = debt::GenerateDemoDossiers(rules::SourceRules(), kSeed, Dossiers(), kRegistered,
                                           kRegistered, "9999");
    NABIJ_CHECK(demo.ok());
    for (const debt::DemoDossier& dd : *demo) {
      auto id = fund->Register(dd.dossier);
      NABIJ_CHECK(id.ok());
      std::vector<debt::ClaimRow> rows;
      for (const debt::Claim& c : dd.claims) rows.push_back({0, *id, c});
      NABIJ_CHECK(fund->ImportClaims(rows).ok());
      claims += rows.size();
    }
  }
  ~Caseload() {
    fund.reset();
    store.reset();
    db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

void BM_OfferRound(benchmark::State& state) {
  size_t claims = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto c = std::make_unique<Caseload>();
    c->clock.today = kOffersDay;
    claims = c->claims;
    state.ResumeTiming();
    auto round = c->fund->MakeOffers(std::nullopt);
    NABIJ_CHECK(round.ok());
    benchmark::DoNotOptimize(round->csv.data());
    state.PauseTiming();
    c.reset();
    state.ResumeTiming();
  }
  state.counters["dossiers"] = static_cast<double>(Dossiers());
  state.counters["claims"] = static_cast<double>(claims);
}
BENCHMARK(BM_OfferRound)->Unit(benchmark::kMillisecond);

void BM_ImportAnswers(benchmark::State& state) {
  size_t answers = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto c = std::make_unique<Caseload>();
    c->clock.today = kOffersDay;
    auto round = c->fund->MakeOffers(std::nullopt);
    NABIJ_CHECK(round.ok());
    auto csv = debt::SimulateCreditorAnswers(round->csv, kSeed, kAnswersDay);
    NABIJ_CHECK(csv.ok());
    c->clock.today = kAnswersDay;
    state.ResumeTiming();
    auto rows = debt::ParseAnswersCsv(*csv);
    NABIJ_CHECK(rows.ok());
    NABIJ_CHECK(c->fund->ImportAnswers(*rows).ok());
    answers = rows->size();
    state.PauseTiming();
    c.reset();
    state.ResumeTiming();
  }
  state.counters["answers"] = static_cast<double>(answers);
}
BENCHMARK(BM_ImportAnswers)->Unit(benchmark::kMillisecond);

Caseload& Answered() {
  // Destroyed at exit, which removes its directory.
  static std::unique_ptr<Caseload> c = [] {
    auto made = std::make_unique<Caseload>();
    made->clock.today = kOffersDay;
    auto round = made->fund->MakeOffers(std::nullopt);
    NABIJ_CHECK(round.ok());
    auto csv = debt::SimulateCreditorAnswers(round->csv, kSeed, kAnswersDay);
    NABIJ_CHECK(csv.ok());
    made->clock.today = kAnswersDay;
    auto rows = debt::ParseAnswersCsv(*csv);
    NABIJ_CHECK(rows.ok());
    NABIJ_CHECK(made->fund->ImportAnswers(*rows).ok());
    return made;
  }();
  return *c;
}

void BM_Figures(benchmark::State& state) {
  Caseload& c = Answered();
  for (auto _ : state) {
    auto f = c.fund->FiguresFor(Date::Of(2026, 1, 1), Date::Of(2027, 1, 1));
    NABIJ_CHECK(f.ok());
    benchmark::DoNotOptimize(f->settled_amount);
  }
}
BENCHMARK(BM_Figures)->Unit(benchmark::kMillisecond);

void BM_PlanOneHousehold(benchmark::State& state) {
  auto r = debt::LoadFundRules(rules::SourceRules(), Date::Of(2026, 4, 1), "9999");
  NABIJ_CHECK(r.ok());
  debt::Finances f;
  f.bijstandsnorm = Money::Cents(140150);
  f.net_income = Money::Cents(160000);
  f.housing_costs = Money::Cents(98000);
  for (auto _ : state) {
    rules::Trace trace;
    auto a = debt::Affordable(*r, f, &trace);
    NABIJ_CHECK(a.ok());
    auto s = debt::MakeSchedule(debt::Regime::kStudieschuld, Money::Cents(1'500'000), a->affordable,
                                Month::Of(2026, 4));
    NABIJ_CHECK(s.ok());
    benchmark::DoNotOptimize(s->paid);
  }
}
BENCHMARK(BM_PlanOneHousehold)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const size_t n = nabij::bench::Dossiers();
  nabij::bench::PrintSetup("bench_debt",
                           "the debt fund's offer round, answer import and figures on SQLite", n);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
