#include "api/household_json.h"

#include <nlohmann/json.hpp>

#include "api/json_detail.h"
#include "api/json_writer.h"

namespace nabij::api {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kMaxBody = 1u << 20;
constexpr int kMaxDepth = 16;

// Nesting depth of a JSON text, counted before parsing so hostile input cannot exhaust the stack.
int Depth(std::string_view text) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  bool escape = false;
  for (char c : text) {
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  return max_depth;
}

// `where` and `key` make the field's path ("members[1]" "." "age"), built only for an error.
Result<pw::FieldValue> ToField(const json& v, std::string_view where, std::string_view key) {
  auto field = [&] { return where.empty() ? std::string(key) : std::string(where) + "." + std::string(key); };
  if (v.is_boolean()) return pw::FieldValue(v.get<bool>());
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      return InvalidArgument("number too large", field());
    }
    return pw::FieldValue(v.get<int64_t>());
  }
  if (v.is_number_float()) {
    return InvalidArgument("must be a whole number (amounts are integer eurocents: 1.401,50 euro is 140150)", field());
  }
  if (v.is_string()) return pw::FieldValue(v.get<std::string>());
  return InvalidArgument("must be a number, true/false or text", field());
}

}  // namespace

Result<json> ParseJsonText(std::string_view text, std::string_view what) {
  if (text.size() > kMaxBody) return InvalidArgument("the " + std::string(what) + " is larger than 1 MiB", "");
  if (Depth(text) > kMaxDepth) return InvalidArgument("the " + std::string(what) + " is nested too deeply", "");
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Status(ErrorCode::kParseError, "not valid JSON at byte " + std::to_string(e.byte), "");
  } catch (const json::exception&) {
    // e.g. out_of_range for a number such as 4e500 that no double can hold.
    return Status(ErrorCode::kParseError, "not valid JSON: a number is out of range", "");
  }
}

Result<CalcRequest> ParseHouseholdJson(std::string_view text) {
  NABIJ_ASSIGN_OR_RETURN(json doc, ParseJsonText(text, "household document"));
  return HouseholdFromJson(doc);
}

Result<CalcRequest> HouseholdFromJson(const json& doc) {
  if (!doc.is_object()) return InvalidArgument("the household document must be a JSON object", "");
  CalcRequest req;
  bool saw_members = false;
  for (const auto& [key, value] : doc.items()) {
    if (key == "members") {
      saw_members = true;
      if (!value.is_array()) return InvalidArgument("must be a list of members", "members");
      for (size_t i = 0; i < value.size(); ++i) {
        std::string where = "members[" + std::to_string(i) + "]";
        const json& m = value[i];
        if (!m.is_object()) return InvalidArgument("a member must be an object", where);
        pw::MemberSpec spec;
        for (const auto& [mk, mv] : m.items()) {
          NABIJ_ASSIGN_OR_RETURN(pw::FieldValue f, ToField(mv, where, mk));
          Status s = pw::SetMemberField(spec, mk, f);
          if (!s.ok()) return s.WithFieldPrefix(where);
        }
        req.household.members.push_back(std::move(spec));
      }
      continue;
    }
    if (key == "regime") {
      if (!value.is_string()) return InvalidArgument("must be \"art31\" or \"in_balans\"", "regime");
      const std::string r = value.get<std::string>();
      if (r == "art31") {
        req.regime = pw::Regime::kArt31;
      } else if (r == "in_balans") {
        req.regime = pw::Regime::kInBalans;
      } else if (r == "by_date") {
        req.regime = pw::Regime::kByDate;
      } else {
        return InvalidArgument("must be \"by_date\", \"art31\" or \"in_balans\"", "regime");
      }
      continue;
    }
    NABIJ_ASSIGN_OR_RETURN(pw::FieldValue f, ToField(value, "", key));
    NABIJ_RETURN_IF_ERROR(pw::SetHouseholdField(req.household, key, f));
  }
  if (!saw_members) return InvalidArgument("the list of members is missing", "members");
  return req;
}

