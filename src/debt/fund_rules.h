// FundRules: the debt fund's figures on one date for one municipality, read from rules/.
//
// The settlement percentages per creditor sector, the escalation step and ceiling, the answer term,
// the milestone forgiveness rules and the claw-back share are open terms (rules/nl/schuldenfonds/,
// filled per municipality in rules/gemeenten/<code>/debt_*.yaml); the VTLB corrections (eigen
// risico, the housing-cost norm) are national figures. Each figure keeps a pointer to its
// parameter and value, for the trace. A FundRules refers into the ParameterSet it came from, which
// must outlive it. Immutable; safe to share between threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "bvv/beslagvrije_voet.h"
#include "debt/dossier.h"
#include "rules/parameter_set.h"

namespace nabij::debt {

// A figure in force on the date, with the parameter and value it came from (for the trace).
template <typename T>
using Figure = bvv::Fixed<T>;

struct MilestoneRule {
  Figure<Money> amount;  // a fixed amount forgiven
  Figure<Ratio> share;   // plus this share of the open balance (never more than the balance)
};

struct FundRules {
  Date date;
  std::string gemeente;
  std::array<Figure<Ratio>, std::size(kSectors)> first_offer;  // by Sector
  Figure<Ratio> step;     // percentage points added after a rejection or no answer
  Figure<Ratio> ceiling;  // the highest percentage the fund offers or accepts
  Figure<int64_t> answer_days;
  std::array<MilestoneRule, std::size(kMilestoneKinds)> milestones;  // by MilestoneKind
  Figure<Ratio> clawback_share;
  // VTLB corrections; absent before the first date rules/ has them (then not applied, and said so).
  std::optional<Figure<Money>> eigen_risico_per_jaar;
  std::optional<Figure<Money>> woonkosten_norm;
  bvv::Params bvv;  // the beslagvrije voet figures of the month of `date`

  const Figure<Ratio>& FirstOffer(Sector s) const { return first_offer[static_cast<size_t>(s)]; }
  const MilestoneRule& Milestone(MilestoneKind k) const {
    return milestones[static_cast<size_t>(k)];
  }
};

// Reads every figure in force on `date` for `gemeente` (empty: national defaults). Returns the
// ParameterSet's error (kNotFound for a parameter or municipality rules/ lacks, kRuleMissing when
// a required figure has no value that day), and kFailedPrecondition for a percentage above 100 %.
Result<FundRules> LoadFundRules(const rules::ParameterSet& set, Date date,
                                std::string_view gemeente);

}  // namespace nabij::debt
