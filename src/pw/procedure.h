// Procedure terms of the Participatiewet that follow from dates alone.
//
// Pure functions over the rules; the case administration (applications, decisions) uses them to
// set its deadlines. Thread-safe.
#pragma once

#include <vector>

#include "base/date.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"

namespace nabij::pw {

// Pw art. 41 lid 4: an application that covers only persons under 27 can be filed no earlier
// than four weeks after the melding, unless an exception of lid 4 applies (`exception`).
// `birth_dates` are those of the persons the application covers. Returns kRuleMissing when the
// rules have no term on the melding date, kInvalidArgument for an empty list.
Result<Date> EarliestApplicationDate(const rules::ParameterSet& set, Date melding,
                                     const std::vector<Date>& birth_dates, bool exception,
                                     rules::Trace* trace);

}  // namespace nabij::pw
