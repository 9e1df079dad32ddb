// AccessLog: the record of every read of a person's data (who, when, which case, which route or
// screen), kept append-only for the auditor (AVG/GDPR art. 5 lid 2 accountability; BIO logging
// of access to personal data).
//
// nabijd records one entry per case shown, after a route marked `personal_data` in the permission
// table answered successfully: a client file opened is one entry; a search result list is one
// entry per case listed. The entry names the user by login name and the case by id: no name, BSN
// or other personal data is written, so the log itself can be searched by the auditor without
// opening files. Thread-safe when its AuthStore is.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "auth/auth_store.h"
#include "auth/principal.h"
#include "base/clock.h"
#include "base/status.h"

namespace nabij::auth {

class AccessLog {
 public:
  AccessLog(AuthStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends a read by `who` of case `case_id` through `route` (a route id) and, when the client
  // named it, `screen`. kInvalidArgument for case_id <= 0, an empty route, or a screen name that
  // is not a short lower-case word (at most 64 of a-z, 0-9, '-', '_', '.'): pass "" then.
  Status Record(const Principal& who, int64_t case_id, std::string_view route, std::string_view screen = {});

  // Searches by user, case and period, newest first. Only an auditor may search:
  // kPermissionDenied for every other role (besides the route check, so a CLI or a future route
  // cannot open the log by mistake). kInvalidArgument for a limit outside 1..10000.
  Result<std::vector<AccessRecord>> Search(const Principal& who, const AccessQuery& query);

 private:
  AuthStore& store_;
  const Clock& clock_;
};

}  // namespace nabij::auth
