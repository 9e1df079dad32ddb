#include "store/sqlite/case_store.h"

#include <string>
#include <utility>

#include "payments/run_case.h"

namespace nabij::store {

using cases::ApplicationRecord;
using cases::ApplicationStatus;
using cases::DecisionKind;
using cases::DecisionRecord;

namespace {

constexpr char kInsertApplication[] =
    "INSERT INTO applications (gemeente, melding, received, start_date, exception_41_4, extended_until, document, "
    "status, reasons, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9) RETURNING id";
constexpr char kInsertSuspension[] =
    "INSERT INTO application_suspensions (application_id, requested, completed) VALUES (?1, ?2, ?3)";
constexpr char kSelectApplications[] =
    "SELECT id, gemeente, melding, received, start_date, exception_41_4, extended_until, document, status, reasons, "
    "created_at, decided_at, case_id, handling_days FROM applications ";
constexpr char kSelectSuspensions[] =
    "SELECT requested, completed FROM application_suspensions WHERE application_id = ?1 ORDER BY id";
constexpr char kMarkDecided[] =
    "UPDATE applications SET status = 'decided', decided_at = ?2, case_id = ?3, handling_days = ?4 "
    "WHERE id = ?1 AND status = 'queued' RETURNING id";
constexpr char kInsertDecision[] =
    "INSERT INTO decisions (case_id, application_id, kind, effective_from, month, bijstand, automatic, decided_by, "
    "decided_at, rules_version, inputs, result, note, overpaid, underpaid) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id";
constexpr char kSelectDecisions[] =
    "SELECT id, case_id, application_id, kind, effective_from, month, bijstand, automatic, decided_by, decided_at, "
    "rules_version, inputs, result, note, overpaid, underpaid FROM decisions ";
constexpr char kSelectSettled[] =
    "SELECT coalesce(sum(overpaid) - sum(underpaid), 0) FROM decisions WHERE case_id = ?1 AND month = ?2";
// The bijstand of the month as granted by its payment run (a line that was computed).
constexpr char kSelectPaid[] =
    "SELECT l.bijstand FROM run_lines l JOIN runs r ON r.id = l.run_id "
    "WHERE l.case_id = ?1 AND r.month = ?2 AND l.ok = 1";
constexpr char kInsertIncome[] =
    "INSERT INTO incomes (case_id, person_id, month, work, other) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kCheckPerson[] =
    "SELECT 1 FROM cases WHERE id = ?1 AND applicant_id = ?2 "
    "UNION ALL SELECT 1 FROM case_members WHERE case_id = ?1 AND person_id = ?2 AND role = 'partner'";
// A member present on the day leaves: present until the day before (valid_until is exclusive).
constexpr char kEndMember[] =
    "UPDATE case_members SET valid_until = ?3 WHERE case_id = ?1 AND person_id = ?2 AND role <> 'applicant' "
    "AND valid_from < ?3 AND (valid_until IS NULL OR valid_until > ?3) RETURNING id";
constexpr char kSelectCaseDates[] = "SELECT start_date, end_date FROM cases WHERE id = ?1";
constexpr char kEndCase[] = "UPDATE cases SET end_date = ?2 WHERE id = ?1 AND end_date IS NULL";
// One row per month of the range, with the cases that have a right on a day of it.
constexpr char kCaseload[] =
    "WITH RECURSIVE months(first, last, n) AS ("
    "  SELECT ?1, date(?1, '+1 month', '-1 day'), 1"
    "  UNION ALL SELECT date(first, '+1 month'), date(first, '+2 month', '-1 day'), n + 1 FROM months WHERE n < ?2) "
    "SELECT substr(m.first, 1, 7), count(c.id), coalesce(sum(c.start_date >= m.first), 0), "
    "coalesce(sum(c.end_date IS NOT NULL AND c.end_date <= m.last), 0) "
    "FROM months m LEFT JOIN cases c ON c.start_date <= m.last AND (c.end_date IS NULL OR c.end_date >= m.first) "
    "GROUP BY m.first ORDER BY m.first";
constexpr char kInsertRecovery[] =
    "INSERT INTO recoveries (case_id, total, reason) VALUES (?1, ?2, ?3) RETURNING id";

constexpr DecisionKind kKinds[] = {DecisionKind::kToekenning, DecisionKind::kAfwijzing, DecisionKind::kWijziging,
                                   DecisionKind::kBeeindiging};

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

// A stored value that does not parse means a damaged database.
Status Damaged(std::string_view table, std::string_view column) {
  return Status(ErrorCode::kInternal, std::string(table) + "." + std::string(column) + " holds a value nabij cannot read");
}

}  // namespace

Result<int64_t> SqliteCaseStore::AddApplication(const ApplicationRecord& a) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kInsertApplication));
  s.BindText(1, a.gemeente);
  s.BindDate(2, a.application.melding);
  s.BindDateOrNull(3, a.application.received);
  s.BindDate(4, a.start);
  s.BindBool(5, a.application.exception_41_4);
  s.BindDateOrNull(6, a.application.extended_until);
  s.BindText(7, a.document);
  s.BindText(8, JoinLines(a.reasons));
  s.BindText(9, a.created_at);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  NABIJ_CHECK(row);  // RETURNING id
  const int64_t id = s.Int(0);
  s.Reset();  // a statement still running would keep the transaction from committing
  NABIJ_ASSIGN_OR_RETURN(Statement sus, db_.Prepare(kInsertSuspension));
  for (const cases::Suspension& x : a.application.suspensions) {
    sus.BindInt(1, id);
    sus.BindDate(2, x.requested);
    sus.BindDateOrNull(3, x.completed);
    NABIJ_RETURN_IF_ERROR(sus.Run());
    sus.Reset();
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Result<std::vector<ApplicationRecord>> SqliteCaseStore::SelectApplications(std::string_view where, int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(std::string(kSelectApplications) + std::string(where)));
  if (id != 0) s.BindInt(1, id);
  NABIJ_ASSIGN_OR_RETURN(Statement sus, db_.Prepare(kSelectSuspensions));
  std::vector<ApplicationRecord> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ApplicationRecord a;
    a.id = s.Int(0);
    a.gemeente = s.Text(1);
    auto melding = Date::Parse(s.TextView(2));
    auto start = Date::Parse(s.TextView(4));
    if (!melding.ok() || !start.ok()) return Damaged("applications", "melding/start_date");
    a.application.id = a.id;
    a.application.melding = *melding;
    if (!s.IsNull(3)) {
      auto r = Date::Parse(s.TextView(3));
      if (!r.ok()) return Damaged("applications", "received");
      a.application.received = *r;
    }
    a.start = *start;
    a.application.exception_41_4 = s.Bool(5);
    if (!s.IsNull(6)) {
      auto e = Date::Parse(s.TextView(6));
      if (!e.ok()) return Damaged("applications", "extended_until");
      a.application.extended_until = *e;
    }
    a.document = s.Text(7);
    a.status = s.TextView(8) == "decided" ? ApplicationStatus::kDecided : ApplicationStatus::kQueued;
    a.reasons = SplitLines(s.TextView(9));
    a.created_at = s.Text(10);
    a.decided_at = s.Text(11);
    if (!a.decided_at.empty()) {
      auto d = Date::Parse(a.decided_at.substr(0, 10));
      if (!d.ok()) return Damaged("applications", "decided_at");
      a.application.decided = *d;
    }
    a.case_id = s.IsNull(12) ? 0 : s.Int(12);
    if (!s.IsNull(13)) a.handling_days = static_cast<int>(s.Int(13));
    sus.BindInt(1, a.id);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool r, sus.Step());
      if (!r) break;
      cases::Suspension x;
      auto req = Date::Parse(sus.TextView(0));
      if (!req.ok()) return Damaged("application_suspensions", "requested");
      x.requested = *req;
      if (!sus.IsNull(1)) {
        auto c = Date::Parse(sus.TextView(1));
        if (!c.ok()) return Damaged("application_suspensions", "completed");
        x.completed = *c;
      }
      a.application.suspensions.push_back(x);
    }
    sus.Reset();
    out.push_back(std::move(a));
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<ApplicationRecord> SqliteCaseStore::GetApplication(int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(auto list, SelectApplications("WHERE id = ?1", id));
  if (list.empty()) return Status(ErrorCode::kNotFound, "er is geen aanvraag " + std::to_string(id), "application_id");
  return std::move(list.front());
}

