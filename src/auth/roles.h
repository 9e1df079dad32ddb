// The roles of nabij's users: what a person does at the sociale dienst decides what they may see.
//
// Each role has a stable id (lower-case ASCII, stored in the database and used in the API and the
// CLI; never renamed) and a Dutch display name for the UI. A user has exactly one role.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace nabij::auth {

enum class Role {
  kKlantmanagerInkomen,      // takes in applications, decides and explains the benefit
  kKlantmanagerWerk,         // participatieladder, plan van aanpak
  kSchuldhulpverlener,       // the debt fund
  kHandhaving,               // signals and the prioritised work list
  kFinancieleAdministratie,  // the monthly payment run
  kBeleid,                   // indicators and the policy lab, no individual files
  kBeheerder,                // user accounts, no individual files
  kAuditor,                  // the audit trail and the access log, read only
};

inline constexpr std::array kAllRoles = {
    Role::kKlantmanagerInkomen, Role::kKlantmanagerWerk, Role::kSchuldhulpverlener, Role::kHandhaving,
    Role::kFinancieleAdministratie, Role::kBeleid, Role::kBeheerder, Role::kAuditor,
};

// "klantmanager_inkomen", "klantmanager_werk", "schuldhulpverlener", "handhaving",
// "financiele_administratie", "beleid", "beheerder", "auditor".
std::string_view RoleId(Role role);
// "klantmanager inkomen", ..., "financiële administratie", ... (UTF-8).
std::string_view RoleDisplayName(Role role);
// The role with this id, or nullopt.
std::optional<Role> ParseRole(std::string_view id);

}  // namespace nabij::auth
