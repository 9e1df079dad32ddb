#include "pw/procedure.h"

#include <algorithm>

namespace nabij::pw {

Result<Date> EarliestApplicationDate(const rules::ParameterSet& set, Date melding,
                                     const std::vector<Date>& birth_dates, bool exception,
                                     rules::Trace* trace) {
  if (birth_dates.empty()) return InvalidArgument("the application covers nobody", "members");
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* weeks, set.Find("pw.zoektermijn.weken", melding));
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* age, set.Find("pw.zoektermijn.leeftijd", melding));
  const Date born_by = melding.AddYears(-static_cast<int>(age->count));
  bool all_young = std::all_of(birth_dates.begin(), birth_dates.end(), [&](Date b) { return b > born_by; });
  if (!all_young || exception) {
    if (trace != nullptr) {
      trace->Note(exception ? "Uitzondering op de zoektermijn: aanvraag direct" : "Niet iedereen is jonger dan " +
                      std::to_string(age->count) + " jaar: aanvraag direct na de melding",
                  "pw.zoektermijn", age->basis.Cite());
    }
    return melding;
  }
  constexpr int kDaysPerWeek = 7;
  Date earliest = melding.AddDays(static_cast<int32_t>(weeks->count * kDaysPerWeek));
  if (trace != nullptr) {
    trace->Note("Zoektermijn van " + std::to_string(weeks->count) + " weken voor jongeren onder " +
                    std::to_string(age->count) + " jaar: aanvraag vanaf " + earliest.ToString(),
                "pw.zoektermijn.weken", weeks->basis.Cite());
  }
  return earliest;
}

}  // namespace nabij::pw
