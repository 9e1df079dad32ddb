// The engine input (pw::CaseInput) as JSON, and back: what a stored decision keeps as its
// inputs, so that it can be computed again years later with the rules version it names.
//
// The document mirrors CaseInput field by field (amounts in cents, dates ISO); parsing is strict:
// every field present, no unknown key, so a stored input means exactly one engine input.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "pw/household.h"
#include "pw/params.h"

namespace nabij::api {

struct EngineInput {
  pw::CaseInput input;
  std::string gemeente;
  pw::Regime regime = pw::Regime::kByDate;
};

std::string EngineInputToJson(const EngineInput& e);
// kParseError for text that is not JSON, kInvalidArgument naming the field otherwise.
Result<EngineInput> ParseEngineInputJson(std::string_view text);

}  // namespace nabij::api
