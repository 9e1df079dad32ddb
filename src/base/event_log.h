// EventLog: the append-only audit trail of every change: who, when, what, why.
//
// Domain code records an Event through this interface; store/* keeps them (the SQLite table
// refuses UPDATE and DELETE). An event never carries personal data in `detail`: it names ids and
// amounts, not names or BSNs, so the trail can be shown to an auditor as it is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace nabij {

struct Event {
  std::string at;      // ISO 8601 UTC, from the Clock
  std::string actor;   // the user, or "nabij" for an automatic step
  std::string kind;    // dotted: "run.prepared", "case.added", "income.reported", ...
  int64_t case_id = 0; // 0 when the event is not about one case
  std::string detail;  // what and why, without personal data
};

class EventLog {
 public:
  virtual ~EventLog() = default;
  // Appends the event; returns kInvalidArgument for an empty actor or kind.
  virtual Status Append(const Event& e) = 0;
  // The events about `case_id` (0: all), oldest first, at most `limit`.
  virtual Result<std::vector<Event>> List(int64_t case_id, int limit) = 0;
};

}  // namespace nabij
