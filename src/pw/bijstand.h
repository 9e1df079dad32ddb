// Calculate: the algemene bijstand of one household for one month (Pw art. 19-34a).
//
// bijstand = norm − counted means, never below zero (Pw art. 19 lid 2), with the vakantietoeslag
// part shown (art. 19 lid 3). The norm follows the household (art. 20-24), the means follow
// art. 31-34a with the vrijlating of income from work by the regime in force, and vermogen above
// the limit of art. 34 takes the right away. The same function serves the per-case path (pass a
// Trace to get every step with its article) and the batch path (pass nullptr); it allocates
// nothing without a trace. Pure and deterministic: same Params and input, same cents, same trace.
#pragma once

#include <array>
#include <cstdint>

#include "base/money.h"
#include "pw/household.h"
#include "pw/params.h"
#include "rules/trace.h"

namespace nabij::pw {

enum class Leefvorm : uint8_t { kAlleenstaande, kAlleenstaandeOuder, kGehuwden, kGehuwdenMetKinderen };
std::string_view LeefvormName(Leefvorm l);  // Dutch: "alleenstaande", "gehuwden met kinderen", ...

// The vrijlating that applied to one person's income from work.
enum class VrijlatingRule : uint8_t { kNone, kN, kR, kY, kZ, kAa, kPibA, kPibB, kPibC };
std::string_view VrijlatingRuleName(VrijlatingRule r);  // "art. 31 lid 2 onder n", ...

// A time-limited period that ends: the last month in which it applies.
struct PeriodEnd {
  VrijlatingRule rule = VrijlatingRule::kNone;
  bool partner = false;
  Month last_month;
};

struct PersonMeans {
  Money work_income;
  Money vrijlating;        // of the income from work
  Money premie_vrij;       // onder j
  Money giften_vrij;       // onder m
  Money counted;           // what this person's income adds to the means
  VrijlatingRule rule = VrijlatingRule::kNone;
};

struct Decision {
  Leefvorm leefvorm = Leefvorm::kAlleenstaande;
  uint8_t kostendelers = 0;  // housemates who count (Pw art. 19a)
  uint8_t a = 0;             // A of Pw art. 22a, 0 when the kostendelersnorm did not apply
  bool in_balans = false;    // the rules of Pw art. 34a applied to income from work
  Money norm;                // including vakantietoeslag
  PersonMeans applicant, partner;
  Money vrijlating;          // everything disregarded: work, premie, giften
  Money counted_income;      // the means set against the norm
  Money bijstand;            // per month including vakantietoeslag, at least 0
  Money vakantietoeslag;     // the part of the bijstand that is vakantietoeslag
  Money bijstand_excl_vt;
  bool vermogen_boven_grens = false;   // no right (Pw art. 34)
  Money vermogensgrens;
  bool eigen_woning_boven_grens = false;  // bijstand as a loan may apply (Pw art. 50)
  uint8_t period_end_count = 0;
  std::array<PeriodEnd, 4> period_ends{};
};

struct Options {
  Regime regime = Regime::kByDate;  // the public calculator may ask for the other regime
};

// Returns kFailedPrecondition (with the article) for an applicant under 18, kRuleMissing when the
// regime asked for has no figures in this month, kInvalidArgument for input the law cannot place.
Result<Decision> Calculate(const Params& p, const CaseInput& in, rules::Trace* trace, Options options = {});

}  // namespace nabij::pw
