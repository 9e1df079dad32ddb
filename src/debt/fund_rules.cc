#include "debt/fund_rules.h"

namespace nabij::debt {
namespace {

constexpr std::string_view kIdStep = "schuldenfonds.aanbod.verhoging";
constexpr std::string_view kIdCeiling = "schuldenfonds.aanbod.maximum";
constexpr std::string_view kIdAnswerDays = "schuldenfonds.aanbod.reactietermijn";
constexpr std::string_view kIdClawback = "schuldenfonds.terugdraaien.aandeel";
constexpr std::string_view kIdEigenRisico = "schuldenfonds.vtlb.eigen_risico";
constexpr std::string_view kIdWoonkostenNorm = "schuldenfonds.vtlb.woonkosten_norm";

class Reader {
 public:
  Reader(const rules::ParameterSet& set, Date date, std::string_view gemeente)
      : set_(set), date_(date), gemeente_(gemeente) {}

  Status Ratio(std::string_view id, Figure<nabij::Ratio>& out) {
    NABIJ_ASSIGN_OR_RETURN(const rules::Value* v, set_.Find(id, date_, gemeente_));
    if (v->ratio.num() < 0 || v->ratio.num() > v->ratio.den()) {
      return Status(ErrorCode::kFailedPrecondition,
                    "percentage must lie between 0 % and 100 %, got " + v->ratio.ToPercentString(),
                    std::string(id));
    }
    out = {v->ratio, set_.Get(id), v};
    return Status::Ok();
  }
  Status Amount(std::string_view id, Figure<Money>& out) {
    NABIJ_ASSIGN_OR_RETURN(const rules::Value* v, set_.Find(id, date_, gemeente_));
    if (v->amount < Money::Zero()) {
      return Status(ErrorCode::kFailedPrecondition, "amount must not be negative", std::string(id));
    }
    out = {v->amount, set_.Get(id), v};
    return Status::Ok();
  }
  Status Count(std::string_view id, Figure<int64_t>& out) {
    NABIJ_ASSIGN_OR_RETURN(const rules::Value* v, set_.Find(id, date_, gemeente_));
    if (v->count < 0)
      return Status(ErrorCode::kFailedPrecondition, "count must not be negative", std::string(id));
    out = {v->count, set_.Get(id), v};
    return Status::Ok();
  }
  // An amount that may have no value yet on the date (kRuleMissing): then absent.
  Result<std::optional<Figure<Money>>> OptionalAmount(std::string_view id) {
    Figure<Money> f;
    Status s = Amount(id, f);
    if (s.ok()) return std::optional<Figure<Money>>(f);
    if (s.code() == ErrorCode::kRuleMissing) return std::optional<Figure<Money>>();
    return s;
  }

 private:
  const rules::ParameterSet& set_;
  Date date_;
  std::string gemeente_;
};

}  // namespace

Result<FundRules> LoadFundRules(const rules::ParameterSet& set, Date date,
                                std::string_view gemeente) {
  FundRules r;
  r.date = date;
  r.gemeente = std::string(gemeente);
  Reader read(set, date, gemeente);
  for (Sector s : kSectors) {
    NABIJ_RETURN_IF_ERROR(
        read.Ratio("schuldenfonds.aanbod.percentage." + std::string(SectorName(s)),
                   r.first_offer[static_cast<size_t>(s)]));
  }
  NABIJ_RETURN_IF_ERROR(read.Ratio(kIdStep, r.step));
  NABIJ_RETURN_IF_ERROR(read.Ratio(kIdCeiling, r.ceiling));
  NABIJ_RETURN_IF_ERROR(read.Count(kIdAnswerDays, r.answer_days));
  for (MilestoneKind k : kMilestoneKinds) {
    const std::string base = "schuldenfonds.mijlpaal." + std::string(MilestoneKindName(k));
    MilestoneRule& m = r.milestones[static_cast<size_t>(k)];
    NABIJ_RETURN_IF_ERROR(read.Amount(base + ".bedrag", m.amount));
    NABIJ_RETURN_IF_ERROR(read.Ratio(base + ".aandeel", m.share));
  }
  NABIJ_RETURN_IF_ERROR(read.Ratio(kIdClawback, r.clawback_share));
  NABIJ_ASSIGN_OR_RETURN(r.eigen_risico_per_jaar, read.OptionalAmount(kIdEigenRisico));
  NABIJ_ASSIGN_OR_RETURN(r.woonkosten_norm, read.OptionalAmount(kIdWoonkostenNorm));
  NABIJ_ASSIGN_OR_RETURN(r.bvv, bvv::Snapshot(set, date.month()));
  return r;
}

}  // namespace nabij::debt
