// Repayment: what a household can afford (the VTLB idea), the repayment schedule of the two
// regimes, and arrears.
//
// Affordable: the vrij te laten bedrag (VTLB) is the beslagvrije voet of src/bvv (Rv art.
// 475b-475dc) plus the corrections nabij can source, each a trace step with its basis:
//   - housing costs above the norm (Rv art. 475da lid 5: the part of the woonkosten above the
//     huurgrens of Wht art. 13 lid 1 onder a, schuldenfonds.vtlb.woonkosten_norm);
//   - the compulsory health-insurance deductible, 1/12 of the yearly eigen risico per adult
//     (Zvw art. 19 lid 1, schuldenfonds.vtlb.eigen_risico).
// The affordable amount is the net income minus the VTLB, never below zero. Other VTLB corrections
// (travel costs for work, child support, ...) are not applied: nabij has not sourced them.
//
// Schedules: MakeSchedule lays out the instalments for a balance. The invariants, tested as
// properties: no instalment exceeds the affordable amount; there are at most MaxTermMonths(regime)
// instalments; paid + forgiven at the end == the balance, to the cent.
//   - studieschuld: the instalment is the balance spread over 180 months (rounded up to the cent),
//     capped by the affordable amount; what is left after 180 months is forgiven.
//   - klassiek18 / klassiek36: the affordable amount each month for 18 or 36 months; the rest is
//     forgiven.
// Pure functions; thread-safe.
#pragma once

#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "debt/dossier.h"
#include "debt/fund_rules.h"
#include "rules/trace.h"

namespace nabij::debt {

struct Affordability {
  Money beslagvrije_voet;
  Money woonkosten_correctie;
  Money eigen_risico_correctie;
  Money vtlb;        // the sum of the three
  Money affordable;  // max(0, net income - vtlb)
};

// Returns the errors of bvv::Calculate (kUnimplemented when the household is not on bijstand and
// no bvv_formule is given; kInvalidArgument for a negative amount, with the field), and
// kInvalidArgument when `adults` is not 1 to 20.
Result<Affordability> Affordable(const FundRules& rules, const Finances& f, rules::Trace* trace);

struct Instalment {
  Month month;
  Money amount;  // > 0
};

struct Schedule {
  std::vector<Instalment> instalments;  // consecutive months from the start
  Money monthly;                        // the regular instalment
  Money paid;                           // the sum of the instalments
  Money forgiven_at_end;                // balance - paid
};

// Returns kInvalidArgument for a negative balance or affordable amount.
Result<Schedule> MakeSchedule(Regime regime, Money balance, Money affordable, Month start);

struct Arrears {
  Money due;              // instalments of the plan up to and including `month`
  Money paid;             // repayments for those months
  Money arrears;          // max(0, due - paid)
  int months_behind = 0;  // arrears / the instalment, rounded up
};

// The arrears of a plan on `month`: what was due up to that month against what came in for it.
Arrears ArrearsOn(const Plan& plan, const std::vector<Repayment>& repayments, Month month);

}  // namespace nabij::debt
