// bench_calculator: the public calculator's work per request, without HTTP, stage by stage:
// parsing the request body, the decision with its trace, the decision as JSON, the part-time
// series (5 points) and its JSON, and all of it together (what POST /api/v1/calculator does
// besides reading and writing the socket). Times are per request, on one thread.
#include <benchmark/benchmark.h>

#include <string>

#include "api/calculator.h"
#include "api/household_json.h"
#include "bench_setup.h"
#include "pw/bijstand.h"
#include "pw/params.h"
#include "rules/source_rules.h"

namespace nabij::bench {
namespace {

// The body bench/http_calculator.sh sends.
constexpr char kBody[] =
    R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":35},{"role":"child","age":6}]},)"
    R"("parttime":{"hourly_wage":1400,"hours":[0,8,16,24,32]}})";

struct Setup {
  const rules::ParameterSet& rules;
  api::CalculatorRequest request;
  pw::CaseInput input;
  pw::Params params;
};

const Setup& TheSetup() {
  static const Setup* setup = [] {
    auto req = api::ParseCalculatorJson(kBody);
    NABIJ_CHECK(req.ok());
    auto in = pw::BuildCaseInput(req->household.household);
    NABIJ_CHECK(in.ok());
    auto* s = new Setup{rules::SourceRules(), std::move(*req), *in, {}};
    auto p = pw::Snapshot(s->rules, in->month, "");
    NABIJ_CHECK(p.ok());
    s->params = std::move(*p);
    return s;
  }();
  return *setup;
}

void BM_ParseRequest(benchmark::State& state) {
  for (auto _ : state) {
    auto req = api::ParseCalculatorJson(kBody);
    auto in = pw::BuildCaseInput(req->household.household);
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_ParseRequest)->Unit(benchmark::kMicrosecond);

void BM_Snapshot(benchmark::State& state) {
  const Setup& s = TheSetup();
  for (auto _ : state) {
    auto p = pw::Snapshot(s.rules, s.input.month, "");
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Snapshot)->Unit(benchmark::kMicrosecond);

void BM_DecisionWithTrace(benchmark::State& state) {
  const Setup& s = TheSetup();
  for (auto _ : state) {
    rules::Trace trace;
    auto d = pw::Calculate(s.params, s.input, &trace);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DecisionWithTrace)->Unit(benchmark::kMicrosecond);

void BM_DecisionJson(benchmark::State& state) {
  const Setup& s = TheSetup();
  rules::Trace trace;
  auto d = pw::Calculate(s.params, s.input, &trace);
  NABIJ_CHECK(d.ok());
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = api::DecisionToJson(*d, s.params, &trace, "0123456789abcdef", false);
    bytes = json.size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_DecisionJson)->Unit(benchmark::kMicrosecond);

void BM_ParttimeSeries(benchmark::State& state) {
  const Setup& s = TheSetup();
  for (auto _ : state) {
    auto series = api::ParttimeSeries(s.params, s.input, pw::Regime::kByDate, *s.request.parttime);
    std::string json = api::ParttimeSeriesJson(*series);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_ParttimeSeries)->Unit(benchmark::kMicrosecond);

void BM_WholeRequest(benchmark::State& state) {
  const Setup& s = TheSetup();
  for (auto _ : state) {
    auto req = api::ParseCalculatorJson(kBody);
    auto in = pw::BuildCaseInput(req->household.household);
    rules::Trace trace;
    auto d = pw::Calculate(s.params, *in, &trace, pw::Options{req->household.regime});
    std::string body = "{\"decision\":";
    body += api::DecisionToJson(*d, s.params, &trace, "0123456789abcdef", false);
    body += ",\"parttime\":";
    auto series = api::ParttimeSeries(s.params, *in, req->household.regime, *req->parttime);
    body += api::ParttimeSeriesJson(*series);
    body += '}';
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_WholeRequest)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nabij::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  nabij::bench::PrintSetup("bench_calculator", "POST /api/v1/calculator's work without HTTP, per request", 1);
  nabij::bench::TheSetup();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
