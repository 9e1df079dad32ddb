// Params: the Participatiewet figures in force in one month for one municipality.
//
// Snapshot reads every parameter the formulas need once, so that a calculation never searches
// rules/: the batch path takes one snapshot per month and municipality and computes millions of
// households with it. Each field keeps its value and where it came from (parameter and value) for
// the trace. A Params refers into the ParameterSet it was made from, which must outlive it.
// Immutable after Snapshot; safe to share between threads.
#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/money.h"
#include "rules/parameter_set.h"

namespace nabij::pw {

// A parameter value in force, with its source. `present()` is false for a parameter that has no
// value in this month (e.g. a rule that starts later).
template <typename T>
struct Fixed {
  T value{};
  const rules::Parameter* param = nullptr;
  const rules::Value* source = nullptr;
  bool present() const { return source != nullptr; }
};

// Which rules for income from work apply (Pw art. 31 lid 2 or the Participatiewet in balans).
enum class Regime { kByDate, kArt31, kInBalans };

struct Params {
  Month month;
  std::string gemeente;

  // Norms, Pw art. 20-23 (amounts per month including vakantietoeslag).
  Fixed<Money> alleenstaande_18_20, gehuwden_18_20, gehuwden_18_20_en_21plus;
  Fixed<Money> alleenstaande_ouder_18_20, gehuwden_18_20_met_kinderen, gehuwden_18_20_en_21plus_met_kinderen;
  Fixed<Money> verhoging_jongere_geen_onderhoud;  // art. 20 lid 3, from 2026
  Fixed<Money> alleenstaande_21_tot_aow, gehuwden_21_tot_aow;
  Fixed<Money> alleenstaande_aow, gehuwden_aow, gehuwden_een_aow;
  Fixed<Money> inrichting_alleenstaande, inrichting_gehuwden;
  Fixed<Money> inrichting_verhoging_alleenstaande, inrichting_verhoging_gehuwden;
  Fixed<Ratio> vakantietoeslag;
  Fixed<Ratio> art24;
  Fixed<int64_t> volwassenennorm_leeftijd;  // 21
  Fixed<int64_t> aow_leeftijd_maanden;

  // Kostendelersnorm, Pw art. 19a and 22a.
  Fixed<Ratio> kdm_basis, kdm_per_persoon;
  Fixed<int64_t> kdm_minimumleeftijd;
  Fixed<Money> kdm_jongere_partner_met_kinderen, kdm_jongere_partner_zonder_kinderen;

  // Vrijlating, Pw art. 31 lid 2 and lid 5.
  Fixed<int64_t> vrijlating_minimumleeftijd;
  Fixed<Ratio> n_pct, r_pct, y_pct, z_pct, aa_pct;
  Fixed<Money> n_max, r_max, y_max, z_max, aa_max, j_max_per_jaar;
  Fixed<int64_t> n_maanden, r_maanden, z_maanden, r_leeftijd_kind;
  Fixed<Money> giften_vrij_per_jaar;            // onder m, from 2026
  Fixed<Money> giften_gemeentelijk_per_jaar;    // onder m before 2026: municipal policy (open term)

  // Participatiewet in balans, Pw art. 34a.
  Fixed<Date> pib_ingangsdatum;
  Fixed<Ratio> pib_pct, pib_urenbeperkt_pct, pib_aow_pct;
  Fixed<Money> pib_aow_max;
  Fixed<int64_t> pib_maanden;

  // Vermogen, Pw art. 34.
  Fixed<Money> vermogen_alleenstaande, vermogen_alleenstaande_ouder, vermogen_gehuwden, vermogen_eigen_woning;

  // Age thresholds on the month's first day: a person born on or before the date has the age.
  Date born_by_18, born_by_21, born_by_27_kdm, born_by_27_vrijlating, born_by_aow;
  // The regime of art. 31 or art. 34a that holds this month by the rules' own date.
  bool in_balans_by_date = false;
};

// Takes the snapshot for `month` in `gemeente` (empty: national defaults). Returns the
// ParameterSet's kRuleMissing status, with the legal basis, when a figure every calculation
// needs has no value in that month, and kNotFound for an unknown municipality.
Result<Params> Snapshot(const rules::ParameterSet& set, Month month, std::string_view gemeente = {});

}  // namespace nabij::pw
