// Straight-through processing: may an application be decided without a person?
//
// An application is decided automatically only when its data are complete and it hits none of
// the exception rules below; every other application goes to a work queue with the reasons, in
// plain Dutch. The rules are listed in docs/stp-rules.md. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "cases/application.h"
#include "pw/bijstand.h"

namespace nabij::cases {

struct StpOutcome {
  bool automatic = false;
  std::vector<std::string> reasons;  // why a person must look, empty when automatic
};

StpOutcome CheckStraightThrough(const Application& a, const Deadlines& d, const pw::CaseInput& in,
                                const pw::Decision& decision, Date today);

}  // namespace nabij::cases
