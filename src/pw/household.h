// The engine's input for one household in one month, and the documented household format.
//
// CaseInput is compact and holds no strings, so that the batch path can fill millions of them
// cheaply; HouseholdSpec is the format people write (docs/household-format.md): a list of members
// with named fields, as read from JSON (api) or YAML (golden cases). Both adapters call the same
// field setters here, so the format has one definition. BuildCaseInput validates the spec and
// turns it into a CaseInput; every error names its field ("members[1].birth_date").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

namespace nabij::pw {

// Kinship to the applicant in the sense of Pw art. 19a lid 1 onder b (blood or affinity).
enum class Relation : uint8_t { kNone, kFirstDegree, kSecondDegree };

// Education that keeps a housemate from counting as kostendeler, Pw art. 19a lid 1 onder d.
enum class Education : uint8_t { kNone, kWsf, kWtos, kBbl, kAbroad };

struct Housemate {
  Date birth;
  Relation relation = Relation::kNone;
  Education education = Education::kNone;
  bool commercial_contract = false;     // Pw art. 19a lid 1 onder b: written, commercial price
  bool third_party_contract = false;    // Pw art. 19a lid 1 onder c: tenant of the same third party
};

// Where a person stands in each time-limited vrijlating this month: 1 is the first month of the
// period, 0 means the person is not (or no longer) in it.
struct Periods {
  uint8_t n_month = 0;    // Pw art. 31 lid 2 onder n: month 1..6
  uint8_t r_month = 0;    // onder r: month 1..30
  uint8_t z_month = 0;    // onder z: month 1..12
  uint8_t pib_month = 0;  // Pw art. 34a lid 1 onder a (Participatiewet in balans): month 1..12
  bool aa = false;        // onder aa: the college judged that more hours are not possible
  bool pib_extended = false;  // Pw art. 34a lid 2: the college extended the period
};

// The applicant or the spouse.
struct Adult {
  Date birth;
  bool entitled = true;              // has a right to bijstand; false: Pw art. 24 applies
  bool medisch_urenbeperkt = false;  // Pw art. 31 lid 2 onder y, art. 34a lid 1 onder b
  bool doelgroep_lks = false;        // loonkostensubsidie (Pw art. 10d): onder z and aa
  Money work_income;                 // net income from work this month (Pw art. 31 lid 3)
  Money other_income;                // other net income, counted in full (Pw art. 31, 32)
  Money premie;                      // premium onder j received this month
  Money premie_earlier;              // premiums onder j disregarded earlier this calendar year
  Money giften;                      // gifts received this month (onder m)
  Money giften_earlier;              // gifts disregarded earlier this calendar year
  Periods periods;
};

inline constexpr int kMaxHousemates = 12;

struct CaseInput {
  Month month;
  Adult applicant;
  bool has_partner = false;
  Adult partner;
  uint8_t children = 0;              // dependent children under 18 in the household
  Date youngest_child_birth;         // valid when children > 0
  bool in_inrichting = false;        // Pw art. 23: living in an institution
  bool inrichting_verhoging = false;  // Pw art. 23 lid 2: the raise applies
  bool parents_cannot_support = false;  // Pw art. 20 lid 3 (from 2026)
  bool mantelzorg_elsewhere = false;    // Pw art. 22a lid 4 (from 2026)
  Money vermogen;                    // assets minus debts, without the exempt items (Pw art. 34)
  Money eigen_woning_vermogen;       // equity in the owner-occupied home (Pw art. 34 lid 2 onder d)
  uint8_t housemate_count = 0;
  std::array<Housemate, kMaxHousemates> housemates{};
};

// A scalar as the adapters hand it over: a whole number, a truth value or text.
using FieldValue = std::variant<int64_t, bool, std::string>;

enum class Role : uint8_t { kApplicant, kPartner, kChild, kHousemate };

struct MemberSpec {
  Role role = Role::kHousemate;
  std::optional<Date> birth_date;
  std::optional<int64_t> age;  // completed years on the month's first day, instead of birth_date
  Adult adult;                 // income and periods (applicant and partner only)
  Housemate housemate;         // relation and education (housemates only)
  std::vector<std::string> fields_set;  // which fields were given, to refuse misplaced ones
};

struct HouseholdSpec {
  std::optional<Month> month;
  std::string gemeente;  // four-digit CBS code, empty: no municipal choices
  std::vector<MemberSpec> members;
  CaseInput household_fields;  // the household-level fields (vermogen, inrichting, ...)
};

// Sets one household-level field ("month", "gemeente", "vermogen", ...). Returns
// kInvalidArgument naming the field for an unknown key or a value of the wrong kind.
Status SetHouseholdField(HouseholdSpec& spec, std::string_view key, const FieldValue& value);
// Sets one field of a member ("role", "birth_date", "net_work_income", ...).
Status SetMemberField(MemberSpec& member, std::string_view key, const FieldValue& value);
// Validates the spec (one applicant, at most one partner, members that fit their role, ages from
// 0 to 130, at most kMaxHousemates housemates) and builds the engine input.
Result<CaseInput> BuildCaseInput(const HouseholdSpec& spec);

// The field names, for documentation and error messages.
std::vector<std::string_view> HouseholdFieldNames();
std::vector<std::string_view> MemberFieldNames();

}  // namespace nabij::pw
