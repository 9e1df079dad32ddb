// HouseholdView: the household's own view of its plan and balance, in plain Dutch (B1).
//
// What the web screen for the household and a letter show: what the fund paid for the household,
// what is left to pay, the monthly amount and until when, arrears if any, what was forgiven, and
// what each milestone would forgive now under the municipality's rules. The text addresses the
// household ("u") and names no creditor and no person. Pure: the same dossier, rules and day give
// the same text.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "debt/dossier.h"
#include "debt/fund_rules.h"
#include "letters/letter.h"

namespace nabij::debt {

struct MilestoneOffer {
  MilestoneKind kind = MilestoneKind::kBudgetcursus;
  Money forgives;  // what confirming it today would forgive
};

struct HouseholdView {
  DossierStatus status = DossierStatus::kIntake;
  Money paid_by_fund;  // what the fund agreed to pay the creditors (the household's debt to it)
  Money repaid;  // by the household, withheld from its benefit or paid itself
  Money balance;
  Money monthly;
  std::optional<Month> last_month;  // the plan's last instalment
  Money arrears;
  Money forgiven;
  std::vector<MilestoneOffer> milestones;  // still open, with what they would forgive
  std::vector<std::string> paragraphs;     // the Dutch text
};

// `rules` are the fund's rules on `today` for the dossier's municipality.
HouseholdView ViewForHousehold(const Dossier& d, const FundRules& rules, Date today);

// The same view as a letter to the household ("liefst op papier"): the text, then the amounts in a
// table once the fund has taken the debts over, then whom to ask. `head` carries what the
// municipality prints on every letter (sender, recipient address, date, kenmerk, salutation,
// signature, footer; cases::LetterHeadOf); this fills the subject, the body and the closing.
letters::Letter LetterForHousehold(const HouseholdView& v, int64_t dossier_id, letters::Letter head);

}  // namespace nabij::debt
