// SourceRules: the rules/ tree of this source checkout, loaded once, for tests and tools.
//
// Only for code compiled with NABIJ_SOURCE_DIR defined (tests, fuzz targets, benchmarks). A broken
// rules tree is a broken checkout: it aborts with the loader's message. Thread-safe (a function
// static); the set lives until the process ends.
#pragma once

#include <cstdio>
#include <filesystem>

#include "base/check.h"
#include "rules/parameter_set.h"

#ifndef NABIJ_SOURCE_DIR
#error "rules/source_rules.h is for tests and tools built with NABIJ_SOURCE_DIR"
#endif

namespace nabij::rules {

inline const ParameterSet& SourceRules() {
  static const ParameterSet* set = [] {
    auto r = ParameterSet::Load(std::filesystem::path(NABIJ_SOURCE_DIR) / "rules");
    if (!r.ok()) std::fprintf(stderr, "rules/ does not load: %s\n", r.error().ToString().c_str());
    NABIJ_CHECK(r.ok());
    return new ParameterSet(std::move(*r));
  }();
  return *set;
}

}  // namespace nabij::rules
