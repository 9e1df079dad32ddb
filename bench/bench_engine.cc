// bench_engine: the engine itself, on households already in memory.
//
// BM_CalculateBatchPath: pw::Calculate without a trace (the batch path) over N pre-generated
// households of the synthetic population (sim/population.h), the whole N per iteration, on 1 and
// 2 threads; the time shown is the time for all N (target: <= 0.1 s for 1,000,000).
// BM_CalculateWithTrace: one household per iteration with the full trace (the per-case path);
// the time shown is per case (target: <= 20 us).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "bench_setup.h"
#include "pw/bijstand.h"
#include "pw/params.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"
#include "sim/population.h"

namespace nabij::bench {
namespace {

const Month kMonth = Month::Of(2026, 1);
constexpr uint64_t kSeed = 20261123;

struct Setup {
  rules::ParameterSet rules;
  pw::Params params;
  std::vector<pw::CaseInput> population;
};

const Setup& TheSetup() {
  static const Setup* setup = [] {
    auto set = rules::ParameterSet::Load(std::filesystem::path(NABIJ_SOURCE_DIR) / "rules");
    NABIJ_CHECK(set.ok());
    auto* s = new Setup{std::move(*set), {}, {}};
    auto p = pw::Snapshot(s->rules, kMonth);
    NABIJ_CHECK(p.ok());
    s->params = std::move(*p);
    sim::GeneratePopulation(kSeed, BenchN(), kMonth, s->population);
    return s;
  }();
  return *setup;
}

void BM_CalculateBatchPath(benchmark::State& state) {
  const Setup& s = TheSetup();
  const auto threads = static_cast<size_t>(state.range(0));
  const size_t n = s.population.size();
  std::vector<int64_t> sums(threads * 8);  // one cache line apart
  std::vector<uint64_t> failed(threads * 8);
  auto work = [&](size_t t) {
    int64_t sum = 0;
    uint64_t bad = 0;
    for (size_t i = n * t / threads, end = n * (t + 1) / threads; i < end; ++i) {
      auto d = pw::Calculate(s.params, s.population[i], nullptr);
      if (d.ok()) {
        sum += d->bijstand.cents();
      } else {
        ++bad;
      }
    }
    sums[t * 8] = sum;
    failed[t * 8] = bad;
  };
  for (auto _ : state) {
    {
      std::vector<std::jthread> pool;
      for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
      work(0);
    }
    benchmark::DoNotOptimize(sums.data());
  }
  uint64_t bad = 0;
  for (size_t t = 0; t < threads; ++t) bad += failed[t * 8];
  if (bad > 0) state.SkipWithError("some households failed to compute");
  const auto cases = static_cast<double>(state.iterations()) * static_cast<double>(n);
  state.SetItemsProcessed(static_cast<int64_t>(cases));
  // Shown as times: "per_case=67ns", "per_1M=67ms".
  state.counters["per_case"] = benchmark::Counter(cases, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["per_1M"] =
      benchmark::Counter(cases / 1e6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CalculateBatchPath)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_CalculateWithTrace(benchmark::State& state) {
  const Setup& s = TheSetup();
  constexpr size_t kCycle = 10000;  // a spread of households, cycled through
  const size_t m = std::min(kCycle, s.population.size());
  size_t i = 0;
  size_t steps = 0;
  for (auto _ : state) {
    rules::Trace trace;
    auto d = pw::Calculate(s.params, s.population[i], &trace);
    benchmark::DoNotOptimize(d);
    steps += trace.steps().size();
    if (++i == m) i = 0;
  }
  state.counters["steps_per_case"] =
      benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CalculateWithTrace)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const size_t n = nabij::bench::BenchN();
  nabij::bench::PrintSetup("bench_engine", "pw::Calculate on households in memory (batch path and per case with trace)",
                           n);
  nabij::bench::TheSetup();  // generate before timing starts
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
