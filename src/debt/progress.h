// The four-week clock, the work queue and the fund's figures per period.
//
// The clock: the fund model promises a household full restructuring (every claim settled) within
// kClockDays of registration. A dossier is late after that day, and at risk from day kAtRiskDay or
// as soon as a claim is escalated (a worker must decide). The 28 days are the fund model's promise
// (issue 5 and docs/debt-fund.md), not a legal term.
//
// Figures over [from, until): days from registration to restructuring (average and the share
// within 28 days) for dossiers restructured in the period; the share of claims whose creditor
// accepted the first offer, among claims whose first offer was answered in the period; the average
// payout percentage (settled amount / claim total, weighted by amount) over claims settled in the
// period; households that became debt-free in the period; forgiveness granted minus claw-backs in
// the period. Pure functions.
#pragma once

#include <optional>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "debt/dossier.h"

namespace nabij::debt {

inline constexpr int kClockDays = 28;
inline constexpr int kAtRiskDay = 21;

enum class ClockState : uint8_t { kOnTrack, kAtRisk, kLate, kDoneOnTime, kDoneLate };
std::string_view ClockStateName(
    ClockState s);  // "op_schema", "risico", "te_laat", "op_tijd_klaar", "te_laat_klaar"

struct ClockView {
  int64_t dossier_id = 0;
  int days_elapsed = 0;  // to today, or to the restructuring day when done
  int days_left = 0;     // kClockDays - days_elapsed (negative when late)
  ClockState state = ClockState::kOnTrack;
  int open_claims = 0;  // not yet settled
  int escalated_claims = 0;
};

ClockView ClockOf(const Dossier& d, Date today);

// Dossiers not yet restructured that are late or at risk: late first, then by days left, then id.
std::vector<ClockView> WorkQueue(const std::vector<Dossier>& dossiers, Date today);

struct Figures {
  Date from;
  Date until;
  int restructured = 0;
  double average_days = 0;  // for display only; no money
  int within_clock = 0;     // restructured within kClockDays
  int first_offer_answered = 0;
  int first_offer_accepted = 0;
  Money claims_settled_total;  // the claims' totals
  Money settled_amount;        // what the fund agreed to pay for them
  int debt_free = 0;
  Money forgiven;  // granted minus clawed back, in the period
};

// The date a dossier became debt-free (its balance reached zero), if it did.
std::optional<Date> DebtFreeOn(const Dossier& d);

Figures FiguresFor(const std::vector<Dossier>& dossiers, Date from, Date until);

}  // namespace nabij::debt
