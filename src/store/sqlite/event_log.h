// SqliteEventLog: the audit trail in the `events` table (append-only by trigger).
// Use from one thread at a time, like the SqliteDatabase it borrows.
#pragma once

#include "base/event_log.h"
#include "store/sqlite/database.h"

namespace nabij::store {

class SqliteEventLog final : public EventLog {
 public:
  explicit SqliteEventLog(SqliteDatabase& db) : db_(db) {}
  Status Append(const Event& e) override;
  Result<std::vector<Event>> List(int64_t case_id, int limit) override;

 private:
  SqliteDatabase& db_;
};

}  // namespace nabij::store