Result<std::vector<ApplicationRecord>> SqliteCaseStore::QueuedApplications() {
  return SelectApplications("WHERE status = 'queued' ORDER BY id", 0);
}

Result<int64_t> SqliteCaseStore::InsertDecision(const DecisionRecord& d) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kInsertDecision));
  s.BindIdOrNull(1, d.case_id);
  s.BindIdOrNull(2, d.application_id);
  s.BindText(3, cases::DecisionKindName(d.kind));
  s.BindDate(4, d.effective_from);
  s.BindMonth(5, d.month);
  s.BindMoney(6, d.bijstand);
  s.BindBool(7, d.automatic);
  s.BindText(8, d.decided_by);
  s.BindText(9, d.decided_at);
  s.BindText(10, d.rules_version);
  s.BindText(11, d.inputs);
  s.BindText(12, d.result);
  s.BindText(13, d.note);
  s.BindMoney(14, d.overpaid);
  s.BindMoney(15, d.underpaid);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  NABIJ_CHECK(row);  // RETURNING id
  const int64_t id = s.Int(0);
  s.Reset();
  return id;
}

Result<DecisionRecord> SqliteCaseStore::DecideApplication(int64_t application_id,
                                                          const std::optional<cases::NewCase>& grant,
                                                          const DecisionRecord& d,
                                                          std::optional<int> handling_days) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  DecisionRecord stored = d;
  stored.application_id = application_id;
  stored.case_id = 0;
  if (grant) {
    payments::RunCase c;
    c.gemeente = grant->gemeente;
    c.history = grant->history;
    c.start = grant->start;
    c.applicant = {grant->applicant.name, grant->applicant.iban, grant->applicant.bsn};
    if (grant->partner) c.partner = payments::Payee{grant->partner->name, grant->partner->iban, grant->partner->bsn};
    NABIJ_ASSIGN_OR_RETURN(stored.case_id, runs_.AddCase(c));
  }
  {
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kMarkDecided));
    s.BindInt(1, application_id);
    s.BindText(2, d.decided_at);
    s.BindIdOrNull(3, stored.case_id);
    if (handling_days) {
      s.BindInt(4, *handling_days);
    } else {
      s.BindNull(4);
    }
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    s.Reset();
    if (!row) {
      NABIJ_ASSIGN_OR_RETURN(ApplicationRecord a, GetApplication(application_id));  // kNotFound
      return Status(ErrorCode::kFailedPrecondition,
                    "aanvraag " + std::to_string(a.id) + " is al besloten", "application_id");
    }
  }
  NABIJ_ASSIGN_OR_RETURN(stored.id, InsertDecision(stored));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return stored;
}

