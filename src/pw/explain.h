// FormatDecisionText: a decision with its trace as plain Dutch text, line by line with the
// article, for the CLI and for anyone who wants it "op papier". Pure formatting; thread-safe.
#pragma once

#include <string>

#include "pw/bijstand.h"
#include "rules/trace.h"

namespace nabij::pw {

std::string FormatDecisionText(const Decision& d, const Params& p, const rules::Trace& trace);

}  // namespace nabij::pw
