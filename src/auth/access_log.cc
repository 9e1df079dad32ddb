#include "auth/access_log.h"

#include <string>

namespace nabij::auth {
namespace {

constexpr int kMaxSearchLimit = 10'000;
constexpr size_t kMaxScreenLength = 64;

// The screen name comes from the client (a header): a short lower-case word, nothing else.
bool ValidScreen(std::string_view screen) {
  if (screen.size() > kMaxScreenLength) return false;
  for (char c : screen) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

}  // namespace

Status AccessLog::Record(const Principal& who, int64_t case_id, std::string_view route, std::string_view screen) {
  if (case_id <= 0) return InvalidArgument("an access record names one case (id > 0)", "case_id");
  if (route.empty()) return InvalidArgument("an access record names its route", "route");
  if (!ValidScreen(screen)) {
    return InvalidArgument("a screen name is at most 64 characters of a-z, 0-9, '-', '_', '.'", "screen");
  }
  AccessRecord r;
  r.at_ms = clock_.NowUnixMillis();
  r.user = who.name;
  r.role = who.role;
  r.case_id = case_id;
  r.route = std::string(route);
  r.screen = std::string(screen);
  return store_.AppendAccess(r);
}

Result<std::vector<AccessRecord>> AccessLog::Search(const Principal& who, const AccessQuery& query) {
  if (who.role != Role::kAuditor || who.must_change_password) {
    return Status(ErrorCode::kPermissionDenied, "alleen een auditor mag het toegangslogboek doorzoeken");
  }
  if (query.limit < 1 || query.limit > kMaxSearchLimit) {
    return InvalidArgument("limit is 1 to " + std::to_string(kMaxSearchLimit), "limit");
  }
  if (query.from_ms && query.until_ms && *query.until_ms < *query.from_ms) {
    return InvalidArgument("the period ends before it starts", "until");
  }
  return store_.SearchAccess(query);
}

}  // namespace nabij::auth