Result<std::vector<DecisionRecord>> SqliteCaseStore::SelectDecisions(std::string_view where, int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(std::string(kSelectDecisions) + std::string(where)));
  s.BindInt(1, id);
  std::vector<DecisionRecord> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DecisionRecord d;
    d.id = s.Int(0);
    d.case_id = s.IsNull(1) ? 0 : s.Int(1);
    d.application_id = s.IsNull(2) ? 0 : s.Int(2);
    bool known = false;
    for (DecisionKind k : kKinds) {
      if (cases::DecisionKindName(k) == s.TextView(3)) {
        d.kind = k;
        known = true;
      }
    }
    auto from = Date::Parse(s.TextView(4));
    auto month = Month::Parse(s.TextView(5));
    if (!known || !from.ok() || !month.ok()) return Damaged("decisions", "kind/effective_from/month");
    d.effective_from = *from;
    d.month = *month;
    d.bijstand = s.MoneyAt(6);
    d.automatic = s.Bool(7);
    d.decided_by = s.Text(8);
    d.decided_at = s.Text(9);
    d.rules_version = s.Text(10);
    d.inputs = s.Text(11);
    d.result = s.Text(12);
    d.note = s.Text(13);
    d.overpaid = s.MoneyAt(14);
    d.underpaid = s.MoneyAt(15);
    out.push_back(std::move(d));
  }
  return out;
}

Result<DecisionRecord> SqliteCaseStore::GetDecision(int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(auto list, SelectDecisions("WHERE id = ?1", id));
  if (list.empty()) return Status(ErrorCode::kNotFound, "er is geen besluit " + std::to_string(id), "decision_id");
  return std::move(list.front());
}

Result<std::vector<DecisionRecord>> SqliteCaseStore::Decisions(int64_t case_id) {
  return SelectDecisions("WHERE case_id = ?1 ORDER BY id", case_id);
}

Result<cases::CaseFacts> SqliteCaseStore::LoadFacts(int64_t case_id) {
  NABIJ_ASSIGN_OR_RETURN(payments::RunCase c, runs_.LoadCase(case_id));
  cases::CaseFacts f;
  f.case_id = c.case_id;
  f.gemeente = std::move(c.gemeente);
  f.start = c.start;
  f.end = c.end;
  f.history = std::move(c.history);
  std::optional<Date> partner_from;
  for (const pw::MemberFact& m : f.history.members) {
    if (m.role == pw::Role::kPartner && (!partner_from || m.valid_from >= *partner_from)) {
      f.partner_id = m.person_id;
      partner_from = m.valid_from;
    }
  }
  return f;
}

Result<std::optional<Money>> SqliteCaseStore::PaidBijstand(int64_t case_id, Month month) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kSelectPaid));
  s.BindInt(1, case_id);
  s.BindMonth(2, month);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Money>();
  return std::optional<Money>(s.MoneyAt(0));
}

Result<Money> SqliteCaseStore::SettledForMonth(int64_t case_id, Month month) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kSelectSettled));
  s.BindInt(1, case_id);
  s.BindMonth(2, month);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  NABIJ_CHECK(row);  // an aggregate always gives a row
  return s.MoneyAt(0);
}

