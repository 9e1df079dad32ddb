// Recomputing a month that was already paid, when a change is reported late.
//
// Income is counted for the month it relates to (Pw art. 32 lid 1 onder b). When a payslip for a
// paid month arrives afterwards, the month is computed again with what is known now; what was
// paid too much becomes a recovery claim (terugvordering, Pw art. 58), offset against later
// benefit within the beslagvrije voet (Pw art. 60 lid 3; payments::ComputeCase). What was paid too
// little is owed to the client. Pure; thread-safe.
#pragma once

#include "payments/run_case.h"
#include "pw/history.h"
#include "rules/trace.h"

namespace nabij::payments {

struct Correction {
  Month month;
  Money paid;       // bijstand (including vakantietoeslag) that was granted for the month
  Money correct;    // bijstand for the month with the facts known now
  Money overpaid;   // paid - correct when positive: the recovery claim
  Money underpaid;  // correct - paid when positive: still owed to the client
};

// `history` holds the facts as known now (including the late income). Returns the engine's
// error when the month cannot be computed, kInvalidArgument for a negative `paid`.
Result<Correction> RecomputePaidMonth(const pw::HouseholdHistory& history, Month month, Money paid,
                                      const pw::Params& params, rules::Trace* trace);

}  // namespace nabij::payments
