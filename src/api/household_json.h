// The household JSON format (docs/household-format.md, api/household.schema.json) and the
// decision as JSON.
//
// This is nabij's one adapter around nlohmann-json for calculations: it turns a request body into
// a pw::HouseholdSpec through the same field setters the golden cases use, and a Decision with
// its trace into JSON with every amount in integer eurocents. Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "pw/bijstand.h"
#include "pw/household.h"
#include "rules/trace.h"

namespace nabij::api {

struct CalcRequest {
  pw::HouseholdSpec household;
  pw::Regime regime = pw::Regime::kByDate;
};

// Parses a household document. Returns kParseError for text that is not JSON (with the byte
// offset), kInvalidArgument naming the field ("members[1].net_work_income") for everything else:
// unknown keys, wrong types, fractional amounts, a body over 1 MiB or nested deeper than 16 levels.
Result<CalcRequest> ParseHouseholdJson(std::string_view text);

// The decision as a JSON document: amounts in cents, the trace when given; indented when
// `pretty`, else compact (the API).
std::string DecisionToJson(const pw::Decision& d, const pw::Params& p, const rules::Trace* trace,
                           std::string_view rules_version, bool pretty = true);

// {"error": {"code": "invalid_argument", "message": "...", "field": "...", "legal_basis": "..."}}
std::string StatusToJson(const Status& s, bool pretty = true);

}  // namespace nabij::api
