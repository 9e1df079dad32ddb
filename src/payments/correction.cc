#include "payments/correction.h"

namespace nabij::payments {

Result<Correction> RecomputePaidMonth(const pw::HouseholdHistory& history, Month month, Money paid,
                                      const pw::Params& params, rules::Trace* trace) {
  if (paid < Money::Zero()) return InvalidArgument("the amount paid cannot be negative", "paid");
  NABIJ_ASSIGN_OR_RETURN(pw::CaseInput in, pw::InputForMonth(history, month));
  NABIJ_ASSIGN_OR_RETURN(pw::Decision d, pw::Calculate(params, in, trace));
  Correction c;
  c.month = month;
  c.paid = paid;
  c.correct = d.bijstand;
  c.overpaid = Max(Money::Zero(), paid - d.bijstand);
  c.underpaid = Max(Money::Zero(), d.bijstand - paid);
  if (trace != nullptr) {
    trace->Formula("Betaald over " + month.ToString(), paid, "payments.correctie.betaald", "Pw art. 45 lid 1");
    if (c.overpaid > Money::Zero()) {
      trace->Formula("Te veel betaald: wordt teruggevorderd", c.overpaid, "payments.correctie.terugvordering",
                     "Pw art. 58 lid 1");
    } else if (c.underpaid > Money::Zero()) {
      trace->Formula("Te weinig betaald: wordt nabetaald", c.underpaid, "payments.correctie.nabetaling",
                     "Pw art. 19 lid 2");
    }
  }
  return c;
}

}  // namespace nabij::payments
