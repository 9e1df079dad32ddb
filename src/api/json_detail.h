// Inside the api module only: the nlohmann-json side of household_json.cc, for the request
// documents of the HTTP API that embed a household or are small JSON objects themselves.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "api/household_json.h"
#include "base/status.h"

namespace nabij::api {

// Parses a JSON text of at most 1 MiB nested at most 16 deep (checked before parsing).
// kParseError with the byte offset for text that is not JSON; kInvalidArgument for the limits,
// naming `what` ("request body").
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view what);

// A household document already parsed (ParseHouseholdJson without the text step).
Result<CalcRequest> HouseholdFromJson(const nlohmann::json& doc);

}  // namespace nabij::api