std::string DecisionToJson(const pw::Decision& d, const pw::Params& p, const rules::Trace* trace,
                           std::string_view rules_version, bool pretty) {
  std::string out;
  out.reserve(trace != nullptr ? 1024 + trace->steps().size() * 256 : 1024);
  JsonWriter w(out);
  auto person = [&w](const char* role, const pw::PersonMeans& m) {
    w.BeginObject()
        .Key("role").String(role)
        .Key("work_income").Int(m.work_income.cents())
        .Key("vrijlating").Int(m.vrijlating.cents())
        .Key("vrijlating_rule").String(pw::VrijlatingRuleName(m.rule))
        .Key("premie_vrij").Int(m.premie_vrij.cents())
        .Key("giften_vrij").Int(m.giften_vrij.cents())
        .Key("counted").Int(m.counted.cents())
        .EndObject();
  };
  w.BeginObject()
      .Key("month").String(p.month.ToString())
      .Key("gemeente").String(p.gemeente)
      .Key("rules_version").String(rules_version)
      .Key("regime").String(d.in_balans ? "in_balans" : "art31")
      .Key("leefvorm").String(pw::LeefvormName(d.leefvorm))
      .Key("kostendelers").Int(d.kostendelers)
      .Key("a").Int(d.a);
  w.Key("amounts").BeginObject()
      .Key("norm").Int(d.norm.cents())
      .Key("vrijlating").Int(d.vrijlating.cents())
      .Key("counted_income").Int(d.counted_income.cents())
      .Key("bijstand").Int(d.bijstand.cents())
      .Key("vakantietoeslag").Int(d.vakantietoeslag.cents())
      .Key("bijstand_excl_vt").Int(d.bijstand_excl_vt.cents())
      .EndObject();
  w.Key("persons").BeginArray();
  person("applicant", d.applicant);
  if (d.partner.work_income.cents() != 0 || d.partner.counted.cents() != 0) person("partner", d.partner);
  w.EndArray();
  w.Key("vermogen").BeginObject()
      .Key("grens").Int(d.vermogensgrens.cents())
      .Key("boven_grens").Bool(d.vermogen_boven_grens)
      .Key("eigen_woning_boven_grens").Bool(d.eigen_woning_boven_grens)
      .EndObject();
  w.Key("period_ends").BeginArray();
  for (int i = 0; i < d.period_end_count; ++i) {
    const pw::PeriodEnd& e = d.period_ends[static_cast<size_t>(i)];
    w.BeginObject()
        .Key("rule").String(pw::VrijlatingRuleName(e.rule))
        .Key("partner").Bool(e.partner)
        .Key("last_month").String(e.last_month.ToString())
        .EndObject();
  }
  w.EndArray();
  if (trace != nullptr) {
    w.Key("trace").BeginArray();
    for (const rules::TraceStep& s : trace->steps()) {
      w.BeginObject()
          .Key("label").String(s.label)
          .Key("amount").Int(s.amount.cents())
          .Key("rule_id").String(s.rule_id)
          .Key("legal_ref").String(s.legal_ref);
      if (!s.param_value.empty()) w.Key("param_value").String(s.param_value);
      if (s.effective) w.Key("effective").String(s.effective->ToString());
      if (!s.detail.empty()) w.Key("detail").String(s.detail);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  // The command line shows it indented: the same document, laid out by nlohmann-json.
  if (pretty) return ordered_json::parse(out).dump(2);
  return out;
}

std::string StatusToJson(const Status& s, bool pretty) {
  ordered_json e{{"code", std::string(ErrorCodeName(s.code()))}, {"message", s.message()}};
  if (!s.field().empty()) e["field"] = s.field();
  if (!s.legal_basis().empty()) e["legal_basis"] = s.legal_basis();
  return ordered_json{{"error", e}}.dump(pretty ? 2 : -1);
}

}  // namespace nabij::api
