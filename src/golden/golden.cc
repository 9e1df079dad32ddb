#include "golden/golden.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <system_error>
#include <type_traits>
#include <utility>

#include "bvv/beslagvrije_voet.h"
#include "pw/bijstand.h"
#include "pw/household.h"
#include "pw/params.h"
#include "pw/procedure.h"
#include "rules/yaml_doc.h"

namespace nabij::golden {
namespace {

namespace fs = std::filesystem;
using rules::YamlNode;

// ParseYaml refuses larger input; checked before reading so a huge file is not read at all.
constexpr std::uintmax_t kMaxFileBytes = 4u << 20;
// Ages in a zoektermijn case, as in pw::SetMemberField.
constexpr int64_t kMaxAge = 130;

enum class Kind { kHousehold, kBvv, kBvvMaximum, kZoektermijn };
enum class ValueKind { kCents, kCount, kBool, kDate };

struct ExpectKey {
  std::string_view name;
  ValueKind kind;
};

constexpr std::array<ExpectKey, 8> kHouseholdExpect{{
    {"norm", ValueKind::kCents},
    {"bijstand", ValueKind::kCents},
    {"vrijlating", ValueKind::kCents},
    {"counted_income", ValueKind::kCents},
    {"vakantietoeslag", ValueKind::kCents},
    {"bijstand_excl_vt", ValueKind::kCents},
    {"kostendelers", ValueKind::kCount},
    {"eligible", ValueKind::kBool},
}};
constexpr std::array<ExpectKey, 2> kBvvExpect{
    {{"bvv", ValueKind::kCents}, {"garnishable", ValueKind::kCents}}};
constexpr std::array<ExpectKey, 1> kBvvMaximumExpect{{{"maximum", ValueKind::kCents}}};
constexpr std::array<ExpectKey, 1> kZoektermijnExpect{{{"earliest_application", ValueKind::kDate}}};

constexpr std::array<std::string_view, 5> kCommonKeys{"name", "source", "kind", "expect", "note"};
constexpr std::array<std::string_view, 5> kHouseholdKeys{"month", "gemeente", "regime", "household",
                                                         "household_fields"};
constexpr std::array<std::string_view, 8> kBvvKeys{
    "month",    "norm",   "inkomen_art32", "maandinkomen",
    "gemeente", "regime", "household",     "household_fields"};
constexpr std::array<std::string_view, 2> kBvvMaximumKeys{"month", "huishouden"};
constexpr std::array<std::string_view, 5> kZoektermijnKeys{"month", "melding", "applicant_age",
                                                           "partner_age", "exception"};

struct KindInfo {
  std::string_view name;
  Kind kind;
  std::span<const std::string_view> keys;
  std::span<const ExpectKey> expect;
};

constexpr std::array<KindInfo, 4> kKinds{{
    {"household", Kind::kHousehold, kHouseholdKeys, kHouseholdExpect},
    {"bvv", Kind::kBvv, kBvvKeys, kBvvExpect},
    {"bvv_maximum", Kind::kBvvMaximum, kBvvMaximumKeys, kBvvMaximumExpect},
    {"zoektermijn", Kind::kZoektermijn, kZoektermijnKeys, kZoektermijnExpect},
}};

struct HuishoudenName {
  std::string_view name;
  bvv::Huishouden huishouden;
};
constexpr std::array<HuishoudenName, 4> kHuishoudens{{
    {"alleenstaande", bvv::Huishouden::kAlleenstaande},
    {"alleenstaande_ouder", bvv::Huishouden::kAlleenstaandeOuder},
    {"gehuwden_zonder_kinderen", bvv::Huishouden::kGehuwdenZonderKinderen},
    {"gehuwden_met_kinderen", bvv::Huishouden::kGehuwdenMetKinderen},
}};

template <typename T>
std::string JoinNames(std::span<const T> items) {
  std::string out;
  for (const T& item : items) {
    if (!out.empty()) out += ", ";
    if constexpr (std::is_same_v<T, std::string_view>) {
      out += item;
    } else {
      out += item.name;
    }
  }
  return out;
}

bool IsInteger(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> ParseInt64(std::string_view s) {
  if (!IsInteger(s)) return std::nullopt;
  if (s[0] == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A YAML scalar as the household setters take it: quoted text stays text; unquoted "true" and
// "false" are truth values, an optional sign and digits a whole number, anything else text.
pw::FieldValue ToFieldValue(const YamlNode& n) {
  const std::string& s = n.scalar();
  if (n.quoted()) return s;
  if (s == "true") return true;
  if (s == "false") return false;
  if (auto i = ParseInt64(s)) return *i;
  return s;
}

// The first problem found in a case, with the line it is on.
class Problems {
 public:
  // Records the problem (the first one wins) and returns false, so a check reads `return Fail(..)`.
  bool Fail(int line, std::string message) {
    if (!failed_) {
      failed_ = true;
      line_ = line;
      message_ = std::move(message);
    }
    return false;
  }
  // The same, for a reader that returns an optional.
  std::nullopt_t Nothing(int line, std::string message) {
    Fail(line, std::move(message));
    return std::nullopt;
  }
  bool failed() const { return failed_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  bool failed_ = false;
  int line_ = 0;
  std::string message_;
};

// Typed readers of one scalar; each records a problem naming `what` and returns nullopt.
std::optional<std::string> ReadText(Problems& pr, const YamlNode& n, std::string_view what) {
  if (!n.is_scalar() || n.scalar().empty()) {
    pr.Fail(n.line(), std::string(what) + ": must be a non-empty text");
    return std::nullopt;
  }
  return n.scalar();
}

std::optional<int64_t> ReadInt(Problems& pr, const YamlNode& n, std::string_view what) {
  std::optional<int64_t> v;
  if (n.is_scalar() && !n.quoted()) v = ParseInt64(n.scalar());
  if (!v) {
    pr.Fail(n.line(), std::string(what) + ": must be a whole number without quotes, got '" +
                          n.scalar() + "'");
  }
  return v;
}

std::optional<Money> ReadCents(Problems& pr, const YamlNode& n, std::string_view what) {
  std::optional<int64_t> v = ReadInt(pr, n, what);
  if (!v) return std::nullopt;
  if (*v < 0) {
    pr.Fail(n.line(), std::string(what) + ": must be an amount in eurocents of at least 0");
    return std::nullopt;
  }
  return Money::Cents(*v);
}

std::optional<bool> ReadBool(Problems& pr, const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && !n.quoted() && (n.scalar() == "true" || n.scalar() == "false")) {
    return n.scalar() == "true";
  }
  pr.Fail(n.line(), std::string(what) + ": must be true or false, got '" + n.scalar() + "'");
  return std::nullopt;
}

std::optional<Month> ReadMonth(Problems& pr, const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) {
    if (auto m = Month::Parse(n.scalar()); m.ok()) return *m;
  }
  pr.Fail(n.line(), std::string(what) + ": must be a month YYYY-MM, got '" + n.scalar() + "'");
  return std::nullopt;
}

std::optional<Date> ReadDate(Problems& pr, const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) {
    if (auto d = Date::Parse(n.scalar()); d.ok()) return *d;
  }
  pr.Fail(n.line(), std::string(what) + ": must be a date YYYY-MM-DD, got '" + n.scalar() + "'");
  return std::nullopt;
}

// An expected figure, in the text form results are compared and reported in.
struct Expected {
  std::string key;
  int line = 0;
  std::string want;
};

std::optional<std::string> ReadExpected(Problems& pr, const YamlNode& n, const ExpectKey& key) {
  const std::string what = "expect." + std::string(key.name);
  switch (key.kind) {
    case ValueKind::kCents:
      if (auto v = ReadCents(pr, n, what)) return std::to_string(v->cents());
      return std::nullopt;
    case ValueKind::kCount:
      if (auto v = ReadInt(pr, n, what)) return std::to_string(*v);
      return std::nullopt;
    case ValueKind::kBool:
      if (auto v = ReadBool(pr, n, what)) return std::string(*v ? "true" : "false");
      return std::nullopt;
    case ValueKind::kDate:
      if (auto v = ReadDate(pr, n, what)) return v->ToString();
      return std::nullopt;
  }
  return std::nullopt;
}

// "members[1].birth_date" from the household module is "household[1].birth_date" in a case.
std::string CaseField(const std::string& field) {
  constexpr std::string_view kMembers = "members";
  if (field.starts_with(kMembers)) return "household" + field.substr(kMembers.size());
  return field;
}

bvv::Huishouden HuishoudenOf(pw::Leefvorm l) {
  switch (l) {
    case pw::Leefvorm::kAlleenstaande:
      return bvv::Huishouden::kAlleenstaande;
    case pw::Leefvorm::kAlleenstaandeOuder:
      return bvv::Huishouden::kAlleenstaandeOuder;
    case pw::Leefvorm::kGehuwden:
      return bvv::Huishouden::kGehuwdenZonderKinderen;
    case pw::Leefvorm::kGehuwdenMetKinderen:
      return bvv::Huishouden::kGehuwdenMetKinderen;
  }
  return bvv::Huishouden::kAlleenstaande;
}

// A household case as read, ready for the engine.
struct HouseholdCase {
  pw::CaseInput input;
  std::string gemeente;
  pw::Options options;
};

class Runner {
 public:
  explicit Runner(const rules::ParameterSet& set) : set_(set) {}

  std::vector<CaseResult> RunFile(std::string_view text, std::string_view file);

 private:
  CaseResult RunCase(const YamlNode& node, std::string_view file, std::set<std::string>& names);
  // Reads the case and computes its figures into `got`; false (with a problem) when it cannot.
  bool Compute(Problems& pr, const YamlNode& c, const KindInfo& kind,
               std::vector<std::pair<std::string, std::string>>& got);
  std::optional<HouseholdCase> ReadHousehold(Problems& pr, const YamlNode& c, Month month);
  std::optional<pw::Decision> RunHousehold(Problems& pr, const YamlNode& c, Month month);
  const bvv::Params* BvvParams(Problems& pr, int line, Month month);

  const rules::ParameterSet& set_;
  std::map<std::pair<Month, std::string>, pw::Params> pw_params_;
  std::map<Month, bvv::Params> bvv_params_;
};

std::optional<HouseholdCase> Runner::ReadHousehold(Problems& pr, const YamlNode& c, Month month) {
  pw::HouseholdSpec spec;
  spec.month = month;
  if (const YamlNode* g = c.Find("gemeente")) {
    if (!g->is_scalar())
      return pr.Nothing(g->line(), "gemeente: must be a four-digit CBS code in quotes");
    if (Status s = pw::SetHouseholdField(spec, "gemeente", ToFieldValue(*g)); !s.ok()) {
      return pr.Nothing(g->line(), "gemeente: " + s.message());
    }
  }
  HouseholdCase out;
  if (const YamlNode* r = c.Find("regime")) {
    if (r->is_scalar() && r->scalar() == "art31") {
      out.options.regime = pw::Regime::kArt31;
    } else if (r->is_scalar() && r->scalar() == "in_balans") {
      out.options.regime = pw::Regime::kInBalans;
    } else {
      return pr.Nothing(r->line(), "regime: must be art31 or in_balans, got '" + r->scalar() + "'");
    }
  }
  if (const YamlNode* hf = c.Find("household_fields")) {
    if (!hf->is_map())
      return pr.Nothing(hf->line(), "household_fields: must be a map of field: value");
    for (size_t i = 0; i < hf->entries().size(); ++i) {
      const auto& [key, value] = hf->entries()[i];
      const int line = hf->key_line(i);
      if (key == "month" || key == "gemeente") {
        return pr.Nothing(line,
                          "household_fields." + key + ": give " + key + " on the case itself");
      }
      if (!value.is_scalar())
        return pr.Nothing(line, "household_fields." + key + ": must have a value");
      if (Status s = pw::SetHouseholdField(spec, key, ToFieldValue(value)); !s.ok()) {
        return pr.Nothing(line, "household_fields." + key + ": " + s.message());
      }
    }
  }
  const YamlNode* hh = c.Find("household");
  if (hh == nullptr) return pr.Nothing(c.line(), "household: missing (a list of members)");
  if (!hh->is_sequence() || hh->items().empty()) {
    return pr.Nothing(hh->line(), "household: must be a non-empty list of members");
  }
  for (size_t i = 0; i < hh->items().size(); ++i) {
    const YamlNode& m = hh->items()[i];
    const std::string where = "household[" + std::to_string(i) + "]";
    if (!m.is_map()) return pr.Nothing(m.line(), where + ": must be a map of member fields");
    pw::MemberSpec member;
    for (size_t k = 0; k < m.entries().size(); ++k) {
      const auto& [key, value] = m.entries()[k];
      const int line = m.key_line(k);
      if (!value.is_scalar()) return pr.Nothing(line, where + "." + key + ": must have a value");
      if (Status s = pw::SetMemberField(member, key, ToFieldValue(value)); !s.ok()) {
        return pr.Nothing(line, where + "." + key + ": " + s.message());
      }
    }
    spec.members.push_back(std::move(member));
  }
  auto in = pw::BuildCaseInput(spec);
  if (!in.ok()) {
    return pr.Nothing(hh->line(), CaseField(in.error().field()) + ": " + in.error().message());
  }
  out.input = *in;
  out.gemeente = spec.gemeente;
  return out;
}

std::optional<pw::Decision> Runner::RunHousehold(Problems& pr, const YamlNode& c, Month month) {
  std::optional<HouseholdCase> hc = ReadHousehold(pr, c, month);
  if (!hc) return std::nullopt;
  auto key = std::make_pair(month, hc->gemeente);
  auto it = pw_params_.find(key);
  if (it == pw_params_.end()) {
    auto p = pw::Snapshot(set_, month, hc->gemeente);
    if (!p.ok()) return pr.Nothing(c.line(), "rules snapshot: " + p.error().ToString());
    it = pw_params_.emplace(key, std::move(*p)).first;
  }
  auto d = pw::Calculate(it->second, hc->input, nullptr, hc->options);
  if (!d.ok()) return pr.Nothing(c.line(), "engine: " + d.error().ToString());
  return *d;
}

const bvv::Params* Runner::BvvParams(Problems& pr, int line, Month month) {
  auto it = bvv_params_.find(month);
  if (it == bvv_params_.end()) {
    auto p = bvv::Snapshot(set_, month);
    if (!p.ok()) {
      pr.Fail(line, "rules snapshot: " + p.error().ToString());
      return nullptr;
    }
    it = bvv_params_.emplace(month, std::move(*p)).first;
  }
  return &it->second;
}

bool Runner::Compute(Problems& pr, const YamlNode& c, const KindInfo& kind,
                     std::vector<std::pair<std::string, std::string>>& got) {
  auto cents = [&](std::string_view key, Money m) {
    got.emplace_back(std::string(key), std::to_string(m.cents()));
  };

  std::optional<Month> month;
  if (const YamlNode* m = c.Find("month")) {
    month = ReadMonth(pr, *m, "month");
    if (!month) return false;
  } else if (kind.kind != Kind::kZoektermijn) {
    return pr.Fail(c.line(), "month: missing (YYYY-MM)");
  }

  switch (kind.kind) {
    case Kind::kHousehold: {
      std::optional<pw::Decision> d = RunHousehold(pr, c, *month);
      if (!d) return false;
      cents("norm", d->norm);
      cents("bijstand", d->bijstand);
      cents("vrijlating", d->vrijlating);
      cents("counted_income", d->counted_income);
      cents("vakantietoeslag", d->vakantietoeslag);
      cents("bijstand_excl_vt", d->bijstand_excl_vt);
      got.emplace_back("kostendelers", std::to_string(d->kostendelers));
      got.emplace_back("eligible", d->vermogen_boven_grens ? "false" : "true");
      return true;
    }
    case Kind::kBvv: {
      const YamlNode* norm = c.Find("norm");
      const bool with_household = c.Find("household") != nullptr;
      if ((norm != nullptr) == with_household) {
        return pr.Fail(
            c.line(), "give either norm (the bijstandsnorm in eurocents) or a household, not both");
      }
      if (norm != nullptr) {
        for (std::string_view k : {"gemeente", "regime", "household_fields"}) {
          if (const YamlNode* n = c.Find(k))
            return pr.Fail(n->line(), std::string(k) + ": only with a household");
        }
      }
      bvv::Input in;
      in.op_bijstand = true;  // Rv art. 475dc lid 2: the garnished income is bijstand
      std::optional<Money> art32;
      std::optional<Money> maandinkomen;
      if (const YamlNode* n = c.Find("inkomen_art32")) {
        if (!(art32 = ReadCents(pr, *n, "inkomen_art32"))) return false;
      }
      if (const YamlNode* n = c.Find("maandinkomen")) {
        if (!(maandinkomen = ReadCents(pr, *n, "maandinkomen"))) return false;
      }
      if (norm != nullptr) {
        std::optional<Money> b = ReadCents(pr, *norm, "norm");
        if (!b) return false;
        in.bijstandsnorm = *b;
        in.inkomen_art32 = art32.value_or(Money::Zero());
        // Without other figures the debtor receives the norm less the income: that is garnished.
        in.maandinkomen = maandinkomen.value_or(Max(Money::Zero(), *b - in.inkomen_art32));
      } else {
        std::optional<pw::Decision> d = RunHousehold(pr, c, *month);
        if (!d) return false;
        in.huishouden = HuishoudenOf(d->leefvorm);
        in.bijstandsnorm = d->norm;
        in.inkomen_art32 = art32.value_or(d->counted_income);
        in.maandinkomen = maandinkomen.value_or(d->bijstand);
      }
      const bvv::Params* p = BvvParams(pr, c.line(), *month);
      if (p == nullptr) return false;
      auto out = bvv::Calculate(*p, in, nullptr);
      if (!out.ok()) return pr.Fail(c.line(), "engine: " + out.error().ToString());
      cents("bvv", out->beslagvrije_voet);
      cents("garnishable", out->maximaal_beslag);
      return true;
    }
    case Kind::kBvvMaximum: {
      const YamlNode* h = c.Find("huishouden");
      if (h == nullptr)
        return pr.Fail(c.line(),
                       "huishouden: missing (" + JoinNames<HuishoudenName>(kHuishoudens) + ")");
      auto it = std::find_if(
          kHuishoudens.begin(), kHuishoudens.end(),
          [&](const HuishoudenName& n) { return h->is_scalar() && n.name == h->scalar(); });
      if (it == kHuishoudens.end()) {
        return pr.Fail(h->line(), "huishouden: must be one of " +
                                      JoinNames<HuishoudenName>(kHuishoudens) + ", got '" +
                                      h->scalar() + "'");
      }
      const bvv::Params* p = BvvParams(pr, c.line(), *month);
      if (p == nullptr) return false;
      auto max = bvv::Maximum(*p, it->huishouden);
      if (!max.ok()) return pr.Fail(c.line(), "engine: " + max.error().ToString());
      cents("maximum", *max);
      return true;
    }
    case Kind::kZoektermijn: {
      const YamlNode* m = c.Find("melding");
      if (m == nullptr)
        return pr.Fail(c.line(), "melding: missing (the date of the melding, YYYY-MM-DD)");
      std::optional<Date> melding = ReadDate(pr, *m, "melding");
      if (!melding) return false;
      if (month && !(melding->month() == *month)) {
        return pr.Fail(c.Find("month")->line(),
                       "month: must be the month of the melding, " + melding->month().ToString());
      }
      // Ages are completed years on the day of the melding.
      std::vector<Date> births;
      for (std::string_view k : {"applicant_age", "partner_age"}) {
        const YamlNode* a = c.Find(k);
        if (a == nullptr) {
          if (k == "applicant_age") return pr.Fail(c.line(), "applicant_age: missing");
          continue;
        }
        std::optional<int64_t> age = ReadInt(pr, *a, k);
        if (!age) return false;
        if (*age < 0 || *age > kMaxAge)
          return pr.Fail(a->line(), std::string(k) + ": must be an age from 0 to 130");
        births.push_back(melding->AddYears(-static_cast<int>(*age)));
      }
      bool exception = false;
      if (const YamlNode* e = c.Find("exception")) {
        std::optional<bool> b = ReadBool(pr, *e, "exception");
        if (!b) return false;
        exception = *b;
      }
      auto earliest = pw::EarliestApplicationDate(set_, *melding, births, exception, nullptr);
      if (!earliest.ok()) return pr.Fail(c.line(), "engine: " + earliest.error().ToString());
      got.emplace_back("earliest_application", earliest->ToString());
      return true;
    }
  }
  return pr.Fail(c.line(), "unknown kind");
}

CaseResult Runner::RunCase(const YamlNode& c, std::string_view file, std::set<std::string>& names) {
  CaseResult r;
  r.file = std::string(file);
  r.line = c.line();
  Problems pr;
  auto finish = [&]() {
    if (pr.failed()) {
      r.passed = false;
      r.error = r.file + ":" + std::to_string(pr.line()) + ": " + pr.message();
    } else {
      r.passed = r.mismatches.empty();
    }
    return r;
  };

  if (!c.is_map()) {
    pr.Fail(c.line(), "a case must be a map with name, source, kind, its input and expect");
    return finish();
  }
  // Name and source first, so that even a case that fails later is reported by name.
  if (const YamlNode* n = c.Find("name"); n != nullptr && n->is_scalar()) r.name = n->scalar();
  if (const YamlNode* s = c.Find("source"); s != nullptr && s->is_scalar()) r.source = s->scalar();
  for (std::string_view k : {"name", "source", "kind", "expect"}) {
    if (c.Find(k) == nullptr) {
      pr.Fail(c.line(), std::string(k) + ": missing");
      return finish();
    }
  }
  if (!ReadText(pr, *c.Find("name"), "name") || !ReadText(pr, *c.Find("source"), "source"))
    return finish();
  if (!names.insert(r.name).second) {
    pr.Fail(c.Find("name")->line(), "name: another case in this file is called '" + r.name + "'");
    return finish();
  }
  const YamlNode& kind_node = *c.Find("kind");
  auto kind = std::find_if(kKinds.begin(), kKinds.end(), [&](const KindInfo& k) {
    return kind_node.is_scalar() && k.name == kind_node.scalar();
  });
  if (kind == kKinds.end()) {
    pr.Fail(kind_node.line(), "kind: must be one of " + JoinNames<KindInfo>(kKinds) + ", got '" +
                                  kind_node.scalar() + "'");
    return finish();
  }
  for (size_t i = 0; i < c.entries().size(); ++i) {
    const std::string& key = c.entries()[i].first;
    bool known = std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end() ||
                 std::find(kind->keys.begin(), kind->keys.end(), key) != kind->keys.end();
    if (!known) {
      pr.Fail(c.key_line(i), "unknown key '" + key + "' for kind " + std::string(kind->name) +
                                 " (allowed: " + JoinNames<std::string_view>(kCommonKeys) + ", " +
                                 JoinNames(kind->keys) + ")");
      return finish();
    }
  }
  if (const YamlNode* note = c.Find("note"); note != nullptr && !ReadText(pr, *note, "note"))
    return finish();

  // What the case expects, checked before anything runs.
  const YamlNode& expect = *c.Find("expect");
  if (!expect.is_map() || expect.entries().empty()) {
    pr.Fail(expect.line(), "expect: must be a map with at least one of " + JoinNames(kind->expect));
    return finish();
  }
  std::vector<Expected> expected;
  for (size_t i = 0; i < expect.entries().size(); ++i) {
    const auto& [key, value] = expect.entries()[i];
    auto ek = std::find_if(kind->expect.begin(), kind->expect.end(),
                           [&](const ExpectKey& e) { return e.name == key; });
    if (ek == kind->expect.end()) {
      pr.Fail(expect.key_line(i),
              "expect." + key + ": a case of kind " + std::string(kind->name) +
                  " cannot produce it (it produces: " + JoinNames(kind->expect) + ")");
      return finish();
    }
    std::optional<std::string> want = ReadExpected(pr, value, *ek);
    if (!want) return finish();
    expected.push_back(Expected{key, expect.key_line(i), *want});
  }

  std::vector<std::pair<std::string, std::string>> got;
  if (!Compute(pr, c, *kind, got)) return finish();
  for (const Expected& e : expected) {
    auto g =
        std::find_if(got.begin(), got.end(), [&](const auto& kv) { return kv.first == e.key; });
    if (g == got.end()) {
      r.mismatches.push_back(e.key + ": expected " + e.want +
                             ", but the engine did not produce it");
    } else if (g->second != e.want) {
      r.mismatches.push_back(e.key + ": expected " + e.want + ", got " + g->second);
    }
  }
  return finish();
}

CaseResult FileProblem(std::string_view file, int line, std::string message) {
  CaseResult r;
  r.file = std::string(file);
  r.line = line;
  r.error = r.file + ":" + std::to_string(line) + ": " + std::move(message);
  return r;
}

std::vector<CaseResult> Runner::RunFile(std::string_view text, std::string_view file) {
  auto doc = rules::ParseYaml(text, file);
  if (!doc.ok()) {
    // ParseYaml names the place as "file:line" in the field.
    const std::string& where = doc.error().field();
    int line = 0;
    if (size_t colon = where.rfind(':'); colon != std::string::npos) {
      line = static_cast<int>(ParseInt64(std::string_view(where).substr(colon + 1)).value_or(0));
    }
    return {FileProblem(file, line, doc.error().message())};
  }
  const YamlNode& root = *doc;
  if (!root.is_map())
    return {FileProblem(file, root.line(), "a golden file is a map with one key, cases")};
  for (size_t i = 0; i < root.entries().size(); ++i) {
    if (root.entries()[i].first != "cases") {
      return {FileProblem(
          file, root.key_line(i),
          "unknown key '" + root.entries()[i].first + "': a golden file has only cases")};
    }
  }
  const YamlNode* cases = root.Find("cases");
  if (cases == nullptr) return {FileProblem(file, root.line(), "cases: missing")};
  if (!cases->is_sequence() || cases->items().empty()) {
    return {FileProblem(file, cases->line(), "cases: must be a non-empty list of cases")};
  }
  std::vector<CaseResult> out;
  std::set<std::string> names;
  for (const YamlNode& c : cases->items()) out.push_back(RunCase(c, file, names));
  return out;
}

}  // namespace

std::string CaseResult::ToString() const {
  std::string out =
      file + ":" + std::to_string(line) + ": " + (name.empty() ? "(file)" : name) + ": ";
  if (passed) return out + "ok";
  out += "FAILED";
  if (!error.empty()) out += ": " + error;
  for (const std::string& m : mismatches) out += "; " + m;
  return out;
}

std::vector<CaseResult> RunGoldenFile(const rules::ParameterSet& set, std::string_view yaml,
                                      std::string_view file) {
  Runner runner(set);
  return runner.RunFile(yaml, file);
}

Result<std::vector<CaseResult>> RunGoldenCases(const rules::ParameterSet& set,
                                               const fs::path& rules_root) {
  std::error_code ec;
  if (!fs::is_directory(rules_root, ec)) {
    return Status(ErrorCode::kNotFound, "no rules directory at " + rules_root.string(),
                  "rules_root");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(rules_root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (p.extension() == ".yaml" && p.parent_path().filename() == "tests" &&
        it->is_regular_file(type_ec)) {
      files.push_back(p);
    }
  }
  if (ec)
    return Status(ErrorCode::kIo, "cannot list " + rules_root.string() + ": " + ec.message(),
                  "rules_root");
  std::sort(files.begin(), files.end());

  Runner runner(set);
  std::vector<CaseResult> results;
  for (const fs::path& p : files) {
    const std::string rel = p.lexically_relative(rules_root).generic_string();
    std::error_code size_ec;
    const std::uintmax_t size = fs::file_size(p, size_ec);
    if (size_ec || size > kMaxFileBytes) {
      results.push_back(FileProblem(
          rel, 0, size_ec ? "cannot read: " + size_ec.message() : "file larger than 4 MiB"));
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || !in.is_open()) {
      results.push_back(FileProblem(rel, 0, "cannot read the file"));
      continue;
    }
    std::vector<CaseResult> r = runner.RunFile(text, rel);
    results.insert(results.end(), std::make_move_iterator(r.begin()),
                   std::make_move_iterator(r.end()));
  }
  return results;
}

}  // namespace nabij::golden
