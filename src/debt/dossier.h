// The debt fund's dossier: one household's claims, offers, plan, repayments and milestones.
//
// A Dossier is a plain value. Every change goes through the functions of debt/fund.h (DebtFund),
// which keep its invariants and produce the ledger entries that go with a change; a store
// (debt_store.h) saves a dossier and those entries together. Amounts are integer eurocents.
// No names or BSNs: the household is known by `household_ref` (a case number of the municipality),
// creditors by their organisation name, which is not personal data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "bvv/beslagvrije_voet.h"

namespace nabij::debt {

// The creditor sectors that have their own settlement percentage in rules/.
enum class Sector : uint8_t {
  kEnergie,
  kWater,
  kWoningcorporatie,
  kZorgverzekeraar,
  kOverheid,
  kCommercieel
};
inline constexpr Sector kSectors[] = {Sector::kEnergie,          Sector::kWater,
                                      Sector::kWoningcorporatie, Sector::kZorgverzekeraar,
                                      Sector::kOverheid,         Sector::kCommercieel};
std::string_view SectorName(Sector s);  // "energie", ... (the rules/ and exchange spelling)
std::optional<Sector> SectorOf(std::string_view name);

// Has the creditor confirmed the claim's amounts (answer to a balance request)?
enum class Verification : uint8_t { kUnverified, kRequested, kConfirmed, kDisputed };
std::string_view VerificationName(
    Verification v);  // "onbevestigd", "opgevraagd", "bevestigd", "betwist"
std::optional<Verification> VerificationOf(std::string_view name);

enum class AnswerKind : uint8_t { kAccept, kReject, kCounter, kNoAnswer };
std::string_view AnswerKindName(
    AnswerKind k);  // "akkoord", "afwijzing", "tegenvoorstel", "geen_reactie"
std::optional<AnswerKind> AnswerKindOf(std::string_view name);

struct Answer {
  AnswerKind kind = AnswerKind::kNoAnswer;
  Date date;
  Money counter_amount;  // kCounter: what the creditor asks (a final-discharge amount)
};

// One offer round: the fund pays `amount` against final discharge.
struct Offer {
  int round = 1;
  Ratio percentage;  // of the claim's total
  Money amount;      // MulDiv(total, percentage, half up)
  Date sent;
  Date answer_due;  // after this date without an answer the offer counts as not answered
  std::optional<Answer> answer;
};

// Where a claim stands. Derived from its offers and payment (ClaimStatusOf).
enum class ClaimStatus : uint8_t {
  kOpen,       // no offer yet
  kOffered,    // an offer awaits its answer
  kEscalated,  // rejected or unanswered at the fund's maximum, a counter-offer above it, or a claim
               // the household disputes (betwist, no offers): a worker decides
  kSettled,    // agreed: the fund owes the creditor `settled_amount`
  kPaid,       // the fund paid the creditor (SEPA)
};
std::string_view ClaimStatusName(ClaimStatus s);

struct Claim {
  int64_t seq = 0;                 // 1, 2, ... within the dossier
  std::string creditor;            // organisation name
  std::string creditor_iban;       // where the fund pays (electronic form)
  std::string creditor_reference;  // the creditor's own reference of the claim; unique per creditor
  Sector sector = Sector::kCommercieel;
  Money principal;         // hoofdsom
  Money interest;          // rente
  Money collection_costs;  // incassokosten
  Verification verification = Verification::kUnverified;
  std::vector<Offer> offers;            // in round order
  std::optional<Money> settled_amount;  // set when an answer settles the claim
  std::optional<Date> settled_on;
  std::optional<Date> paid_on;  // set by the SEPA payment
  std::string payment_id;       // end-to-end id of that payment

