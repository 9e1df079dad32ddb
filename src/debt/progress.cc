#include "debt/progress.h"

#include <algorithm>
#include <tuple>

namespace nabij::debt {
namespace {

bool In(Date d, Date from, Date until) { return !(d < from) && d < until; }

}  // namespace

std::string_view ClockStateName(ClockState s) {
  switch (s) {
    case ClockState::kOnTrack:
      return "op_schema";
    case ClockState::kAtRisk:
      return "risico";
    case ClockState::kLate:
      return "te_laat";
    case ClockState::kDoneOnTime:
      return "op_tijd_klaar";
    case ClockState::kDoneLate:
      return "te_laat_klaar";
  }
  return "?";
}

ClockView ClockOf(const Dossier& d, Date today) {
  ClockView v;
  v.dossier_id = d.id;
  for (const Claim& c : d.claims) {
    if (!c.settled_amount) ++v.open_claims;
    if (ClaimStatusOf(c) == ClaimStatus::kEscalated) ++v.escalated_claims;
  }
  const Date end = d.restructured ? *d.restructured : today;
  v.days_elapsed = std::max(0, end.days_since_epoch() - d.registered.days_since_epoch());
  v.days_left = kClockDays - v.days_elapsed;
  if (d.restructured) {
    v.state = v.days_elapsed <= kClockDays ? ClockState::kDoneOnTime : ClockState::kDoneLate;
  } else if (v.days_elapsed > kClockDays) {
    v.state = ClockState::kLate;
  } else if (v.days_elapsed >= kAtRiskDay || v.escalated_claims > 0) {
    v.state = ClockState::kAtRisk;
  } else {
    v.state = ClockState::kOnTrack;
  }
  return v;
}

std::vector<ClockView> WorkQueue(const std::vector<Dossier>& dossiers, Date today) {
  std::vector<ClockView> out;
  for (const Dossier& d : dossiers) {
    ClockView v = ClockOf(d, today);
    if (v.state == ClockState::kLate || v.state == ClockState::kAtRisk) out.push_back(v);
  }
  std::sort(out.begin(), out.end(), [](const ClockView& a, const ClockView& b) {
    return std::make_tuple(a.state != ClockState::kLate, a.days_left, a.dossier_id) <
           std::make_tuple(b.state != ClockState::kLate, b.days_left, b.dossier_id);
  });
  return out;
}

std::optional<Date> DebtFreeOn(const Dossier& d) {
  if (!d.AllSettled() || d.Balance() != Money::Zero()) return std::nullopt;
  // The latest repayment or forgiveness that brought the balance to zero; the restructuring
  // itself when nothing was owed.
  Date last = d.restructured.value_or(d.registered);
  for (const Repayment& r : d.repayments) last = std::max(last, r.date);
  for (const Forgiveness& f : d.forgiveness) last = std::max(last, f.date);
  return last;
}

Figures FiguresFor(const std::vector<Dossier>& dossiers, Date from, Date until) {
  Figures f;
  f.from = from;
  f.until = until;
  int64_t days_sum = 0;
  for (const Dossier& d : dossiers) {
    if (d.restructured && In(*d.restructured, from, until)) {
      ++f.restructured;
      const int days = d.restructured->days_since_epoch() - d.registered.days_since_epoch();
      days_sum += days;
      if (days <= kClockDays) ++f.within_clock;
    }
    for (const Claim& c : d.claims) {
      if (!c.offers.empty() && c.offers.front().answer &&
          In(c.offers.front().answer->date, from, until)) {
        ++f.first_offer_answered;
        if (c.offers.front().answer->kind == AnswerKind::kAccept) ++f.first_offer_accepted;
      }
      if (c.settled_amount && c.settled_on && In(*c.settled_on, from, until)) {
        f.claims_settled_total += c.total();
        f.settled_amount += *c.settled_amount;
      }
    }
    if (auto free = DebtFreeOn(d); free && In(*free, from, until)) ++f.debt_free;
    for (const Forgiveness& fg : d.forgiveness) {
      if (In(fg.date, from, until)) f.forgiven += fg.amount;
      if (fg.clawed_back_on && In(*fg.clawed_back_on, from, until)) f.forgiven -= fg.clawed_back;
    }
  }
  if (f.restructured > 0) f.average_days = static_cast<double>(days_sum) / f.restructured;
  return f;
}

}  // namespace nabij::debt
