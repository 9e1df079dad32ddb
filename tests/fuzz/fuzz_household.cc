// libFuzzer target: the household JSON parser and the engine behind it. Any input must give a
// value or a Status, never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "api/household_json.h"
#include "pw/bijstand.h"
#include "rules/parameter_set.h"

namespace {
const nabij::rules::ParameterSet* Rules() {
  static const nabij::rules::ParameterSet* set = [] {
    auto r = nabij::rules::ParameterSet::Load(std::filesystem::path(NABIJ_SOURCE_DIR) / "rules");
    return r.ok() ? new nabij::rules::ParameterSet(std::move(*r)) : nullptr;
  }();
  return set;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto req = nabij::api::ParseHouseholdJson(text);
  if (!req.ok()) return 0;
  auto in = nabij::pw::BuildCaseInput(req->household);
  if (!in.ok() || Rules() == nullptr) return 0;
  auto params = nabij::pw::Snapshot(*Rules(), in->month, req->household.gemeente);
  if (!params.ok()) return 0;
  nabij::rules::Trace trace;
  auto d = nabij::pw::Calculate(*params, *in, &trace, {req->regime});
  if (d.ok()) (void)nabij::api::DecisionToJson(*d, *params, &trace, "fuzz");
  return 0;
}
