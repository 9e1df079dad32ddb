// libFuzzer target: what nabijd does with a request before and around its handlers, without a
// database: the router and query parsing on a path taken from the input's first line, and the
// calculator's request body (envelope, household, part-time series, both JSON writers) on the
// rest. Any input must give a value or a Status, never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/calculator.h"
#include "api/household_json.h"
#include "api/router.h"
#include "pw/bijstand.h"
#include "rules/source_rules.h"

namespace {

const nabij::api::Router& TheRouter() {
  static const nabij::api::Router* router = [] {
    auto* r = new nabij::api::Router();
    auto ok = [](const nabij::api::Request&) { return nabij::api::Response{}; };
    for (const char* t : {"/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/runs/{month}/report",
                          "/api/v1/users/{name}/disable", "/api/v1/session", "/api/v1/session/password"}) {
      (void)r->Add("GET", t, ok);
    }
    (void)r->Add("POST", "/api/v1/session", ok);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string_view target = text.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? text : text.substr(nl + 1);

  nabij::api::Request req;
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string_view::npos) req.query = target.substr(q + 1);
  auto m = TheRouter().Find(size % 2 == 0 ? "GET" : "POST", req.path);
  req.params = std::move(m.params);
  std::string value;
  (void)req.Query("q", &value);
  (void)req.Param("id");

  auto calc = nabij::api::ParseCalculatorJson(body);
  if (!calc.ok()) {
    (void)nabij::api::StatusToJson(calc.error(), false);
    return 0;
  }
  auto in = nabij::pw::BuildCaseInput(calc->household.household);
  if (!in.ok()) return 0;
  auto params = nabij::pw::Snapshot(nabij::rules::SourceRules(), in->month, calc->household.household.gemeente);
  if (!params.ok()) return 0;
  nabij::rules::Trace trace;
  auto d = nabij::pw::Calculate(*params, *in, &trace, {calc->household.regime});
  if (!d.ok()) return 0;
  (void)nabij::api::DecisionToJson(*d, *params, &trace, "fuzz", false);
  if (calc->parttime) {
    auto series = nabij::api::ParttimeSeries(*params, *in, calc->household.regime, *calc->parttime);
    if (series.ok()) (void)nabij::api::ParttimeSeriesJson(*series);
  }
  return 0;
}
