// Synthetic applications for the demo and the work queue screens: fictitious people ("Fictieve
// Aanvrager 3"), IBANs at the fictitious bank NABI, dates in the weeks before `today`.
//
// About half are plain (decided straight-through on intake); the others carry one of the exception
// rules of docs/stp-rules.md (a lodger with a contract, assets near the limit, an open request for
// data, an applicant under 27 in the search period, not yet received), so the work queue shows each
// kind of reason with a range of days left. Same seed, same documents. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"

namespace nabij::api {

// `n` application documents (docs/case-intake.md) for municipality `gemeente`.
std::vector<std::string> GenerateDemoApplications(uint64_t seed, size_t n, Date today,
                                                  const std::string& gemeente = "9999");

}  // namespace nabij::api
