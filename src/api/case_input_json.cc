#include "api/case_input_json.h"

#include <nlohmann/json.hpp>

#include <set>

namespace nabij::api {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kRegimes[] = {"by_date", "art31", "in_balans"};
constexpr std::string_view kRelations[] = {"none", "first_degree", "second_degree"};
constexpr std::string_view kEducations[] = {"none", "wsf", "wtos", "bbl", "abroad"};

json AdultToJson(const pw::Adult& a) {
  return json{{"birth", a.birth.ToString()},
              {"entitled", a.entitled},
              {"medisch_urenbeperkt", a.medisch_urenbeperkt},
              {"doelgroep_lks", a.doelgroep_lks},
              {"work_income", a.work_income.cents()},
              {"other_income", a.other_income.cents()},
              {"premie", a.premie.cents()},
              {"premie_earlier", a.premie_earlier.cents()},
              {"giften", a.giften.cents()},
              {"giften_earlier", a.giften_earlier.cents()},
              {"n_month", a.periods.n_month},
              {"r_month", a.periods.r_month},
              {"z_month", a.periods.z_month},
              {"pib_month", a.periods.pib_month},
              {"aa", a.periods.aa},
              {"pib_extended", a.periods.pib_extended}};
}

// Reads the fields of one object, each exactly once; Done() refuses unknown or missing keys.
class Reader {
 public:
  Reader(const json& j, std::string where) : j_(j), where_(std::move(where)) {}

  const json* Get(const char* key) {
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (error_.ok()) error_ = InvalidArgument("missing", Field(key));
      return nullptr;
    }
    return &*it;
  }
  int64_t Int(const char* key, int64_t lo, int64_t hi) {
    const json* v = Get(key);
    if (v == nullptr) return 0;
    if (!v->is_number_integer() || v->get<int64_t>() < lo || v->get<int64_t>() > hi) {
      Fail(key, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return 0;
    }
    return v->get<int64_t>();
  }
  Money Cents(const char* key) { return Money::Cents(Int(key, INT64_MIN / 4, INT64_MAX / 4)); }
  uint8_t Small(const char* key) { return static_cast<uint8_t>(Int(key, 0, 255)); }
  bool Bool(const char* key) {
    const json* v = Get(key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
      Fail(key, "must be true or false");
      return false;
    }
    return v->get<bool>();
  }
  std::string Text(const char* key) {
    const json* v = Get(key);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      Fail(key, "must be text");
      return {};
    }
    return v->get<std::string>();
  }
  Date DateAt(const char* key) {
    std::string t = Text(key);
    if (!error_.ok()) return Date();
    auto d = Date::Parse(t);
    if (!d.ok()) Fail(key, "must be a date YYYY-MM-DD");
    return d.ok() ? *d : Date();
  }
  template <size_t N>
  size_t OneOf(const char* key, const std::string_view (&names)[N]) {
    std::string t = Text(key);
    for (size_t i = 0; i < N; ++i) {
      if (names[i] == t) return i;
    }
    Fail(key, "is not a known value");
    return 0;
  }
  Status Done() {
    if (!error_.ok()) return error_;
    for (const auto& [k, v] : j_.items()) {
      if (!seen_.contains(k)) return InvalidArgument("unknown field", Field(k.c_str()));
    }
    return Status::Ok();
  }
  std::string Field(const char* key) const { return where_.empty() ? key : where_ + "." + key; }
  void Fail(const char* key, const std::string& why) {
    if (error_.ok()) error_ = InvalidArgument(why, Field(key));
  }

 private:
  const json& j_;
  std::string where_;
  std::set<std::string, std::less<>> seen_;
  Status error_ = Status::Ok();
};

Result<pw::Adult> AdultFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) return InvalidArgument("must be an object", where);
  Reader r(j, where);
  pw::Adult a;
  a.birth = r.DateAt("birth");
  a.entitled = r.Bool("entitled");
  a.medisch_urenbeperkt = r.Bool("medisch_urenbeperkt");
  a.doelgroep_lks = r.Bool("doelgroep_lks");
  a.work_income = r.Cents("work_income");
  a.other_income = r.Cents("other_income");
  a.premie = r.Cents("premie");
  a.premie_earlier = r.Cents("premie_earlier");
  a.giften = r.Cents("giften");
  a.giften_earlier = r.Cents("giften_earlier");
  a.periods.n_month = r.Small("n_month");
  a.periods.r_month = r.Small("r_month");
  a.periods.z_month = r.Small("z_month");
  a.periods.pib_month = r.Small("pib_month");
  a.periods.aa = r.Bool("aa");
  a.periods.pib_extended = r.Bool("pib_extended");
  NABIJ_RETURN_IF_ERROR(r.Done());
  return a;
}

}  // namespace

