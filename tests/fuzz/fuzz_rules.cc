// libFuzzer target: the rules loader (YAML adapter and parameter file parser). Any input must
// give a Parameter or a Status naming file and line, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/parameter_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = nabij::rules::ParameterSet::ParseParameter(text, "fuzz.yaml");
  if (p.ok()) {
    for (const auto& v : p->values) (void)v.Display(p->type, p->unit);
  }
  return 0;
}
