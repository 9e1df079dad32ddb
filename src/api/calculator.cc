#include "api/calculator.h"

#include <fmt/format.h>

#include <array>

#include "api/json_detail.h"
#include "api/json_writer.h"

namespace nabij::api {
namespace {

using nlohmann::json;

// Pw art. 31 lid 3 counts income per month; a week is 12/52 = 3/13 of a month.
constexpr int64_t kWeeksPerMonthNum = 13;
constexpr int64_t kWeeksPerMonthDen = 3;
// A net hourly wage above € 1.000 is a typing error, not a part-time job.
constexpr int64_t kMaxHourlyWageCents = 100'000;

Result<ParttimeRequest> ParseParttime(const json& v) {
  if (!v.is_object()) return InvalidArgument("must be an object with hourly_wage and hours", "parttime");
  ParttimeRequest pt;
  bool saw_wage = false;
  bool saw_hours = false;
  for (const auto& [key, value] : v.items()) {
    if (key == "hourly_wage") {
      saw_wage = true;
      if (value.is_number_float()) {
        return InvalidArgument("must be a whole number of cents (14,25 euro is 1425)", "parttime.hourly_wage");
      }
      if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > kMaxHourlyWageCents) {
        return InvalidArgument("must be a whole number of cents from 0 to 100000", "parttime.hourly_wage");
      }
      pt.hourly_wage = Money::Cents(value.get<int64_t>());
    } else if (key == "hours") {
      saw_hours = true;
      if (!value.is_array()) return InvalidArgument("must be a list of hours per week", "parttime.hours");
      if (value.size() > kMaxParttimePoints) {
        return InvalidArgument("at most " + std::to_string(kMaxParttimePoints) + " numbers of hours", "parttime.hours");
      }
      for (size_t i = 0; i < value.size(); ++i) {
        const json& h = value[i];
        if (!h.is_number_integer() || h.get<int64_t>() < 0 || h.get<int64_t>() > kMaxHoursPerWeek) {
          return InvalidArgument("hours per week are whole numbers from 0 to 60",
                                 "parttime.hours[" + std::to_string(i) + "]");
        }
        pt.hours.push_back(static_cast<int>(h.get<int64_t>()));
      }
    } else {
      return InvalidArgument("unknown field; parttime has hourly_wage and hours", "parttime." + key);
    }
  }
  if (!saw_wage) return InvalidArgument("the net hourly wage is missing", "parttime.hourly_wage");
  if (!saw_hours) return InvalidArgument("the list of hours is missing", "parttime.hours");
  return pt;
}

// Every time-limited period of the applicant off, then `n_or_pib` (the first month) on.
pw::CaseInput WithPeriod(const pw::CaseInput& in, bool in_balans, uint8_t first_month) {
  pw::CaseInput out = in;
  pw::Periods& p = out.applicant.periods;
  p.n_month = 0;
  p.r_month = 0;
  p.z_month = 0;
  p.pib_month = 0;
  if (in_balans) {
    p.pib_month = first_month;
  } else {
    p.n_month = first_month;
  }
  return out;
}

// "Pw art. 31 lid 2 onder n" for a vrijlating rule; "" for none. Made once.
std::string_view Article(pw::VrijlatingRule rule) {
  static const std::array<std::string, 9> kArticles = [] {
    std::array<std::string, 9> a;
    for (size_t i = 1; i < a.size(); ++i) {
      a[i] = "Pw " + std::string(pw::VrijlatingRuleName(static_cast<pw::VrijlatingRule>(i)));
    }
    return a;
  }();
  const auto i = static_cast<size_t>(rule);
  return i < kArticles.size() ? std::string_view(kArticles[i]) : std::string_view();
}

}  // namespace

