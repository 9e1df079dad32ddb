// HouseholdHistory: a household's facts over time, and the engine input for any month of it.
//
// A case administration keeps facts with the date they became true (who lives in the house,
// income per month, the start of each vrijlating period, assets), so that any past month can be
// recomputed exactly as it was. InputForMonth assembles the CaseInput for one month from those
// facts: pure and deterministic, no storage. Thread-safe for concurrent reads.
#pragma once

#include <optional>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "pw/household.h"

namespace nabij::pw {

enum class PeriodRule : uint8_t { kN, kR, kZ, kPib };

// A member of the household other than the applicant, for [valid_from, valid_until).
struct MemberFact {
  int64_t person_id = 0;
  Role role = Role::kHousemate;  // kPartner, kChild or kHousemate
  Date birth;
  Date valid_from;
  std::optional<Date> valid_until;
  bool entitled = true;          // partner only
  Housemate housemate;           // housemate only: relation, education, contracts
};

// Net income of one person in one month (Pw art. 32: income counts for the month it relates to).
struct IncomeFact {
  int64_t person_id = 0;  // the applicant's id or a partner's
  Month month;
  Money work;
  Money other;
};

// The first month of a time-limited vrijlating period of one person.
struct PeriodFact {
  int64_t person_id = 0;
  PeriodRule rule = PeriodRule::kN;
  Month start;
};

struct AssetFact {
  Date valid_from;
  Money vermogen;
};

struct HouseholdHistory {
  int64_t applicant_id = 0;
  Date applicant_birth;
  bool medisch_urenbeperkt = false;
  std::vector<MemberFact> members;
  std::vector<IncomeFact> incomes;
  std::vector<PeriodFact> periods;
  std::vector<AssetFact> assets;  // the latest fact on or before the month's first day holds
};

// The engine input for `month`: members present on the month's first day, that month's income,
// the month number within each running vrijlating period (the latest start on or before the
// month), and the assets then. Returns kInvalidArgument for facts that contradict each other
// (two partners at once, a period starting in the future is ignored, more housemates than fit).
Result<CaseInput> InputForMonth(const HouseholdHistory& h, Month month);

}  // namespace nabij::pw
