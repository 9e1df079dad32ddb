#include "cases/application.h"

#include "pw/procedure.h"

namespace nabij::cases {
namespace {

constexpr int32_t kDaysPerWeek = 7;

int32_t DaysBetween(Date a, Date b) { return b.days_since_epoch() - a.days_since_epoch(); }

}  // namespace

Result<Deadlines> ComputeDeadlines(const rules::ParameterSet& set, const Application& a, Date today,
                                   rules::Trace* trace) {
  if (a.received && *a.received < a.melding) {
    return InvalidArgument("the application was received before the melding", "received");
  }
  Deadlines d;
  NABIJ_ASSIGN_OR_RETURN(d.earliest_application,
                         pw::EarliestApplicationDate(set, a.melding, a.birth_dates, a.exception_41_4, trace));
  if (!a.received) return d;
  const Date received = *a.received;
  // Pw art. 52 lid 1: the voorschot within four weeks after the date of the application.
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* voorschot, set.Find("pw.voorschot.weken", received));
  d.voorschot_due = received.AddDays(static_cast<int32_t>(voorschot->count * kDaysPerWeek));
  if (trace != nullptr) {
    trace->Note("Voorschot uiterlijk op " + d.voorschot_due->ToString(), "pw.voorschot.weken", voorschot->basis.Cite());
  }
  // Awb art. 4:13 lid 2: a reasonable term, at most eight weeks after receipt.
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* term, set.Find("awb.beslistermijn.weken", received));
  Date due = received.AddDays(static_cast<int32_t>(term->count * kDaysPerWeek));
  // Awb art. 4:15 lid 1 onder a: suspended from the day after the request until completion.
  for (size_t i = 0; i < a.suspensions.size(); ++i) {
    const Suspension& s = a.suspensions[i];
    std::string field = "suspensions[" + std::to_string(i) + "]";
    if (s.requested < received) return InvalidArgument("requested before the application was received", field);
    if (!s.completed) {
      d.suspended_now = true;
      continue;
    }
    if (*s.completed < s.requested) return InvalidArgument("completed before it was requested", field);
    d.suspended_days += DaysBetween(s.requested, *s.completed);
  }
  due = due.AddDays(d.suspended_days);
  // Awb art. 4:14 lid 3: a notice names a new reasonable term.
  if (a.extended_until && *a.extended_until > due) due = *a.extended_until;
  if (!d.suspended_now) {
    d.decision_due = due;
    d.days_left = DaysBetween(today, due);
    if (trace != nullptr) {
      trace->Note("Beslissen uiterlijk op " + due.ToString() +
                      (d.suspended_days > 0 ? " (" + std::to_string(d.suspended_days) + " dagen opgeschort)" : ""),
                  "awb.beslistermijn.weken", a.extended_until ? "Awb art. 4:14 lid 3" : term->basis.Cite());
    }
  }
  if (a.decided) {
    if (*a.decided < received) return InvalidArgument("decided before the application was received", "decided");
    d.handling_days = DaysBetween(received, *a.decided) - d.suspended_days;
  }
  return d;
}

Result<Money> VoorschotMinimum(const rules::ParameterSet& set, Date received, Money bijstand, rules::Trace* trace) {
  if (bijstand < Money::Zero()) return InvalidArgument("bijstand is not negative", "bijstand");
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* pct, set.Find("pw.voorschot.percentage", received));
  Money least = MulDiv(bijstand, pct->ratio, Rounding::kUp);
  if (trace != nullptr) {
    trace->Formula("Voorschot ten minste", least, "pw.voorschot.percentage", pct->basis.Cite(),
                   pct->ratio.ToPercentString() + " van " + FormatEuro(bijstand) + ", naar boven afgerond op centen");
  }
  return least;
}

}  // namespace nabij::cases
