// DebtFund: the debt fund's operations on the dossiers in a DebtStore. The domain API that the CLI
// (app/debt_commands.cc) and the HTTP routes call; each operation loads what it needs, checks
// everything, and saves the changed dossiers together with their ledger entries in one
// DebtStore::Save, so an operation happens entirely or not at all.
//
// The life of a dossier (docs/debt-fund.md): Register -> ImportClaims (intake, creditors' balance
// answers) -> MakeOffers (first offers at the sector percentage; re-offers after a rejection or no
// answer, up to the fund's ceiling; escalation to a worker beyond it) -> ImportAnswers /
// SettleByWorker -> when every claim is settled the fund takes the debts over (ledger: the
// household owes the fund, the fund owes the creditors) -> ExportSepa pays the creditors ->
// MakePlan (VTLB and regime) -> RecordRepayment, ConfirmMilestone (forgiveness), Breach
// (claw-back), CloseFinishedPlans (the rest forgiven at the end of the term).
//
// Ledger accounts (ledger/ledger.h): vordering.schuldenfonds:<dossier> (the household's debt to the
// fund), schuld.schuldeisers (what the fund owes creditors), bank, schuld.client (a repayment
// withheld from the benefit due to the client), kosten.kwijtschelding (forgiveness as write-off;
// a claw-back credits it). References start with "debt:" and make every booking idempotent.
//
// Error codes: kNotFound for an unknown dossier or claim; kFailedPrecondition for a step that does
// not fit the dossier's state (the message says why); kInvalidArgument for bad input, naming the
// field (for imports: every line at fault, as exchange.h lists them); kConflict when another user
// saved the dossier in between. A DebtFund is used from one thread; the rules and clock must
// outlive it.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "debt/debt_store.h"
#include "debt/exchange.h"
#include "debt/fund_rules.h"
#include "debt/household_view.h"
#include "debt/progress.h"
#include "debt/repayment.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"
#include "sepa/pain001.h"

namespace nabij::debt {

// The sub-account of a household's debt to the fund: "vordering.schuldenfonds:42".
std::string ReceivableAccount(int64_t dossier_id);

struct NewDossier {
  std::string household_ref;
  std::string gemeente;  // CBS code; must be in rules/ (or empty: national defaults)
  Date registered;
  Finances finances;
};

struct OfferRound {
  int first_offers = 0;
  int re_offers = 0;
  int expired = 0;    // offers that passed their answer date: now 'geen_reactie'
  int escalated = 0;  // claims that need a worker (ceiling reached, or no step)
  std::string csv;    // aanbiedingen: the offers made now (exchange.h)
};

struct PlanResult {
  Plan plan;
  Schedule schedule;
  Affordability affordability;
};

struct SepaSettings {
  std::string debtor_name;  // the fund / municipality
  std::string debtor_iban;
  std::string debtor_bic;
  sepa::Version version = sepa::Version::kPain001_001_09;
  std::filesystem::path schema_dir;
  std::optional<Date> execution_date;  // default: today
};

struct SepaResult {
  std::string xml;  // validated against the XSD and its totals
  std::string message_id;
  int transfers = 0;
  Money total;
  // Settled claims not paid: the creditor's IBAN is unknown, or the transfer fails the EPC checks
  // (sepa::CheckTransfer: an IBAN outside the SEPA scope, say). They wait for a worker.
  int not_payable = 0;
};

// An instalment the payment run is to withhold from a benefit case (DebtFund::InstalmentsDue).
struct DueInstalment {
  int64_t dossier_id = 0;
  int64_t benefit_case = 0;
  Money amount;  // > 0
};

// An instalment the payment run withheld from the benefit (DebtFund::RecordWithheld).
struct Withheld {
  int64_t dossier_id = 0;
  Month month;
  Money amount;  // > 0
  Date date;     // the run's booking date
};

class DebtFund {
 public:
  DebtFund(DebtStore& store, const rules::ParameterSet& rules, const Clock& clock)
      : store_(store), rules_(rules), clock_(clock) {}

