// Helpers for pw tests: the real rules tree and quick households.
#pragma once

#include <filesystem>

#include "base/date.h"
#include "pw/household.h"
#include "rules/parameter_set.h"
#include "rules/source_rules.h"

namespace nabij::pw::testing {

inline const rules::ParameterSet& Rules() { return rules::SourceRules(); }

// Born `age` years before the first day of `m`: that age on the month's first day.
inline Date BornAged(Month m, int age) { return m.first_day().AddYears(-age); }

inline CaseInput Single(Month m, int age) {
  CaseInput in;
  in.month = m;
  in.applicant.birth = BornAged(m, age);
  return in;
}

inline void AddHousemate(CaseInput& in, int age, Relation rel = Relation::kNone, Education edu = Education::kNone,
                         bool commercial = false) {
  Housemate h;
  h.birth = BornAged(in.month, age);
  h.relation = rel;
  h.education = edu;
  h.commercial_contract = commercial;
  in.housemates[in.housemate_count++] = h;
}

}  // namespace nabij::pw::testing
