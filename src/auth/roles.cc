#include "auth/roles.h"

namespace nabij::auth {

std::string_view RoleId(Role role) {
  switch (role) {
    case Role::kKlantmanagerInkomen: return "klantmanager_inkomen";
    case Role::kKlantmanagerWerk: return "klantmanager_werk";
    case Role::kSchuldhulpverlener: return "schuldhulpverlener";
    case Role::kHandhaving: return "handhaving";
    case Role::kFinancieleAdministratie: return "financiele_administratie";
    case Role::kBeleid: return "beleid";
    case Role::kBeheerder: return "beheerder";
    case Role::kAuditor: return "auditor";
  }
  return "";
}

std::string_view RoleDisplayName(Role role) {
  switch (role) {
    case Role::kKlantmanagerInkomen: return "klantmanager inkomen";
    case Role::kKlantmanagerWerk: return "klantmanager werk";
    case Role::kSchuldhulpverlener: return "schuldhulpverlener";
    case Role::kHandhaving: return "handhaving";
    case Role::kFinancieleAdministratie: return "financiële administratie";
    case Role::kBeleid: return "beleid";
    case Role::kBeheerder: return "beheerder";
    case Role::kAuditor: return "auditor";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view id) {
  for (Role r : kAllRoles) {
    if (RoleId(r) == id) return r;
  }
  return std::nullopt;
}

}  // namespace nabij::auth
