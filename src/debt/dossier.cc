#include "debt/dossier.h"

#include <utility>

#include "debt/debt_store.h"

namespace nabij::debt {
namespace {

template <typename E>
using Names = std::initializer_list<std::pair<E, std::string_view>>;

template <typename E>
std::string_view NameIn(E value, Names<E> names) {
  for (const auto& [v, n] : names) {
    if (v == value) return n;
  }
  return "?";
}

template <typename E>
std::optional<E> ValueIn(std::string_view name, Names<E> names) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

const Names<Sector> kSectorNames = {{Sector::kEnergie, "energie"},
                                    {Sector::kWater, "water"},
                                    {Sector::kWoningcorporatie, "woningcorporatie"},
                                    {Sector::kZorgverzekeraar, "zorgverzekeraar"},
                                    {Sector::kOverheid, "overheid"},
                                    {Sector::kCommercieel, "commercieel"}};
const Names<Verification> kVerificationNames = {{Verification::kUnverified, "onbevestigd"},
                                                {Verification::kRequested, "opgevraagd"},
                                                {Verification::kConfirmed, "bevestigd"},
                                                {Verification::kDisputed, "betwist"}};
const Names<AnswerKind> kAnswerNames = {{AnswerKind::kAccept, "akkoord"},
                                        {AnswerKind::kReject, "afwijzing"},
                                        {AnswerKind::kCounter, "tegenvoorstel"},
                                        {AnswerKind::kNoAnswer, "geen_reactie"}};
const Names<Regime> kRegimeNames = {{Regime::kStudieschuld, "studieschuld"},
                                    {Regime::kKlassiek18, "klassiek18"},
                                    {Regime::kKlassiek36, "klassiek36"}};
const Names<RepaymentSource> kSourceNames = {{RepaymentSource::kUitkering, "uitkering"},
                                             {RepaymentSource::kZelf, "zelf"}};
const Names<MilestoneKind> kMilestoneNames = {
    {MilestoneKind::kBudgetcursus, "budgetcursus"},
    {MilestoneKind::kParticipatieTrede, "participatie_trede"},
    {MilestoneKind::kBaan, "baan"},
    {MilestoneKind::kDiploma, "diploma"}};

const Names<bvv::Huishouden> kHuishoudenNames = {
    {bvv::Huishouden::kAlleenstaande, "alleenstaande"},
    {bvv::Huishouden::kAlleenstaandeOuder, "alleenstaande_ouder"},
    {bvv::Huishouden::kGehuwdenZonderKinderen, "gehuwden_zonder_kinderen"},
    {bvv::Huishouden::kGehuwdenMetKinderen, "gehuwden_met_kinderen"}};

// The fund model's maximum terms (docs/debt-fund.md): 180 months like a student loan; 18 or 36
// months like a classic minnelijke schuldregeling.
constexpr int kStudieschuldMonths = 180;
constexpr int kKlassiek18Months = 18;
constexpr int kKlassiek36Months = 36;

}  // namespace

std::string_view HuishoudenName(bvv::Huishouden h) { return NameIn(h, kHuishoudenNames); }
std::optional<bvv::Huishouden> HuishoudenOf(std::string_view name) {
  return ValueIn(name, kHuishoudenNames);
}
std::string_view SectorName(Sector s) { return NameIn(s, kSectorNames); }
std::optional<Sector> SectorOf(std::string_view name) { return ValueIn(name, kSectorNames); }
std::string_view VerificationName(Verification v) { return NameIn(v, kVerificationNames); }
std::optional<Verification> VerificationOf(std::string_view name) {
  return ValueIn(name, kVerificationNames);
}
std::string_view AnswerKindName(AnswerKind k) { return NameIn(k, kAnswerNames); }
std::optional<AnswerKind> AnswerKindOf(std::string_view name) {
  return ValueIn(name, kAnswerNames);
}
std::string_view RegimeName(Regime r) { return NameIn(r, kRegimeNames); }
std::optional<Regime> RegimeOf(std::string_view name) { return ValueIn(name, kRegimeNames); }
std::string_view RepaymentSourceName(RepaymentSource s) { return NameIn(s, kSourceNames); }
std::optional<RepaymentSource> RepaymentSourceOf(std::string_view name) {
  return ValueIn(name, kSourceNames);
}
std::string_view MilestoneKindName(MilestoneKind k) { return NameIn(k, kMilestoneNames); }
std::optional<MilestoneKind> MilestoneKindOf(std::string_view name) {
  return ValueIn(name, kMilestoneNames);
}

int MaxTermMonths(Regime r) {
  switch (r) {
    case Regime::kStudieschuld:
      return kStudieschuldMonths;
    case Regime::kKlassiek18:
      return kKlassiek18Months;
    case Regime::kKlassiek36:
      return kKlassiek36Months;
  }
  return 0;
}

std::string_view ClaimStatusName(ClaimStatus s) {
  switch (s) {
    case ClaimStatus::kOpen:
      return "open";
    case ClaimStatus::kOffered:
      return "aangeboden";
    case ClaimStatus::kEscalated:
      return "geescaleerd";
    case ClaimStatus::kSettled:
      return "akkoord";
    case ClaimStatus::kPaid:
      return "betaald";
  }
  return "?";
}

std::string_view DossierStatusName(DossierStatus s) {
  switch (s) {
    case DossierStatus::kIntake:
      return "intake";
    case DossierStatus::kRestructured:
      return "gesaneerd";
    case DossierStatus::kRepaying:
      return "aflossing";
    case DossierStatus::kDebtFree:
      return "schuldenvrij";
    case DossierStatus::kBreached:
      return "afspraken_verbroken";
  }
  return "?";
}

ClaimStatus ClaimStatusOf(const Claim& c) {
  if (c.paid_on) return ClaimStatus::kPaid;
  if (c.settled_amount) return ClaimStatus::kSettled;
  if (c.verification == Verification::kDisputed)
    return ClaimStatus::kEscalated;  // a worker resolves it
  if (c.offers.empty()) return ClaimStatus::kOpen;
  if (!c.offers.back().answer) return ClaimStatus::kOffered;
  return ClaimStatus::kEscalated;  // answered without settling, and no new round yet
}

const Claim* Dossier::FindClaim(int64_t seq) const {
  for (const Claim& c : claims) {
    if (c.seq == seq) return &c;
  }
  return nullptr;
}

Claim* Dossier::FindClaim(int64_t seq) {
  return const_cast<Claim*>(std::as_const(*this).FindClaim(seq));
}

bool Dossier::AllSettled() const {
  if (claims.empty()) return false;
  for (const Claim& c : claims) {
    if (!c.settled_amount) return false;
  }
  return true;
}

Money Dossier::Owed() const {
  if (!AllSettled()) return Money::Zero();
  Money sum;
  for (const Claim& c : claims) sum += *c.settled_amount;
  return sum;
}

Money Dossier::Repaid() const {
  Money sum;
  for (const Repayment& r : repayments) sum += r.amount;
  return sum;
}

Money Dossier::Forgiven() const {
  Money sum;
  for (const Forgiveness& f : forgiveness) sum += f.amount - f.clawed_back;
  return sum;
}

DossierStatus Dossier::Status() const {
  if (breached) return DossierStatus::kBreached;
  if (!AllSettled()) return DossierStatus::kIntake;
  if (Balance() == Money::Zero()) return DossierStatus::kDebtFree;
  if (plan) return DossierStatus::kRepaying;
  return DossierStatus::kRestructured;
}

}  // namespace nabij::debt

// --- signals (declared in debt_store.h) ------------------------------------------------------

namespace nabij::debt {
namespace {
const Names<SignalSector> kSignalSectorNames = {
    {SignalSector::kEnergie, "energie"},
    {SignalSector::kWater, "water"},
    {SignalSector::kHuur, "huur"},
    {SignalSector::kZorgverzekeraar, "zorgverzekeraar"}};
}  // namespace

std::string_view SignalSectorName(SignalSector s) { return NameIn(s, kSignalSectorNames); }
std::optional<SignalSector> SignalSectorOf(std::string_view name) {
  return ValueIn(name, kSignalSectorNames);
}

}  // namespace nabij::debt