  // kInvalidArgument for an empty or over-long household_ref, a registration date in the future,
  // or a municipality rules/ does not know; kAlreadyExists when the household has a dossier that
  // is neither debt-free nor breached.
  Result<int64_t> Register(const NewDossier& d);
  // New finances of the household (an income change): checked by computing the affordable amount
  // under today's rules, which it returns. A running plan keeps its amount until MakePlan is called
  // again.
  Result<Affordability> UpdateFinances(int64_t dossier_id, const Finances& finances);
  // Adds claims, or updates a claim with the same creditor and reference (the creditor's balance
  // answer). A claim that already has an offer keeps its amounts unless they are unchanged.
  Status ImportClaims(const std::vector<ClaimRow>& rows);
  // saldoverzoeken for the unverified claims (of one dossier, or all); marks them 'opgevraagd'.
  Result<std::string> BalanceRequests(std::optional<int64_t> dossier_id);
  // Expires offers past their answer date, then makes first offers and re-offers (all dossiers in
  // intake, or one).
  Result<OfferRound> MakeOffers(std::optional<int64_t> dossier_id);
  // Applies creditors' answers. Each row must answer the newest, unanswered offer of its claim,
  // dated between the offer and today.
  Status ImportAnswers(const std::vector<AnswerRow>& rows);
  // A worker settles an escalated (or open) claim at `amount` (0 to the claim's total), e.g. a
  // counter-offer above the ceiling.
  Status SettleByWorker(int64_t dossier_id, int64_t claim_seq, Money amount,
                        const std::string& worker);
  // The repayment plan (replaces an earlier one; the balance is what is owed now).
  Result<PlanResult> MakePlan(int64_t dossier_id, Regime regime, Month start, rules::Trace* trace);
  Status RecordRepayment(int64_t dossier_id, Month month, Money amount, RepaymentSource source,
                         Date received);
  // RecordRepayment for every row of an aflossingen file (bank statement lines, the benefit's
  // withholdings), all or nothing, each problem named by line.
  Status ImportRepayments(const std::vector<RepaymentRow>& rows);
  // From now on the instalment is withheld from benefit case `case_id` in the monthly payment run
  // (the household agreed to it), or no longer (nullopt). That the case exists is the caller's
  // check. kFailedPrecondition for a breached or debt-free dossier; kAlreadyExists when another
  // running dossier withholds from the same case; kInvalidArgument for a case id below 1.
  Status SetBenefitCase(int64_t dossier_id, std::optional<int64_t> case_id);
  // What the payment run of `month` may withhold: for each running plan (not breached, something
  // owed) with a benefit case, the instalments due up to and including `month` that did not come
  // in (ArrearsOn), at most the balance. By dossier id. The run withholds only what lies above the
  // beslagvrije voet, so what it cannot take this month is asked again the next.
  Result<std::vector<DueInstalment>> InstalmentsDue(Month month);
  // Records what the payment run withheld as repayments from the benefit (source uitkering;
  // ledger: the client's share to the fund's receivable), all in one Save. The same checks as
  // RecordRepayment.
  Status RecordWithheld(const std::vector<Withheld>& rows);
  // Forgives per the municipality's rule for `kind`: bedrag + aandeel × balance, at most the
  // balance. Every kind once per dossier, except participatie_trede (each step up).
  Result<Forgiveness> ConfirmMilestone(int64_t dossier_id, MilestoneKind kind,
                                       const std::string& worker, rules::Trace* trace);
  // The household broke the agreement: the contract's share of every forgiveness is reversed.
  // Returns the amount clawed back.
  Result<Money> Breach(int64_t dossier_id, const std::string& worker);
  // Forgives the rest of every plan whose term has ended without arrears; returns how many.
  Result<int> CloseFinishedPlans();
  // Pays every settled, unpaid, payable claim of restructured dossiers in one pain.001: writes and
  // validates the file, hands it to `deliver` (which writes it out), and only when that succeeds
  // marks the claims paid and books the payment. A failing `deliver` changes nothing; a failing
  // save after it returns the store's error, and the caller discards what it delivered.
  Result<SepaResult> ExportSepa(const SepaSettings& settings,
                                const std::function<Status(const std::string& xml)>& deliver);
  // Creates an outreach task per signal; all or nothing (kAlreadyExists for a signal seen before).
  Result<int> ImportSignals(const std::vector<SignalRow>& rows);

  // The household's own view of its plan and balance in plain Dutch, on today.
  Result<HouseholdView> ViewFor(int64_t dossier_id);
  Result<std::vector<ClockView>> Queue();
  Result<Figures> FiguresFor(Date from, Date until);
  Result<Arrears> ArrearsOf(int64_t dossier_id, Month month);
  // Every running plan (not breached, something owed) with arrears on `month`, most behind first.
  Result<std::vector<std::pair<int64_t, Arrears>>> InArrears(Month month);

 private:
  Result<FundRules> RulesFor(const Dossier& d, Date date);
  // Adds a repayment to `d` (checked: a plan, more than zero, at most the balance, not in the
  // future) and returns its ledger entry.
  Result<ledger::Entry> AddRepayment(Dossier& d, Month month, Money amount, RepaymentSource source,
                                     Date received);
  // Settles `c` at `amount` on `date`, and when that completes the dossier books the takeover.
  void Settle(Dossier& d, Claim& c, Money amount, Date date, std::vector<ledger::Entry>& entries);

  DebtStore& store_;
  const rules::ParameterSet& rules_;
  const Clock& clock_;
};

}  // namespace nabij::debt
