// bench_batch: `calc-batch` end to end, file in to file out.
//
// The input is N households of the synthetic population (sim/population.h), written once into a
// temporary directory before timing starts; each iteration is one sim::RunBatch over the whole
// file (read, parse, compute, format, write OUT.tmp, rename). The time shown is the time for all
// N (target: <= 1 s for 1,000,000), with the phases as counters. peak_rss_B_per_hh is the peak
// resident set of the whole process (getrusage ru_maxrss) divided by N (target: <= 200 bytes);
// the input is generated streaming so the peak is the batch's, plus the program's own baseline.
// BM_LoadRules is what the CLI adds before the batch: loading rules/.
//
// Two modes without Google Benchmark, to measure one run in a fresh process (e.g. under
// /usr/bin/time -v):
//   bench_batch --generate FILE N [SEED]          write a synthetic input file
//   bench_batch --calc-batch IN OUT YYYY-MM [THREADS]   load rules/ and run the batch once
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_setup.h"
#include "rules/parameter_set.h"
#include "sim/batch.h"
#include "sim/batch_csv.h"

namespace nabij::bench {
namespace {

const Month kMonth = Month::Of(2026, 1);
constexpr uint64_t kSeed = 20261123;
// Most households under national rules, some in the fictional Demodorp (its own snapshot).
const std::vector<std::string_view> kGemeenten{"", "", "", "9999"};

std::filesystem::path RulesDir() { return std::filesystem::path(NABIJ_SOURCE_DIR) / "rules"; }

struct Setup {
  std::filesystem::path dir;
  std::filesystem::path in, out;
  size_t n = 0;
  uint64_t input_bytes = 0;
  rules::ParameterSet rules;

  ~Setup() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Setup* the_setup = nullptr;

Setup& TheSetup() {
  if (the_setup == nullptr) {
    auto set = rules::ParameterSet::Load(RulesDir());
    NABIJ_CHECK(set.ok());
    auto* s = new Setup{{}, {}, {}, BenchN(), 0, std::move(*set)};
    std::string templ = (std::filesystem::temp_directory_path() / "nabij_bench_batch_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(templ.data()) != nullptr);
    s->dir = templ;
    s->in = s->dir / "in.csv";
    s->out = s->dir / "out.csv";
    Status st = sim::WriteSyntheticInput(s->in, kSeed, s->n, kMonth, kGemeenten);
    NABIJ_CHECK(st.ok());
    s->input_bytes = std::filesystem::file_size(s->in);
    std::printf("input: %s, %.1f MB, %.1f bytes per household\n\n", s->in.c_str(),
                static_cast<double>(s->input_bytes) / 1e6,
                static_cast<double>(s->input_bytes) / static_cast<double>(s->n));
    std::fflush(stdout);
    the_setup = s;
  }
  return *the_setup;
}

void BM_CalcBatchFileToFile(benchmark::State& state) {
  Setup& s = TheSetup();
  sim::BatchStats last;
  for (auto _ : state) {
    auto stats = sim::RunBatch(s.rules, kMonth, s.in, s.out, static_cast<int>(state.range(0)));
    if (!stats.ok()) {
      state.SkipWithError(stats.status().ToString().c_str());
      return;
    }
    last = *stats;
  }
  if (last.rows != s.n || last.failed_rows != 0) state.SkipWithError("not every household was computed");
  const auto n = static_cast<double>(s.n);
  state.SetItemsProcessed(static_cast<int64_t>(static_cast<double>(state.iterations()) * n));
  state.counters["read_s"] = last.read_seconds;
  state.counters["compute_s"] = last.compute_seconds;
  state.counters["write_s"] = last.write_seconds;
  state.counters["out_MB"] = static_cast<double>(last.output_bytes) / 1e6;
  state.counters["peak_rss_MB"] = static_cast<double>(PeakRssBytes()) / 1e6;
  state.counters["peak_rss_B_per_hh"] = static_cast<double>(PeakRssBytes()) / n;
}
BENCHMARK(BM_CalcBatchFileToFile)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) {
    auto set = rules::ParameterSet::Load(RulesDir());
    if (!set.ok()) {
      state.SkipWithError(set.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMillisecond);

// The reader alone, on the first rows of the input (few, so that the RSS figure stays the batch's).
void BM_ParseInputRow(benchmark::State& state) {
  Setup& s = TheSetup();
  std::FILE* f = std::fopen(s.in.c_str(), "rb");
  NABIJ_CHECK(f != nullptr);
  std::string text(size_t{1} << 20, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  std::vector<std::string_view> lines;
  std::string_view rest(text);
  rest.remove_prefix(rest.find('\n') + 1);  // the header
  while (rest.find('\n') != std::string_view::npos) {
    size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  sim::ParsedRow row;
  sim::RowError err;
  size_t i = 0;
  for (auto _ : state) {
    bool ok = sim::ParseInputRow(lines[i], kMonth, row, err);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(row);
    if (++i == lines.size()) i = 0;
  }
}
BENCHMARK(BM_ParseInputRow)->Unit(benchmark::kNanosecond);

int Generate(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_batch --generate FILE N [SEED]\n");
    return 2;
  }
  uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : kSeed;
  Status st = sim::WriteSyntheticInput(argv[2], seed, std::strtoull(argv[3], nullptr, 10), kMonth, kGemeenten);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}

int CalcBatch(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: bench_batch --calc-batch IN OUT YYYY-MM [THREADS]\n");
    return 2;
  }
  auto month = Month::Parse(argv[4]);
  if (!month.ok()) {
    std::fprintf(stderr, "%s\n", month.status().ToString().c_str());
    return 2;
  }
  const int threads = argc > 5 ? std::atoi(argv[5]) : 2;
  auto rules = rules::ParameterSet::Load(RulesDir());
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", rules.status().ToString().c_str());
    return 1;
  }
  auto stats = sim::RunBatch(*rules, *month, argv[2], argv[3], threads);
  if (!stats.ok()) {
    std::fprintf(stderr, "%s\n", stats.status().ToString().c_str());
    return 1;
  }
  const auto rows = static_cast<double>(stats->rows);
  std::printf("rows %llu, failed %llu, bijstand total %lld cents, threads %d\n",
              static_cast<unsigned long long>(stats->rows), static_cast<unsigned long long>(stats->failed_rows),
              static_cast<long long>(stats->bijstand_total.cents()), stats->threads);
  std::printf("seconds: read %.3f, compute %.3f, write %.3f, batch total %.3f\n", stats->read_seconds,
              stats->compute_seconds, stats->write_seconds, stats->total_seconds);
  std::printf("peak RSS %.1f MB, %.1f bytes per household\n", static_cast<double>(PeakRssBytes()) / 1e6,
              static_cast<double>(PeakRssBytes()) / rows);
  return 0;
}

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--generate") == 0) return nabij::bench::Generate(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "--calc-batch") == 0) return nabij::bench::CalcBatch(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  nabij::bench::PrintSetup("bench_batch", "calc-batch file in to file out (sim::RunBatch), rules loading", 
                           nabij::bench::BenchN());
  nabij::bench::TheSetup();  // the input file, before timing starts
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete nabij::bench::the_setup;
  return 0;
}
