// BeslagvrijeVoet: the part of a monthly income that a garnishment (beslag) must leave to the
// debtor, Rv art. 475b-475dc (Wet vereenvoudiging beslagvrije voet, in force 2021-01-01).
//
// Snapshot reads the figures of one month from rules/ into Params; Calculate applies, in this
// order, the rule for a debtor without a Dutch residential address (Rv art. 475da lid 4), the rule
// for a debtor on bijstand (Rv art. 475dc lid 2) or the general rule (Rv art. 475da lid 1 and 2).
// The result of Rv art. 475da (lid 2 or lid 4) is lowered by the reductions of Rv art. 475db and
// then capped by Rv art. 475dc lid 1, which looks at 475da and 475db together. The formula of Rv art. 475da lid 2 itself is not computed here:
// it needs zorgtoeslag, huurtoeslag and kindgebonden-budget figures that nabij has not sourced, so
// its result must come from elsewhere (Input::formule_uitkomst) or Calculate says kUnimplemented.
//
// Rounding: every percentage is applied once, half-up, on the product the law names; the
// garnishable part is the rest, so the two add up to the income (docs/adr/0001).
//
// A Params refers into the ParameterSet it was taken from, which must outlive it. Params is
// immutable after Snapshot and may be shared between threads; Calculate is pure and writes only
// to the Trace it is given (none on the batch path: the same code runs without one).
#pragma once

#include <optional>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"

namespace nabij::bvv {

// Leefsituatie of Rv art. 475da lid 1 (terms as in Rv art. 475ab: Pw art. 3 and 4).
enum class Huishouden {
  kAlleenstaande,
  kAlleenstaandeOuder,
  kGehuwdenZonderKinderen,
  kGehuwdenMetKinderen,
};

// A parameter value in force in the snapshot's month, with where it came from (for the trace).
// `param` and `source` point into the ParameterSet; both are null for a value set by hand (a
// policy simulation), and the trace then names the rule by its id and article without a date.
template <typename T>
struct Fixed {
  T value{};
  const rules::Parameter* param = nullptr;
  const rules::Value* source = nullptr;
};

struct Params {
  Month month;
  // Rv art. 475da lid 1: the maxima per leefsituatie (rv.bvv.maximum.*).
  Fixed<Money> maximum_alleenstaande;
  Fixed<Money> maximum_alleenstaande_ouder;
  Fixed<Money> maximum_gehuwden_zonder_kinderen;
  Fixed<Money> maximum_gehuwden_met_kinderen;
  // Rv art. 475dc lid 1 and 2: 95 % (rv.bvv.percentage_inkomen).
  Fixed<Ratio> percentage_inkomen;
  // Rv art. 475db lid 1 onder a: the spouse's income lowers the beslagvrije voet by at most half
  // of it (rv.bvv.vermindering_echtgenoot.maximum).
  Fixed<Ratio> vermindering_echtgenoot_maximum;
  // Only the no-address rule (Rv art. 475da lid 4) needs these two; rules/ has them from a later
  // date than the other figures (the percentage from 2024-01-01, the norm from 2023-01-01), so
  // they are absent in earlier months and Calculate fails only when that rule is used.
  std::optional<Fixed<Ratio>> geen_woonadres_percentage;  // rv.bvv.geen_woonadres.percentage
  std::optional<Fixed<Money>> norm_gehuwden;  // pw.norm.gehuwden_21_tot_aow, Pw art. 21 onder b
};

// Takes the figures in force on the first day of `month` (national law: no municipal values).
// Returns the ParameterSet's status when a required figure is missing (kRuleMissing, with its
// legal basis, when it has no value that day; kNotFound when rules/ lacks the parameter), and
// kFailedPrecondition when a percentage in rules/ is above 100 %.
Result<Params> Snapshot(const rules::ParameterSet& set, Month month);

struct Input {
  Huishouden huishouden = Huishouden::kAlleenstaande;
  bool op_bijstand = false;     // the garnished income is a Participatiewet benefit
  Money bijstandsnorm;          // incl. vakantietoeslag: the Pw art. 20-23 norm as applied
  Money inkomen_art32;          // other income counted under Pw art. 32
  Money maandinkomen;           // monthly income incl. vakantiebijslag, the amount garnished from
  bool geen_woonadres = false;  // no residential address in the Netherlands in the BRP
  std::optional<Money> formule_uitkomst;  // result of Rv art. 475da lid 2 when computed elsewhere
  // Rv art. 475db lid 1 lowers the beslagvrije voet of Rv art. 475da, in this order, by:
  Money inkomen_echtgenoot_niet_beslagen;  // a: the spouse's non-garnished periodic income incl.
                                           //    vakantiebijslag, by at most half (rules/)
  Money inkomen_eigen_niet_beslagen;       // b: the debtor's own non-garnished periodic income
                                           //    incl. vakantiebijslag
  Money loonbelasting_auto;  // c: loonbelasting on the private use of a car (Wet LB 1964 art.
                             //    13bis) that the debtor did not stop
};

struct Outcome {
  Money beslagvrije_voet;
  Money maximaal_beslag;  // max(0, maandinkomen - beslagvrije_voet), Rv art. 475b lid 1
  Money maximum;          // Rv art. 475da lid 1 for the huishouden
};

// The beslagvrije voet for `in`, with one trace step per rule applied when `trace` is not null.
// Returns kInvalidArgument naming the field for a negative amount or an unknown huishouden, and
// for a reduction of Rv art. 475db on bijstand (Rv art. 475dc lid 2 counts other income through
// inkomen_art32 instead);
// kRuleMissing when the no-address rule is needed and its figures are absent from `p`;
// kUnimplemented when the general rule is needed and formule_uitkomst is not given;
// kFailedPrecondition when `p` holds a negative amount or a percentage outside 0-100 %.
// On failure nothing is written to the trace.
Result<Outcome> Calculate(const Params& p, const Input& in, rules::Trace* trace);

// The maximum of Rv art. 475da lid 1 for `huishouden`. Returns kInvalidArgument for an unknown
// huishouden and kFailedPrecondition for a negative maximum in `p`.
Result<Money> Maximum(const Params& p, Huishouden huishouden);

}  // namespace nabij::bvv
