// Principal: the signed-in user a request acts for, as the session check found it.
#pragma once

#include <cstdint>
#include <string>

#include "auth/roles.h"

namespace nabij::auth {

struct Principal {
  int64_t user_id = 0;
  std::string name;  // login name; this, not a person's name, goes into logs
  Role role = Role::kKlantmanagerInkomen;
  bool must_change_password = false;  // signed in with a one-time password: only the password change is open
  std::string session_hash;           // Sha256Hex of the session token
};

}  // namespace nabij::auth