  Money total() const { return principal + interest + collection_costs; }
};

ClaimStatus ClaimStatusOf(const Claim& c);

// "alleenstaande", "alleenstaande_ouder", "gehuwden_zonder_kinderen", "gehuwden_met_kinderen".
std::string_view HuishoudenName(bvv::Huishouden h);
std::optional<bvv::Huishouden> HuishoudenOf(std::string_view name);

// The VTLB inputs: the household's monthly money (net, incl. holiday allowance per month).
struct Finances {
  bvv::Huishouden huishouden = bvv::Huishouden::kAlleenstaande;
  bool op_bijstand = true;
  Money bijstandsnorm;               // incl. vakantietoeslag, when op_bijstand
  Money net_income;                  // everything that comes in per month, benefit and other income
  std::optional<Money> bvv_formule;  // Rv art. 475da lid 2 result when not on bijstand
  Money housing_costs;               // rent or mortgage per month (woonkosten)
  int adults = 1;                    // insured persons of 18+ (eigen risico each)
  Money other_fixed_costs;           // recorded for the worker; not a VTLB correction
};

enum class Regime : uint8_t {
  kStudieschuld,  // monthly amount capped by what is affordable, at most 180 months, the rest
                  // forgiven
  kKlassiek18,    // the affordable amount for 18 months, the rest forgiven
  kKlassiek36,    // the same for 36 months
};
std::string_view RegimeName(Regime r);  // "studieschuld", "klassiek18", "klassiek36"
std::optional<Regime> RegimeOf(std::string_view name);
int MaxTermMonths(Regime r);  // 180, 18, 36

// The repayment plan agreed with the household.
struct Plan {
  Regime regime = Regime::kStudieschuld;
  Month start;
  Money balance;        // what the household owed the fund when the plan was made
  Money affordable;     // the VTLB outcome the plan was made with
  Money monthly;        // the instalment
  int term_months = 0;  // months with an instalment (the last may be smaller)
  Date agreed_on;
};

enum class RepaymentSource : uint8_t {
  kUitkering,
  kZelf
};  // withheld from the benefit, or paid by the household
std::string_view RepaymentSourceName(RepaymentSource s);  // "uitkering", "zelf"
std::optional<RepaymentSource> RepaymentSourceOf(std::string_view name);

struct Repayment {
  int64_t seq = 0;
  Month month;  // the instalment month it pays
  Date date;    // received
  Money amount;
  RepaymentSource source = RepaymentSource::kZelf;
};

enum class MilestoneKind : uint8_t { kBudgetcursus, kParticipatieTrede, kBaan, kDiploma };
inline constexpr MilestoneKind kMilestoneKinds[] = {MilestoneKind::kBudgetcursus,
                                                    MilestoneKind::kParticipatieTrede,
                                                    MilestoneKind::kBaan, MilestoneKind::kDiploma};
std::string_view MilestoneKindName(
    MilestoneKind k);  // "budgetcursus", "participatie_trede", "baan", "diploma"
std::optional<MilestoneKind> MilestoneKindOf(std::string_view name);

// A forgiveness: a milestone confirmed by a worker, or the rest of the balance at the plan's end.
struct Forgiveness {
  int64_t seq = 0;
  std::optional<MilestoneKind> milestone;  // none: the end of the plan
  Date date;
  std::string confirmed_by;  // the worker (login name)
  Money amount;
  Money clawed_back;  // reversed on breach (at most amount)
  std::optional<Date> clawed_back_on;
};

enum class DossierStatus : uint8_t {
  kIntake,        // claims being collected and offered
  kRestructured,  // every claim settled: the household owes the fund
  kRepaying,      // a plan runs
  kDebtFree,      // nothing left to pay
  kBreached,      // the household broke the agreement
};
std::string_view DossierStatusName(DossierStatus s);

struct Dossier {
  int64_t id = 0;
  int64_t version = 0;  // optimistic concurrency: the store refuses a save of an older version
  std::string household_ref;  // the municipality's case number, no personal data
  std::string gemeente;       // CBS code, for the rules
  // The benefit case the instalment is withheld from in the monthly payment run, with the
  // household's consent in its agreement with the fund; none: the household pays itself.
  std::optional<int64_t> benefit_case;
  Date registered;
  std::optional<Date> restructured;  // the day the last claim was settled
  std::optional<Date> breached;
  Finances finances;
  std::vector<Claim> claims;
  std::optional<Plan> plan;
  std::vector<Repayment> repayments;
  std::vector<Forgiveness> forgiveness;

  const Claim* FindClaim(int64_t seq) const;
  Claim* FindClaim(int64_t seq);
  // What the household owes the fund: the settled amounts, once all claims are settled.
  Money Owed() const;
  Money Repaid() const;
  Money Forgiven() const;  // net of claw-backs
  Money Balance() const { return Owed() - Repaid() - Forgiven(); }
  bool AllSettled() const;  // at least one claim, each settled or paid
  DossierStatus Status() const;
};

}  // namespace nabij::debt
