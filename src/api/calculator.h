// The public calculator "Wat houd ik over als ik parttime ga werken?" (POST /api/v1/calculator).
//
// A request is a household document (docs/household-format.md) and, optionally, a net hourly
// wage and a list of hours per week. For each number of hours the applicant earns
// hourly_wage × hours × 13/3 a month (52 weeks / 12 months), and the benefit is computed twice:
// in the first month of the vrijlating period (Pw art. 31 lid 2 onder n; under the Participatiewet
// in balans art. 34a lid 1 onder a) and after every period has ended. ParttimeSeries is pure and
// deterministic (same Params, input and request, same cents); nothing is stored. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/household_json.h"
#include "base/money.h"
#include "base/status.h"
#include "pw/bijstand.h"
#include "pw/params.h"

namespace nabij::api {

inline constexpr int kMaxHoursPerWeek = 60;
inline constexpr size_t kMaxParttimePoints = 61;

struct ParttimeRequest {
  Money hourly_wage;       // net, per hour
  std::vector<int> hours;  // hours per week, each 0..kMaxHoursPerWeek, at most kMaxParttimePoints
};

struct CalculatorRequest {
  CalcRequest household;
  std::optional<ParttimeRequest> parttime;
};

// Parses {"household": {...}, "parttime": {"hourly_wage": 1400, "hours": [0, 8, 16]}}.
// kParseError for text that is not JSON; kInvalidArgument naming the field
// ("household.members[0].age", "parttime.hours[2]") for everything else.
Result<CalculatorRequest> ParseCalculatorJson(std::string_view text);

struct ParttimeOutcome {
  Money benefit;      // bijstand per month, including vakantietoeslag
  Money total;        // benefit + net wage
  Money vrijgelaten;  // the part of the wage disregarded
};

struct ExplanationLine {
  std::string text;
  Money amount;
  std::string_view article;  // "Pw art. 31 lid 2 onder n", "" when none (static text)
};

struct ParttimePoint {
  int hours_per_week = 0;
  Money net_wage;
  ParttimeOutcome with_vrijlating;
  ParttimeOutcome after_vrijlating;
  std::vector<ExplanationLine> explanation;
};

// hourly_wage × hours × 13 / 3, rounded half up to the cent.
Money NetMonthlyWage(Money hourly_wage, int hours_per_week);

// The series for `household` (the engine input of the request) under `regime`. Returns the
// engine's Status for a household it cannot place (applicant under 18, ...).
Result<std::vector<ParttimePoint>> ParttimeSeries(const pw::Params& params, const pw::CaseInput& household,
                                                  pw::Regime regime, const ParttimeRequest& request);

// [{"hours_per_week":8,"net_wage":..,"with_vrijlating":{..},"after_vrijlating":{..},"explanation":[..]},..]
std::string ParttimeSeriesJson(const std::vector<ParttimePoint>& series);

}  // namespace nabij::api