Result<cases::CaseChangeIds> SqliteCaseStore::SaveChange(const cases::CaseChange& c) {
  if (c.overpaid < Money::Zero()) return InvalidArgument("te veel betaald is niet negatief", "overpaid");
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  cases::CaseChangeIds ids;
  if (c.income) {
    {
      NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kCheckPerson));
      s.BindInt(1, c.case_id);
      s.BindInt(2, c.income->person_id);
      NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) {
        return InvalidArgument("de persoon is niet de aanvrager of de partner in dossier " + std::to_string(c.case_id),
                               "person_id");
      }
    }
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kInsertIncome));
    s.BindInt(1, c.case_id);
    s.BindInt(2, c.income->person_id);
    s.BindMonth(3, c.income->month);
    s.BindMoney(4, c.income->work);
    s.BindMoney(5, c.income->other);
    NABIJ_RETURN_IF_ERROR(s.Run());
  }
  if (c.joins) {
    if (c.joins->role != pw::Role::kChild && c.joins->role != pw::Role::kHousemate) {
      return InvalidArgument("zo komt een kind of een medebewoner erbij", "role");
    }
    NABIJ_ASSIGN_OR_RETURN(ids.person_id, runs_.AddMember(c.case_id, *c.joins));
  }
  if (c.leaves_person_id != 0) {
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kEndMember));
    s.BindInt(1, c.case_id);
    s.BindInt(2, c.leaves_person_id);
    s.BindDate(3, c.leaves_on);
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    s.Reset();
    if (!row) {
      return Status(ErrorCode::kNotFound,
                    "persoon " + std::to_string(c.leaves_person_id) + " hoort op " + c.leaves_on.ToString() +
                        " niet bij het huishouden van dossier " + std::to_string(c.case_id),
                    "person_id");
    }
  }
  cases::DecisionRecord d = c.decision;
  d.case_id = c.case_id;
  NABIJ_ASSIGN_OR_RETURN(ids.decision_id, InsertDecision(d));
  if (c.overpaid > Money::Zero()) {
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kInsertRecovery));
    s.BindInt(1, c.case_id);
    s.BindMoney(2, c.overpaid);
    s.BindText(3, "te veel betaald over " + c.decision.month.ToString() + " (besluit " + std::to_string(ids.decision_id) +
                      ")");
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    NABIJ_CHECK(row);  // RETURNING id
    ids.recovery_id = s.Int(0);
    s.Reset();
    NABIJ_ASSIGN_OR_RETURN(ledger::Entry e,
                           payments::RecoveryClaimEntry(c.case_id, {ids.recovery_id, c.overpaid}, c.booking_date));
    NABIJ_RETURN_IF_ERROR(runs_.AppendEntryOnce(e));
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return ids;
}

Result<int64_t> SqliteCaseStore::EndCase(int64_t case_id, Date last_day, const cases::DecisionRecord& d) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  {
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kSelectCaseDates));
    s.BindInt(1, case_id);
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status(ErrorCode::kNotFound, "er is geen dossier " + std::to_string(case_id), "case_id");
    if (!s.IsNull(1)) {
      return Status(ErrorCode::kFailedPrecondition, "dossier " + std::to_string(case_id) + " is al beëindigd op " + s.Text(1),
                    "case_id");
    }
    if (last_day.ToString() < s.TextView(0)) {
      return InvalidArgument("de laatste dag ligt voor het begin van het recht (" + s.Text(0) + ")", "last_day");
    }
  }
  {
    NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kEndCase));
    s.BindInt(1, case_id);
    s.BindDate(2, last_day);
    NABIJ_RETURN_IF_ERROR(s.Run());
  }
  cases::DecisionRecord rec = d;
  rec.case_id = case_id;
  NABIJ_ASSIGN_OR_RETURN(int64_t id, InsertDecision(rec));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Result<std::vector<cases::CaseloadMonth>> SqliteCaseStore::Caseload(Month from, Month to) {
  constexpr int kMaxMonths = 600;
  if (to < from) return InvalidArgument("the last month is before the first", "to");
  const int n = to.MonthsSince(from) + 1;
  if (n > kMaxMonths) return InvalidArgument("at most 600 months at once", "to");
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(kCaseload));
  s.BindDate(1, from.first_day());
  s.BindInt(2, n);
  std::vector<cases::CaseloadMonth> out;
  out.reserve(static_cast<size_t>(n));
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    auto m = Month::Parse(s.TextView(0));
    if (!m.ok()) return Damaged("cases", "start_date");
    out.push_back({*m, s.Int(1), s.Int(2), s.Int(3)});
  }
  return out;
}

}  // namespace nabij::store
