#include "pw/household.h"

#include <algorithm>

namespace nabij::pw {
namespace {

constexpr int64_t kMaxAge = 130;
constexpr int kAdultAge = 18;

Status WrongKind(std::string_view key, std::string_view want) {
  return InvalidArgument("must be " + std::string(want), std::string(key));
}

Result<int64_t> AsInt(std::string_view key, const FieldValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  return WrongKind(key, "a whole number");
}

Result<bool> AsBool(std::string_view key, const FieldValue& v) {
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  return WrongKind(key, "true or false");
}

Result<std::string> AsText(std::string_view key, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return WrongKind(key, "text");
}

Result<Money> AsCents(std::string_view key, const FieldValue& v) {
  NABIJ_ASSIGN_OR_RETURN(int64_t c, AsInt(key, v));
  if (c < 0) return InvalidArgument("an amount in eurocents of at least 0", std::string(key));
  constexpr int64_t kMaxCents = 1'000'000'000'000;  // EUR 10 billion: beyond any household
  if (c > kMaxCents) return InvalidArgument("an amount in eurocents below 10 billion euro", std::string(key));
  return Money::Cents(c);
}

Result<uint8_t> AsMonthNumber(std::string_view key, const FieldValue& v) {
  NABIJ_ASSIGN_OR_RETURN(int64_t m, AsInt(key, v));
  constexpr int64_t kMax = 255;
  if (m < 0 || m > kMax) return InvalidArgument("a month number from 0 to 255 (0: not in the period)", std::string(key));
  return static_cast<uint8_t>(m);
}

struct RelationName {
  std::string_view name;
  Relation relation;
};
// Blood and affinity relatives in the first and second degree (Pw art. 19a lid 1 onder b).
constexpr std::array<RelationName, 16> kRelations{{
    {"none", Relation::kNone},
    {"other", Relation::kNone},
    {"child", Relation::kFirstDegree},
    {"parent", Relation::kFirstDegree},
    {"stepchild", Relation::kFirstDegree},
    {"stepparent", Relation::kFirstDegree},
    {"child_in_law", Relation::kFirstDegree},
    {"parent_in_law", Relation::kFirstDegree},
    {"sibling", Relation::kSecondDegree},
    {"grandparent", Relation::kSecondDegree},
    {"grandchild", Relation::kSecondDegree},
    {"sibling_in_law", Relation::kSecondDegree},
    {"grandparent_in_law", Relation::kSecondDegree},
    {"grandchild_in_law", Relation::kSecondDegree},
    {"half_sibling", Relation::kSecondDegree},
    {"step_sibling", Relation::kSecondDegree},
}};

constexpr std::array<std::string_view, 5> kHouseholdFields{
    "month", "gemeente", "vermogen", "eigen_woning_vermogen", "inrichting"};
constexpr std::array<std::string_view, 3> kHouseholdFlags{"inrichting_verhoging", "parents_cannot_support",
                                                          "mantelzorg_elsewhere"};
constexpr std::array<std::string_view, 4> kCommonMemberFields{"role", "birth_date", "age", "name"};
constexpr std::array<std::string_view, 5> kHousemateFields{"relation", "education", "commercial_contract",
                                                           "third_party_contract", "note"};
constexpr std::array<std::string_view, 15> kAdultFields{
    "entitled", "medisch_urenbeperkt", "doelgroep_loonkostensubsidie", "net_work_income", "other_income",
    "premie_j", "premie_j_earlier_this_year", "giften", "giften_earlier_this_year", "vrijlating_n_month",
    "vrijlating_r_month", "vrijlating_z_month", "vrijlating_aa", "pib_month", "pib_extended"};

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

std::vector<std::string_view> HouseholdFieldNames() {
  std::vector<std::string_view> out(kHouseholdFields.begin(), kHouseholdFields.end());
  out.insert(out.end(), kHouseholdFlags.begin(), kHouseholdFlags.end());
  out.push_back("members");
  return out;
}

std::vector<std::string_view> MemberFieldNames() {
  std::vector<std::string_view> out(kCommonMemberFields.begin(), kCommonMemberFields.end());
  out.insert(out.end(), kAdultFields.begin(), kAdultFields.end());
  out.insert(out.end(), kHousemateFields.begin(), kHousemateFields.end());
  return out;
}

Status SetHouseholdField(HouseholdSpec& spec, std::string_view key, const FieldValue& value) {
  CaseInput& h = spec.household_fields;
  std::string k(key);
  if (key == "month") {
    NABIJ_ASSIGN_OR_RETURN(std::string t, AsText(key, value));
    auto m = Month::Parse(t);
    if (!m.ok()) return InvalidArgument(m.error().message(), k);
    spec.month = *m;
  } else if (key == "gemeente") {
    NABIJ_ASSIGN_OR_RETURN(std::string t, AsText(key, value));
    if (t.size() != 4 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument("a four-digit CBS municipality code in quotes, such as \"0363\"", k);
    }
    spec.gemeente = t;
  } else if (key == "vermogen") {
    NABIJ_ASSIGN_OR_RETURN(h.vermogen, AsCents(key, value));
  } else if (key == "eigen_woning_vermogen") {
    NABIJ_ASSIGN_OR_RETURN(h.eigen_woning_vermogen, AsCents(key, value));
  } else if (key == "inrichting") {
    NABIJ_ASSIGN_OR_RETURN(h.in_inrichting, AsBool(key, value));
  } else if (key == "inrichting_verhoging") {
    NABIJ_ASSIGN_OR_RETURN(h.inrichting_verhoging, AsBool(key, value));
  } else if (key == "parents_cannot_support") {
    NABIJ_ASSIGN_OR_RETURN(h.parents_cannot_support, AsBool(key, value));
  } else if (key == "mantelzorg_elsewhere") {
    NABIJ_ASSIGN_OR_RETURN(h.mantelzorg_elsewhere, AsBool(key, value));
  } else {
    return InvalidArgument("unknown field (see docs/household-format.md)", k);
  }
  return Status::Ok();
}

Status SetMemberField(MemberSpec& m, std::string_view key, const FieldValue& value) {
  std::string k(key);
  Adult& a = m.adult;
  Housemate& h = m.housemate;
  if (key == "role") {
    NABIJ_ASSIGN_OR_RETURN(std::string r, AsText(key, value));
    if (r == "applicant" || r == "aanvrager") {
      m.role = Role::kApplicant;
    } else if (r == "partner") {
      m.role = Role::kPartner;
    } else if (r == "child" || r == "kind") {
      m.role = Role::kChild;
    } else if (r == "housemate" || r == "medebewoner") {
      m.role = Role::kHousemate;
    } else {
      return InvalidArgument("must be applicant, partner, child or housemate", k);
    }
  } else if (key == "birth_date") {
    NABIJ_ASSIGN_OR_RETURN(std::string t, AsText(key, value));
    auto d = Date::Parse(t);
    if (!d.ok()) return InvalidArgument(d.error().message(), k);
    m.birth_date = *d;
  } else if (key == "age") {
    NABIJ_ASSIGN_OR_RETURN(int64_t age, AsInt(key, value));
    if (age < 0 || age > kMaxAge) return InvalidArgument("an age from 0 to 130", k);
    m.age = age;
  } else if (key == "name" || key == "note") {
    // Free text for the reader; the engine never uses or logs it.
    NABIJ_ASSIGN_OR_RETURN(std::string ignored, AsText(key, value));
    (void)ignored;
  } else if (key == "relation") {
    NABIJ_ASSIGN_OR_RETURN(std::string r, AsText(key, value));
    auto it = std::find_if(kRelations.begin(), kRelations.end(), [&](const RelationName& n) { return n.name == r; });
    if (it == kRelations.end()) {
      return InvalidArgument("unknown relation '" + r + "' (child, parent, sibling, grandparent, grandchild, "
                             "*_in_law, stepchild, stepparent, other)", k);
    }
    h.relation = it->relation;
  } else if (key == "education") {
    NABIJ_ASSIGN_OR_RETURN(std::string e, AsText(key, value));
    if (e == "none") {
      h.education = Education::kNone;
    } else if (e == "wsf") {
      h.education = Education::kWsf;
    } else if (e == "wtos") {
      h.education = Education::kWtos;
    } else if (e == "bbl") {
      h.education = Education::kBbl;
    } else if (e == "abroad") {
      h.education = Education::kAbroad;
    } else {
      return InvalidArgument("must be none, wsf, wtos, bbl or abroad", k);
    }
  } else if (key == "commercial_contract") {
    NABIJ_ASSIGN_OR_RETURN(h.commercial_contract, AsBool(key, value));
  } else if (key == "third_party_contract") {
    NABIJ_ASSIGN_OR_RETURN(h.third_party_contract, AsBool(key, value));
  } else if (key == "entitled") {
    NABIJ_ASSIGN_OR_RETURN(a.entitled, AsBool(key, value));
  } else if (key == "medisch_urenbeperkt") {
    NABIJ_ASSIGN_OR_RETURN(a.medisch_urenbeperkt, AsBool(key, value));
  } else if (key == "doelgroep_loonkostensubsidie") {
    NABIJ_ASSIGN_OR_RETURN(a.doelgroep_lks, AsBool(key, value));
  } else if (key == "net_work_income") {
    NABIJ_ASSIGN_OR_RETURN(a.work_income, AsCents(key, value));
  } else if (key == "other_income") {
    NABIJ_ASSIGN_OR_RETURN(a.other_income, AsCents(key, value));
  } else if (key == "premie_j") {
    NABIJ_ASSIGN_OR_RETURN(a.premie, AsCents(key, value));
  } else if (key == "premie_j_earlier_this_year") {
    NABIJ_ASSIGN_OR_RETURN(a.premie_earlier, AsCents(key, value));
  } else if (key == "giften") {
    NABIJ_ASSIGN_OR_RETURN(a.giften, AsCents(key, value));
  } else if (key == "giften_earlier_this_year") {
    NABIJ_ASSIGN_OR_RETURN(a.giften_earlier, AsCents(key, value));
  } else if (key == "vrijlating_n_month") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.n_month, AsMonthNumber(key, value));
  } else if (key == "vrijlating_r_month") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.r_month, AsMonthNumber(key, value));
  } else if (key == "vrijlating_z_month") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.z_month, AsMonthNumber(key, value));
  } else if (key == "vrijlating_aa") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.aa, AsBool(key, value));
  } else if (key == "pib_month") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.pib_month, AsMonthNumber(key, value));
  } else if (key == "pib_extended") {
    NABIJ_ASSIGN_OR_RETURN(a.periods.pib_extended, AsBool(key, value));
  } else {
    return InvalidArgument("unknown field (see docs/household-format.md)", k);
  }
  m.fields_set.push_back(k);
  return Status::Ok();
}