std::string EngineInputToJson(const EngineInput& e) {
  const pw::CaseInput& in = e.input;
  json housemates = json::array();
  for (int i = 0; i < in.housemate_count; ++i) {
    const pw::Housemate& h = in.housemates[static_cast<size_t>(i)];
    housemates.push_back({{"birth", h.birth.ToString()},
                          {"relation", kRelations[static_cast<size_t>(h.relation)]},
                          {"education", kEducations[static_cast<size_t>(h.education)]},
                          {"commercial_contract", h.commercial_contract},
                          {"third_party_contract", h.third_party_contract}});
  }
  json j{{"month", in.month.ToString()},
         {"gemeente", e.gemeente},
         {"regime", kRegimes[static_cast<size_t>(e.regime)]},
         {"applicant", AdultToJson(in.applicant)},
         {"partner", in.has_partner ? AdultToJson(in.partner) : json(nullptr)},
         {"children", in.children},
         {"youngest_child_birth", in.children > 0 ? json(in.youngest_child_birth.ToString()) : json(nullptr)},
         {"in_inrichting", in.in_inrichting},
         {"inrichting_verhoging", in.inrichting_verhoging},
         {"parents_cannot_support", in.parents_cannot_support},
         {"mantelzorg_elsewhere", in.mantelzorg_elsewhere},
         {"vermogen", in.vermogen.cents()},
         {"eigen_woning_vermogen", in.eigen_woning_vermogen.cents()},
         {"housemates", housemates}};
  return j.dump();
}

Result<EngineInput> ParseEngineInputJson(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& ex) {
    return Status(ErrorCode::kParseError, "the stored engine input is not valid JSON", "");
  }
  if (!doc.is_object()) return InvalidArgument("the engine input must be a JSON object", "");
  Reader r(doc, "");
  EngineInput e;
  pw::CaseInput& in = e.input;
  auto month = Month::Parse(r.Text("month"));
  if (!month.ok()) r.Fail("month", "must be a month YYYY-MM");
  if (month.ok()) in.month = *month;
  e.gemeente = r.Text("gemeente");
  e.regime = static_cast<pw::Regime>(r.OneOf("regime", kRegimes));
  if (const json* a = r.Get("applicant"); a != nullptr) {
    NABIJ_ASSIGN_OR_RETURN(in.applicant, AdultFromJson(*a, "applicant"));
  }
  if (const json* p = r.Get("partner"); p != nullptr && !p->is_null()) {
    NABIJ_ASSIGN_OR_RETURN(in.partner, AdultFromJson(*p, "partner"));
    in.has_partner = true;
  }
  in.children = r.Small("children");
  if (const json* y = r.Get("youngest_child_birth"); y != nullptr && !y->is_null()) {
    auto d = y->is_string() ? Date::Parse(y->get<std::string>()) : Result<Date>(InvalidArgument("x"));
    if (!d.ok()) return InvalidArgument("must be a date YYYY-MM-DD", "youngest_child_birth");
    in.youngest_child_birth = *d;
  } else if (in.children > 0) {
    return InvalidArgument("missing for a household with children", "youngest_child_birth");
  }
  in.in_inrichting = r.Bool("in_inrichting");
  in.inrichting_verhoging = r.Bool("inrichting_verhoging");
  in.parents_cannot_support = r.Bool("parents_cannot_support");
  in.mantelzorg_elsewhere = r.Bool("mantelzorg_elsewhere");
  in.vermogen = r.Cents("vermogen");
  in.eigen_woning_vermogen = r.Cents("eigen_woning_vermogen");
  if (const json* hs = r.Get("housemates"); hs != nullptr) {
    if (!hs->is_array() || hs->size() > pw::kMaxHousemates) {
      return InvalidArgument("must be a list of at most " + std::to_string(pw::kMaxHousemates), "housemates");
    }
    for (size_t i = 0; i < hs->size(); ++i) {
      const json& h = (*hs)[i];
      std::string where = "housemates[" + std::to_string(i) + "]";
      if (!h.is_object()) return InvalidArgument("must be an object", where);
      Reader hr(h, where);
      pw::Housemate& m = in.housemates[i];
      m.birth = hr.DateAt("birth");
      m.relation = static_cast<pw::Relation>(hr.OneOf("relation", kRelations));
      m.education = static_cast<pw::Education>(hr.OneOf("education", kEducations));
      m.commercial_contract = hr.Bool("commercial_contract");
      m.third_party_contract = hr.Bool("third_party_contract");
      NABIJ_RETURN_IF_ERROR(hr.Done());
    }
    in.housemate_count = static_cast<uint8_t>(hs->size());
  }
  NABIJ_RETURN_IF_ERROR(r.Done());
  return e;
}

}  // namespace nabij::api