Result<CalculatorRequest> ParseCalculatorJson(std::string_view text) {
  NABIJ_ASSIGN_OR_RETURN(json doc, ParseJsonText(text, "request body"));
  if (!doc.is_object()) return InvalidArgument("the request must be a JSON object with a household", "");
  CalculatorRequest req;
  bool saw_household = false;
  for (const auto& [key, value] : doc.items()) {
    if (key == "household") {
      saw_household = true;
      if (!value.is_object()) return InvalidArgument("the household must be an object", "household");
      auto h = HouseholdFromJson(value);
      if (!h.ok()) return h.error().WithFieldPrefix("household");
      req.household = std::move(*h);
    } else if (key == "parttime") {
      if (value.is_null()) continue;
      NABIJ_ASSIGN_OR_RETURN(req.parttime, ParseParttime(value));
    } else {
      return InvalidArgument("unknown field; the request has household and parttime", key);
    }
  }
  if (!saw_household) return InvalidArgument("the household is missing", "household");
  return req;
}

Money NetMonthlyWage(Money hourly_wage, int hours_per_week) {
  return MulDiv(hourly_wage, int64_t{hours_per_week} * kWeeksPerMonthNum, kWeeksPerMonthDen, Rounding::kHalfUp);
}

Result<std::vector<ParttimePoint>> ParttimeSeries(const pw::Params& params, const pw::CaseInput& household,
                                                  pw::Regime regime, const ParttimeRequest& request) {
  const bool in_balans = regime == pw::Regime::kInBalans || (regime == pw::Regime::kByDate && params.in_balans_by_date);
  pw::CaseInput with = WithPeriod(household, in_balans, 1);
  pw::CaseInput after = WithPeriod(household, in_balans, 0);
  const pw::Options options{regime};
  const std::string wage = FormatEuro(request.hourly_wage);
  std::vector<ParttimePoint> series;
  series.reserve(request.hours.size());
  for (int hours : request.hours) {
    ParttimePoint pt;
    pt.hours_per_week = hours;
    pt.net_wage = NetMonthlyWage(request.hourly_wage, hours);
    with.applicant.work_income = pt.net_wage;
    after.applicant.work_income = pt.net_wage;
    NABIJ_ASSIGN_OR_RETURN(pw::Decision dw, pw::Calculate(params, with, nullptr, options));
    NABIJ_ASSIGN_OR_RETURN(pw::Decision da, pw::Calculate(params, after, nullptr, options));
    pt.with_vrijlating = {dw.bijstand, dw.bijstand + pt.net_wage, dw.applicant.vrijlating};
    pt.after_vrijlating = {da.bijstand, da.bijstand + pt.net_wage, da.applicant.vrijlating};
    pt.explanation = {
        {fmt::format("Nettoloon per maand: {} uur per week × {} × 13/3", hours, wage),
         pt.net_wage, "Pw art. 31 lid 3"},
        {"Bijstandsnorm (inclusief vakantietoeslag)", dw.norm, "Pw art. 20-24"},
        {"Vrijgelaten deel van het loon in de eerste maand van de vrijlating", dw.applicant.vrijlating,
         Article(dw.applicant.rule)},
        {"Bijstand in die maand: norm min de middelen die meetellen", dw.bijstand, "Pw art. 19 lid 2"},
        {"Vrijgelaten deel van het loon na de vrijlatingsperiode", da.applicant.vrijlating, Article(da.applicant.rule)},
        {"Bijstand na de vrijlatingsperiode", da.bijstand, "Pw art. 19 lid 2"},
    };
    series.push_back(std::move(pt));
  }
  return series;
}

std::string ParttimeSeriesJson(const std::vector<ParttimePoint>& series) {
  std::string out;
  out.reserve(series.size() * 1024 + 2);
  JsonWriter w(out);
  auto outcome = [&w](const char* name, const ParttimeOutcome& o) {
    w.Key(name).BeginObject()
        .Key("benefit").Int(o.benefit.cents())
        .Key("total").Int(o.total.cents())
        .Key("vrijgelaten").Int(o.vrijgelaten.cents())
        .EndObject();
  };
  w.BeginArray();
  for (const ParttimePoint& p : series) {
    w.BeginObject().Key("hours_per_week").Int(p.hours_per_week).Key("net_wage").Int(p.net_wage.cents());
    outcome("with_vrijlating", p.with_vrijlating);
    outcome("after_vrijlating", p.after_vrijlating);
    w.Key("explanation").BeginArray();
    for (const ExplanationLine& e : p.explanation) {
      w.BeginObject().Key("text").String(e.text).Key("amount").Int(e.amount.cents()).Key("article").String(e.article).EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  return out;
}

}  // namespace nabij::api