Result<CaseInput> BuildCaseInput(const HouseholdSpec& spec) {
  if (!spec.month) return InvalidArgument("the month to calculate (YYYY-MM) is missing", "month");
  CaseInput in = spec.household_fields;
  in.month = *spec.month;
  in.has_partner = false;
  in.children = 0;
  in.housemate_count = 0;
  const Date first = in.month.first_day();
  bool has_applicant = false;
  for (size_t i = 0; i < spec.members.size(); ++i) {
    const MemberSpec& m = spec.members[i];
    std::string where = "members[" + std::to_string(i) + "]";
    if (m.birth_date.has_value() == m.age.has_value()) {
      return InvalidArgument("give either birth_date or age, not both and not neither", where + ".birth_date");
    }
    Date birth = m.birth_date ? *m.birth_date : first.AddYears(-static_cast<int>(*m.age));
    if (birth > in.month.last_day()) {
      return InvalidArgument("born after the month that is calculated", where + ".birth_date");
    }
    bool adult_role = m.role == Role::kApplicant || m.role == Role::kPartner;
    for (const std::string& f : m.fields_set) {
      if (!adult_role && In(kAdultFields, f)) {
        return InvalidArgument("only the applicant and the partner have this field", where + "." + f);
      }
      if (m.role != Role::kHousemate && In(kHousemateFields, f) && f != "note") {
        return InvalidArgument("only a housemate has this field", where + "." + f);
      }
    }
    switch (m.role) {
      case Role::kApplicant:
        if (has_applicant) return InvalidArgument("there is more than one applicant", where + ".role");
        has_applicant = true;
        in.applicant = m.adult;
        in.applicant.birth = birth;
        break;
      case Role::kPartner:
        if (in.has_partner) return InvalidArgument("there is more than one partner", where + ".role");
        in.has_partner = true;
        in.partner = m.adult;
        in.partner.birth = birth;
        break;
      case Role::kChild:
        if (AgeInYears(birth, first) >= kAdultAge) {
          return InvalidArgument("a child of 18 or older is a housemate (role housemate, relation child)",
                                 where + ".role");
        }
        if (in.children == UINT8_MAX) return InvalidArgument("too many children", where);
        if (in.children == 0 || birth > in.youngest_child_birth) in.youngest_child_birth = birth;
        ++in.children;
        break;
      case Role::kHousemate:
        if (in.housemate_count >= kMaxHousemates) {
          return InvalidArgument("at most " + std::to_string(kMaxHousemates) + " housemates", where);
        }
        in.housemates[in.housemate_count] = m.housemate;
        in.housemates[in.housemate_count].birth = birth;
        ++in.housemate_count;
        break;
    }
  }
  if (!has_applicant) return InvalidArgument("one member must have role applicant", "members");
  if (!in.applicant.entitled) {
    return InvalidArgument("the applicant is the one who has a right to bijstand; set entitled on the partner",
                           "members");
  }
  return in;
}

}  // namespace nabij::pw
