#include "store/sqlite/event_log.h"

namespace nabij::store {

Status SqliteEventLog::Append(const Event& e) {
  if (e.actor.empty()) return InvalidArgument("an event needs the actor: who did it", "actor");
  if (e.kind.empty()) return InvalidArgument("an event needs its kind", "kind");
  NABIJ_ASSIGN_OR_RETURN(Statement s,
                         db_.Prepare("INSERT INTO events(at, actor, kind, case_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)"));
  s.BindText(1, e.at);
  s.BindText(2, e.actor);
  s.BindText(3, e.kind);
  s.BindIdOrNull(4, e.case_id);
  s.BindText(5, e.detail);
  return s.Run();
}

Result<std::vector<Event>> SqliteEventLog::List(int64_t case_id, int limit) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare("SELECT at, actor, kind, COALESCE(case_id, 0), detail FROM events "
                                                  "WHERE ?1 = 0 OR case_id = ?1 ORDER BY id LIMIT ?2"));
  s.BindInt(1, case_id);
  s.BindInt(2, limit);
  std::vector<Event> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(Event{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4)});
  }
  return out;
}

}  // namespace nabij::store
