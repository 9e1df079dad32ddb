#include "pw/history.h"

#include <algorithm>

namespace nabij::pw {
namespace {

bool PresentOn(const MemberFact& m, Date d) {
  return m.valid_from <= d && (!m.valid_until || d < *m.valid_until);
}

// 1-based month number in the period that started most recently on or before `month`; 0 if none.
uint8_t MonthInPeriod(const HouseholdHistory& h, int64_t person, PeriodRule rule, Month month) {
  std::optional<Month> start;
  for (const PeriodFact& p : h.periods) {
    if (p.person_id == person && p.rule == rule && p.start <= month && (!start || p.start > *start)) start = p.start;
  }
  if (!start) return 0;
  int n = month.MonthsSince(*start) + 1;
  constexpr int kMax = 255;
  return static_cast<uint8_t>(std::min(n, kMax));
}

void FillPeriods(const HouseholdHistory& h, int64_t person, Month month, Periods& p) {
  p.n_month = MonthInPeriod(h, person, PeriodRule::kN, month);
  p.r_month = MonthInPeriod(h, person, PeriodRule::kR, month);
  p.z_month = MonthInPeriod(h, person, PeriodRule::kZ, month);
  p.pib_month = MonthInPeriod(h, person, PeriodRule::kPib, month);
}

void FillIncome(const HouseholdHistory& h, int64_t person, Month month, Adult& a) {
  for (const IncomeFact& f : h.incomes) {
    if (f.person_id == person && f.month == month) {
      a.work_income += f.work;
      a.other_income += f.other;
    }
  }
}

}  // namespace

Result<CaseInput> InputForMonth(const HouseholdHistory& h, Month month) {
  CaseInput in;
  in.month = month;
  const Date first = month.first_day();
  in.applicant.birth = h.applicant_birth;
  in.applicant.medisch_urenbeperkt = h.medisch_urenbeperkt;
  FillIncome(h, h.applicant_id, month, in.applicant);
  FillPeriods(h, h.applicant_id, month, in.applicant.periods);
  for (const MemberFact& m : h.members) {
    if (!PresentOn(m, first)) continue;
    switch (m.role) {
      case Role::kApplicant:
        return InvalidArgument("a member fact cannot be the applicant", "members");
      case Role::kPartner:
        if (in.has_partner) return InvalidArgument("two partners on " + first.ToString(), "members");
        in.has_partner = true;
        in.partner.birth = m.birth;
        in.partner.entitled = m.entitled;
        FillIncome(h, m.person_id, month, in.partner);
        FillPeriods(h, m.person_id, month, in.partner.periods);
        break;
      case Role::kChild:
        if (in.children == 0 || m.birth > in.youngest_child_birth) in.youngest_child_birth = m.birth;
        ++in.children;
        break;
      case Role::kHousemate:
        if (in.housemate_count >= kMaxHousemates) return InvalidArgument("too many housemates", "members");
        in.housemates[in.housemate_count] = m.housemate;
        in.housemates[in.housemate_count].birth = m.birth;
        ++in.housemate_count;
        break;
    }
  }
  std::optional<Date> asset_date;
  for (const AssetFact& a : h.assets) {
    if (a.valid_from <= first && (!asset_date || a.valid_from > *asset_date)) {
      asset_date = a.valid_from;
      in.vermogen = a.vermogen;
    }
  }
  return in;
}

}  // namespace nabij::pw
