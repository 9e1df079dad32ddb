// An application for bijstand (aanvraag levensonderhoud) and its legal terms.
//
// The terms follow from dates alone: the melding, the day the application was received, the
// periods it was incomplete, a notice of extension. ComputeDeadlines derives the earliest day the
// application can be filed (Pw art. 41 lid 4), the day the voorschot is due (Pw art. 52 lid 1)
// and the day the decision is due (Awb art. 4:13, suspended under 4:15, extended under 4:14).
// Pure functions over the rules; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"

namespace nabij::cases {

// A request to complete the application (Awb art. 4:5) suspends the decision term from the day
// after the request until the day it is completed or the set term expires (Awb art. 4:15 lid 1).
struct Suspension {
  Date requested;                 // the day the request was sent
  std::optional<Date> completed;  // the day the data arrived, or the set term expired unused
};

struct Application {
  int64_t id = 0;
  Date melding;                   // Pw art. 44: the report at UWV or the municipality
  std::vector<Date> birth_dates;  // the persons the application covers (applicant, spouse)
  bool exception_41_4 = false;    // an exception of Pw art. 41 lid 4 (praktijkonderwijs, urenbeperkt, ...)
  std::optional<Date> received;   // the application itself
  std::vector<Suspension> suspensions;
  std::optional<Date> extended_until;  // Awb art. 4:14 lid 3: notified new decision date
  std::optional<Date> decided;
};

struct Deadlines {
  Date earliest_application;            // Pw art. 41 lid 4
  std::optional<Date> voorschot_due;    // Pw art. 52 lid 1, once received
  std::optional<Date> decision_due;     // Awb art. 4:13-4:15, once received; absent while suspended
  int suspended_days = 0;
  bool suspended_now = false;           // an incompleteness request is open
  std::optional<int> days_left;         // to the decision due date, from `today`
  std::optional<int> handling_days;     // from complete (received + suspensions) to decision
};

// Returns kInvalidArgument for dates in an impossible order (received before the melding, a
// suspension completed before it was requested), kRuleMissing when the rules have no terms.
Result<Deadlines> ComputeDeadlines(const rules::ParameterSet& set, const Application& a, Date today,
                                   rules::Trace* trace = nullptr);

// The least voorschot while the right is not yet established (Pw art. 52 lid 2): the percentage of
// the rules on the day the application was received, of the algemene bijstand computed for it,
// rounded up to the cent (the law says "in ieder geval": never less). kRuleMissing without rules.
Result<Money> VoorschotMinimum(const rules::ParameterSet& set, Date received, Money bijstand,
                               rules::Trace* trace = nullptr);

}  // namespace nabij::cases
