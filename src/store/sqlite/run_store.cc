#include "store/sqlite/run_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

namespace nabij::store {

using payments::CaseOutcome;
using payments::FailedLine;
using payments::Payment;
using payments::RunCase;
using payments::RunRecord;
using payments::RunStatus;
using payments::RunTotals;

namespace {

// --- Enumerations as stored text --------------------------------------------------------------

template <typename E>
using Name = std::pair<E, std::string_view>;

constexpr Name<pw::Role> kRoles[] = {{pw::Role::kApplicant, "applicant"},
                                     {pw::Role::kPartner, "partner"},
                                     {pw::Role::kChild, "child"},
                                     {pw::Role::kHousemate, "housemate"}};
constexpr Name<pw::Relation> kRelations[] = {{pw::Relation::kNone, "none"},
                                             {pw::Relation::kFirstDegree, "first_degree"},
                                             {pw::Relation::kSecondDegree, "second_degree"}};
constexpr Name<pw::Education> kEducations[] = {{pw::Education::kNone, "none"}, {pw::Education::kWsf, "wsf"},
                                               {pw::Education::kWtos, "wtos"}, {pw::Education::kBbl, "bbl"},
                                               {pw::Education::kAbroad, "abroad"}};
constexpr Name<pw::PeriodRule> kPeriodRules[] = {{pw::PeriodRule::kN, "n"},
                                                 {pw::PeriodRule::kR, "r"},
                                                 {pw::PeriodRule::kZ, "z"},
                                                 {pw::PeriodRule::kPib, "pib"}};

template <typename E, size_t N>
std::string_view NameOf(E value, const Name<E> (&names)[N]) {
  for (const auto& [v, n] : names) {
    if (v == value) return n;
  }
  return "?";  // refused by the column's CHECK
}

template <typename E, size_t N>
std::optional<E> ValueOf(std::string_view name, const Name<E> (&names)[N]) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::optional<payments::InstructionKind> InstructionKindOf(std::string_view name) {
  using K = payments::InstructionKind;
  for (K k : {K::kZorgverzekeraar, K::kVerhuurder, K::kEnergie, K::kOverig}) {
    if (payments::InstructionKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<payments::PaymentKind> PaymentKindOf(std::string_view name) {
  using K = payments::PaymentKind;
  for (K k : {K::kClient, K::kDerde, K::kBeslag}) {
    if (payments::PaymentKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<RunStatus> RunStatusOf(std::string_view name) {
  for (RunStatus s : {RunStatus::kPreparing, RunStatus::kPrepared, RunStatus::kApproved, RunStatus::kExported}) {
    if (payments::RunStatusName(s) == name) return s;
  }
  return std::nullopt;
}

// Reads typed columns of the current row and remembers the first column that could not be read,
// so that a row is checked once, after all its columns are taken.
class Row {
 public:
  explicit Row(const Statement& s) : s_(s) {}

  int64_t Int(int c) const { return s_.Int(c); }
  bool Bool(int c) const { return s_.Bool(c); }
  Money Cents(int c) const { return s_.MoneyAt(c); }
  std::string Text(int c) const { return s_.Text(c); }
  bool IsNull(int c) const { return s_.IsNull(c); }

  Date DateAt(int c) {
    auto d = Date::Parse(s_.TextView(c));
    if (!d.ok()) return Bad(c, Date());
    return *d;
  }
  std::optional<Date> OptionalDate(int c) {
    if (s_.IsNull(c)) return std::nullopt;
    return DateAt(c);
  }
  Month MonthAt(int c) {
    auto m = Month::Parse(s_.TextView(c));
    if (!m.ok()) return Bad(c, Month());
    return *m;
  }
  template <typename E, size_t N>
  E Enum(int c, const Name<E> (&names)[N]) {
    auto v = ValueOf(s_.TextView(c), names);
    if (!v) return Bad(c, E{});
    return *v;
  }
  std::optional<Bsn> OptionalBsn(int c) {
    if (s_.IsNull(c)) return std::nullopt;
    auto b = Bsn::Parse(s_.TextView(c));
    if (!b.ok()) return Bad(c, std::optional<Bsn>());
    return *b;
  }
  template <typename E>
  E Checked(int c, std::optional<E> v) {
    if (!v) return Bad(c, E{});
    return *v;
  }

  // kInternal naming the table and column when a value could not be read (a damaged database:
  // the schema's CHECKs let no such value in).
  Status status(std::string_view table) const {
    if (bad_ < 0) return Status::Ok();
    return Status(ErrorCode::kInternal, "the database holds an unreadable value in " + std::string(table) +
                                            ", column " + std::to_string(bad_));
  }

 private:
  template <typename T>
  T Bad(int c, T fallback) {
    if (bad_ < 0) bad_ = c;
    return fallback;
  }
  const Statement& s_;
  int bad_ = -1;
};

Status WithContext(const Status& s, const std::string& context) {
  return Status(s.code(), context + ": " + s.message(), s.field(), s.legal_basis());
}

Status NoSuchRun(int64_t run_id) {
  return Status(ErrorCode::kNotFound, "there is no payment run with id " + std::to_string(run_id), "run_id");
}

// --- SQL -------------------------------------------------------------------------------------

constexpr char kInsertPerson[] =
    "INSERT INTO persons (name, birth_date, iban, bsn) VALUES (?1, ?2, ?3, ?4) RETURNING id";
constexpr char kInsertCase[] =
    "INSERT INTO cases (gemeente, applicant_id, partner_id, start_date, end_date, split_between_partners, "
    "vakantietoeslag_monthly, medisch_urenbeperkt, vt_reserved_opening) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
constexpr char kInsertMember[] =
    "INSERT INTO case_members (case_id, person_id, role, valid_from, valid_until, entitled, relation, education, "
    "commercial_contract, third_party_contract) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char kInsertIncome[] =
    "INSERT INTO incomes (case_id, person_id, month, work, other) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kInsertPeriod[] =
    "INSERT INTO vrijlating_periods (case_id, person_id, rule, start_month) VALUES (?1, ?2, ?3, ?4)";
constexpr char kInsertAsset[] = "INSERT INTO assets (case_id, valid_from, vermogen) VALUES (?1, ?2, ?3)";
constexpr char kInsertInstruction[] =
    "INSERT INTO instructions (case_id, kind, creditor_name, creditor_iban, amount, valid_from, valid_until) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kInsertGarnishment[] =
    "INSERT INTO garnishments (case_id, creditor_name, creditor_iban, reference, total) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kInsertRecovery[] = "INSERT INTO recoveries (case_id, total) VALUES (?1, ?2)";

constexpr char kSelectRun[] =
    "SELECT id, month, status, prepared_by, approved_by, rules_version, booking_date, created_at "
    "FROM runs WHERE month = ?1";
constexpr char kSelectRuns[] =
    "SELECT id, month, status, prepared_by, approved_by, rules_version, booking_date, created_at "
    "FROM runs ORDER BY month DESC";
constexpr char kSelectRunById[] = "SELECT month, status FROM runs WHERE id = ?1";
// Case search, one statement per way of asking: by case number, by the BSN of the applicant or
// the partner (the partial index persons_by_bsn, then cases_by_applicant / cases_by_partner), or
// by a fragment of the applicant's name (LIKE: case-insensitive for ASCII; a scan).
#define NABIJ_CASE_SUMMARY                                                                      \
  "SELECT c.id, a.name, c.start_date, c.end_date, "                                             \
  "1 + (SELECT count(*) FROM case_members m WHERE m.case_id = c.id), a.bsn "                    \
  "FROM cases c JOIN persons a ON a.id = c.applicant_id "
constexpr char kSearchCaseNumber[] = NABIJ_CASE_SUMMARY "WHERE c.id = ?1";
constexpr char kSearchBsn[] = NABIJ_CASE_SUMMARY
    "WHERE c.id IN (SELECT x.id FROM persons p JOIN cases x ON x.applicant_id = p.id WHERE p.bsn = ?1 "
    "UNION SELECT x.id FROM persons p JOIN cases x ON x.partner_id = p.id WHERE p.bsn = ?1) "
    "ORDER BY c.id LIMIT ?2";
constexpr char kSearchName[] = NABIJ_CASE_SUMMARY "WHERE a.name LIKE ?1 ESCAPE '\\' ORDER BY c.id LIMIT ?2";
#undef NABIJ_CASE_SUMMARY
constexpr char kSelectCaseRunLines[] =
    "SELECT r.month, r.status, l.ok, l.error_code, l.error_message, l.bijstand, l.vt_reserved, l.vt_paid, "
    "l.garnished, l.recovered, l.direct, l.to_client, l.debt_withheld "
    "FROM run_lines l JOIN runs r ON r.id = l.run_id WHERE l.case_id = ?1 ORDER BY r.month";
constexpr char kInsertRun[] =
    "INSERT INTO runs (month, status, prepared_by, approved_by, rules_version, booking_date, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
constexpr char kUpdateStatus[] =
    "UPDATE runs SET status = ?3, approved_by = CASE WHEN ?3 = 'approved' THEN ?4 ELSE approved_by END "
    "WHERE id = ?1 AND status = ?2 RETURNING id";

// The batch of LoadPendingCases, one row per case, in the connection's temporary schema.
constexpr char kCreateBatchTable[] = "CREATE TEMP TABLE IF NOT EXISTS run_batch (case_id INTEGER PRIMARY KEY)";
constexpr char kClearBatch[] = "DELETE FROM temp.run_batch";
constexpr char kAddToBatch[] = "INSERT INTO temp.run_batch (case_id) VALUES (?1)";
// Fills the batch, in one statement: cases with a right in the month, or whose right ended at most
// three months before it (the reserved vakantietoeslag is paid out then, Pw art. 45 lid 1), without
// a line in the run yet.
constexpr char kFillBatch[] =
    "INSERT INTO temp.run_batch (case_id) "
    "SELECT c.id FROM cases c JOIN persons a ON a.id = c.applicant_id "
    "WHERE c.id > ?1 AND c.start_date <= ?2 AND (c.end_date IS NULL OR c.end_date >= ?3) "
    "AND NOT EXISTS (SELECT 1 FROM run_lines l WHERE l.run_id = ?4 AND l.case_id = c.id) "
    "ORDER BY c.id LIMIT ?5";
// The cases of the batch with their applicant and partner payee.
constexpr char kSelectPending[] =
    "SELECT c.id, c.gemeente, c.start_date, c.end_date, c.split_between_partners, c.vakantietoeslag_monthly, "
    "c.medisch_urenbeperkt, c.vt_reserved_opening, c.applicant_id, a.name, a.birth_date, a.iban, "
    "c.partner_id, p.name, p.iban, a.bsn, p.bsn "
    "FROM temp.run_batch b CROSS JOIN cases c ON c.id = b.case_id JOIN persons a ON a.id = c.applicant_id "
    "LEFT JOIN persons p ON p.id = c.partner_id ORDER BY b.case_id";
// CROSS JOIN keeps the (small) batch as the outer loop. The ORDER BYs name the batch's key: the
// same order as the table's case_id, but so SQLite sees that the outer loop gives it and sorts
// nothing.
constexpr char kSelectMembers[] =
    "SELECT m.case_id, m.person_id, m.role, p.birth_date, m.valid_from, m.valid_until, m.entitled, m.relation, "
    "m.education, m.commercial_contract, m.third_party_contract "
    "FROM temp.run_batch b CROSS JOIN case_members m ON m.case_id = b.case_id "
    "JOIN persons p ON p.id = m.person_id ORDER BY b.case_id, m.id";
constexpr char kSelectIncomes[] =
    "SELECT i.case_id, i.person_id, i.month, i.work, i.other "
    "FROM temp.run_batch b CROSS JOIN incomes i ON i.case_id = b.case_id ORDER BY b.case_id, i.id";
constexpr char kSelectPeriods[] =
    "SELECT v.case_id, v.person_id, v.rule, v.start_month "
    "FROM temp.run_batch b CROSS JOIN vrijlating_periods v ON v.case_id = b.case_id ORDER BY b.case_id, v.id";
constexpr char kSelectAssets[] =
    "SELECT a.case_id, a.valid_from, a.vermogen "
    "FROM temp.run_batch b CROSS JOIN assets a ON a.case_id = b.case_id ORDER BY b.case_id, a.id";
constexpr char kSelectInstructions[] =
    "SELECT i.case_id, i.id, i.kind, i.creditor_name, i.creditor_iban, i.amount, i.valid_from, i.valid_until "
    "FROM temp.run_batch b CROSS JOIN instructions i ON i.case_id = b.case_id ORDER BY b.case_id, i.id";
// What remains of a garnishment: its total minus every beslag payment made for it.
constexpr char kSelectGarnishments[] =
    "SELECT g.case_id, g.id, g.creditor_name, g.creditor_iban, g.reference, "
    "g.total - coalesce((SELECT sum(p.amount) FROM run_payments p "
    "WHERE p.garnishment_id = g.id AND p.kind = 'beslag'), 0) "
    "FROM temp.run_batch b CROSS JOIN garnishments g ON g.case_id = b.case_id ORDER BY b.case_id, g.id";
constexpr char kSelectRecoveries[] =
    "SELECT r.case_id, r.id, "
    "r.total - coalesce((SELECT sum(o.amount) FROM recovery_offsets o WHERE o.recovery_id = r.id), 0) "
    "FROM temp.run_batch b CROSS JOIN recoveries r ON r.case_id = b.case_id ORDER BY b.case_id, r.id";
// Vakantietoeslag reserved and not yet paid, over the lines of every other run.
constexpr char kSelectVtReserved[] =
    "SELECT b.case_id, sum(l.vt_reserved - l.vt_paid) "
    "FROM temp.run_batch b CROSS JOIN run_lines l ON l.case_id = b.case_id "
    "WHERE l.run_id <> ?1 GROUP BY b.case_id";

constexpr char kInsertLine[] =
    "INSERT INTO run_lines (run_id, case_id, ok, error_code, error_message, bijstand, vt_reserved, vt_paid, "
    "garnished, recovered, direct, to_client, debt_withheld, debt_dossier_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr char kInsertPayment[] =
    "INSERT INTO run_payments (run_id, case_id, seq, kind, creditor_name, creditor_iban, amount, end_to_end_id, "
    "remittance, garnishment_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char kInsertOffset[] =
    "INSERT INTO recovery_offsets (run_id, case_id, recovery_id, amount) VALUES (?1, ?2, ?3, ?4)";
constexpr char kInsertEntry[] =
    "INSERT INTO ledger_entries (reference, booking_date, description, reverses) VALUES (?1, ?2, ?3, ?4) "
    "RETURNING id";
// SaveBatch's statements with many rows each: the heads of multi-row INSERTs, completed with
// "(?, ?, ...), (?, ...)" for the number of rows (RowsSql). Same columns as above.
constexpr char kLinesHead[] =
    "INSERT INTO run_lines (run_id, case_id, ok, error_code, error_message, bijstand, vt_reserved, vt_paid, "
    "garnished, recovered, direct, to_client, debt_withheld, debt_dossier_id) VALUES ";
constexpr int kLineColumns = 14;
constexpr char kPaymentsHead[] =
    "INSERT INTO run_payments (run_id, case_id, seq, kind, creditor_name, creditor_iban, amount, end_to_end_id, "
    "remittance, garnishment_id) VALUES ";
constexpr int kPaymentColumns = 10;
constexpr char kOffsetsHead[] = "INSERT INTO recovery_offsets (run_id, case_id, recovery_id, amount) VALUES ";
constexpr int kOffsetColumns = 4;
// An entry's postings go in right after it (the trigger ledger_postings_newest_entry_only), so
// the postings of one entry per statement.
constexpr char kPostingsHead[] = "INSERT INTO ledger_postings (entry_id, seq, account, amount) VALUES ";
constexpr int kPostingColumns = 4;
// The entry without RETURNING (its id is sqlite3_last_insert_rowid: ledger_entries has no insert
// trigger).
constexpr char kInsertEntryPlain[] =
    "INSERT INTO ledger_entries (reference, booking_date, description, reverses) VALUES (?1, ?2, ?3, ?4)";
// Rows per statement: up to kMaxRowsPerInsert, and for the rest the largest power of two that
// fits, or the exact count up to kExactRows; so each table needs at most a dozen statements.
constexpr size_t kMaxRowsPerInsert = 64;
constexpr size_t kExactRows = 8;

size_t RowsForNext(size_t remaining) {
  if (remaining <= kExactRows) return remaining;
  size_t rows = kMaxRowsPerInsert;
  while (rows > remaining) rows /= 2;
  return rows;
}

std::string RowsSql(const char* head, int columns, size_t rows) {
  std::string row = "(?";
  for (int c = 1; c < columns; ++c) row += ", ?";
  row += ")";
  std::string sql(head);
  sql.reserve(sql.size() + rows * (row.size() + 2));
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

// Binds text that outlives the statement's step without a copy (the Use's Reset clears it).
// A line's debt_withheld and debt_dossier_id at `index` and `index + 1` (NULL dossier when nothing
// is withheld).
void BindWithheld(Statement& s, int index, const payments::CaseOutcome& o) {
  s.BindMoney(index, o.debt_withheld);
  if (o.debt_withheld > Money::Zero()) {
    s.BindInt(index + 1, o.debt_dossier_id);
  } else {
    s.BindNull(index + 1);
  }
}

void BindView(Statement& s, int index, std::string_view value) {
  sqlite3_bind_text64(s.handle(), index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
}

constexpr char kInsertEntryOnce[] =
    "INSERT INTO ledger_entries (reference, booking_date, description, reverses) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (reference) DO NOTHING RETURNING id";
constexpr char kInsertPosting[] =
    "INSERT INTO ledger_postings (entry_id, seq, account, amount) VALUES (?1, ?2, ?3, ?4)";

constexpr char kSelectTotals[] =
    "SELECT count(*), coalesce(sum(ok = 0), 0), coalesce(sum(bijstand), 0), coalesce(sum(vt_reserved), 0), "
    "coalesce(sum(vt_paid), 0), coalesce(sum(garnished), 0), coalesce(sum(recovered), 0), "
    "coalesce(sum(direct), 0), coalesce(sum(to_client), 0), coalesce(sum(debt_withheld), 0) "
    "FROM run_lines WHERE run_id = ?1";
constexpr char kCountPayments[] = "SELECT count(*) FROM run_payments WHERE run_id = ?1";
constexpr char kSelectFailed[] =
    "SELECT case_id, error_code, error_message FROM run_lines WHERE run_id = ?1 AND ok = 0 ORDER BY case_id";
constexpr char kSelectPayments[] =
    "SELECT kind, creditor_name, creditor_iban, amount, end_to_end_id, remittance, garnishment_id "
    "FROM run_payments WHERE run_id = ?1 ORDER BY case_id, seq";
constexpr char kSelectTrialBalance[] =
    "SELECT p.account, sum(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END), "
    "sum(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END) "
    "FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id "
    "WHERE e.booking_date <= ?1 GROUP BY p.account ORDER BY p.account";

// The earliest date nabij accepts (Date::Parse): the start of every trial balance.
constexpr int kFirstYear = 1900;

}  // namespace

Result<Statement*> SqliteRunStore::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second.get();
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
  auto owned = std::make_unique<Statement>(std::move(s));
  Statement* raw = owned.get();
  cache_.emplace(sql, std::move(owned));
  return raw;
}

Result<Statement*> SqliteRunStore::CachedRows(const char* head, int columns, size_t rows) {
  auto key = std::make_pair(head, rows);
  auto it = rows_cache_.find(key);
  if (it != rows_cache_.end()) return it->second.get();
  NABIJ_ASSIGN_OR_RETURN(Statement s, db_.Prepare(RowsSql(head, columns, rows)));
  auto owned = std::make_unique<Statement>(std::move(s));
  Statement* raw = owned.get();
  rows_cache_.emplace(key, std::move(owned));
  return raw;
}

template <typename Bind>
Status SqliteRunStore::InsertRows(const char* head, int columns, size_t n, Bind&& bind) {
  for (size_t done = 0; done < n;) {
    const size_t rows = RowsForNext(n - done);
    NABIJ_ASSIGN_OR_RETURN(Statement* raw, CachedRows(head, columns, rows));
    Use s(*raw);
    for (size_t r = 0; r < rows; ++r) bind(*s, static_cast<int>(r) * columns + 1, done + r);
    NABIJ_RETURN_IF_ERROR(s->Run());
    done += rows;
  }
  return Status::Ok();
}

namespace {
// A row of kSelectRun or kSelectRuns.
Result<RunRecord> ReadRun(const Statement& s) {
  Row r(s);
  RunRecord run;
  run.id = r.Int(0);
  run.month = r.MonthAt(1);
  run.status = r.Checked(2, RunStatusOf(s.TextView(2)));
  run.prepared_by = r.Text(3);
  run.approved_by = r.Text(4);
  run.rules_version = r.Text(5);
  run.booking_date = r.DateAt(6);
  run.created_at = r.Text(7);
  NABIJ_RETURN_IF_ERROR(r.status("runs"));
  return run;
}
}  // namespace

#define NABIJ_STMT(var, sql)                          \
  NABIJ_ASSIGN_OR_RETURN(Statement* var##_raw, Cached(sql)); \
  Use var(*var##_raw)

Status SqliteRunStore::EnsureBatchTable() {
  if (batch_table_ready_) return Status::Ok();
  NABIJ_RETURN_IF_ERROR(db_.Exec(kCreateBatchTable));
  batch_table_ready_ = true;
  return Status::Ok();
}

Status SqliteRunStore::CheckRun(int64_t run_id, std::optional<Month> month, bool must_be_preparing) {
  NABIJ_STMT(s, kSelectRunById);
  s->BindInt(1, run_id);
  NABIJ_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return NoSuchRun(run_id);
  if (month && s->TextView(0) != month->ToString()) {
    return InvalidArgument("payment run " + std::to_string(run_id) + " is for " + s->Text(0) + ", not for " +
                               month->ToString(),
                           "month");
  }
  if (must_be_preparing && s->TextView(1) != payments::RunStatusName(RunStatus::kPreparing)) {
    return Status(ErrorCode::kFailedPrecondition,
                  "payment run " + std::to_string(run_id) + " is " + s->Text(1) +
                      "; lines are only added while it is being prepared",
                  "status");
  }
  return Status::Ok();
}

// --- AddCase ---------------------------------------------------------------------------------

Result<int64_t> SqliteRunStore::AddCase(const RunCase& c) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(int64_t id, InsertCase(c));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Result<std::vector<int64_t>> SqliteRunStore::AddCases(std::span<const RunCase> cases) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  std::vector<int64_t> ids;
  ids.reserve(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    auto id = InsertCase(cases[i]);
    if (!id.ok()) return id.error().WithFieldPrefix("cases[" + std::to_string(i) + "]");
    ids.push_back(*id);
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return ids;
}

Status SqliteRunStore::InsertMember(int64_t case_id, int64_t person_id, const pw::MemberFact& m) {
  NABIJ_STMT(s, kInsertMember);
  s->BindInt(1, case_id);
  s->BindInt(2, person_id);
  s->BindText(3, NameOf(m.role, kRoles));
  s->BindDate(4, m.valid_from);
  s->BindDateOrNull(5, m.valid_until);
  s->BindBool(6, m.entitled);
  s->BindText(7, NameOf(m.housemate.relation, kRelations));
  s->BindText(8, NameOf(m.housemate.education, kEducations));
  s->BindBool(9, m.housemate.commercial_contract);
  s->BindBool(10, m.housemate.third_party_contract);
  return s->Run();
}

Result<int64_t> SqliteRunStore::AddMember(int64_t case_id, const pw::MemberFact& m) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  int64_t person_id = 0;
  {
    NABIJ_STMT(s, kInsertPerson);
    s->BindNull(1);
    s->BindDate(2, m.birth);
    s->BindNull(3);
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    NABIJ_CHECK(row);  // RETURNING id
    person_id = s->Int(0);
  }
  NABIJ_RETURN_IF_ERROR(InsertMember(case_id, person_id, m));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return person_id;
}

Result<int64_t> SqliteRunStore::InsertCase(const RunCase& c) {
  const pw::HouseholdHistory& h = c.history;
  // The caller's person numbering, in order of first appearance, with each person's birth date.
  std::vector<int64_t> order{h.applicant_id};
  std::map<int64_t, Date> births{{h.applicant_id, h.applicant_birth}};
  for (size_t i = 0; i < h.members.size(); ++i) {
    const pw::MemberFact& m = h.members[i];
    auto [it, inserted] = births.emplace(m.person_id, m.birth);
    if (inserted) {
      order.push_back(m.person_id);
    } else if (it->second != m.birth) {
      return InvalidArgument("one person has two birth dates", "history.members[" + std::to_string(i) + "].birth");
    }
  }
  for (size_t i = 0; i < h.incomes.size(); ++i) {
    if (!births.contains(h.incomes[i].person_id)) {
      return InvalidArgument("the income is of a person who is not in the household",
                             "history.incomes[" + std::to_string(i) + "].person_id");
    }
  }
  for (size_t i = 0; i < h.periods.size(); ++i) {
    if (!births.contains(h.periods[i].person_id)) {
      return InvalidArgument("the period is of a person who is not in the household",
                             "history.periods[" + std::to_string(i) + "].person_id");
    }
  }
  // The partner payee is the person of the latest partner fact, if there is one.
  std::optional<int64_t> partner_local;
  std::optional<Date> partner_from;
  for (const pw::MemberFact& m : h.members) {
    if (m.role == pw::Role::kPartner && (!partner_from || m.valid_from >= *partner_from)) {
      partner_local = m.person_id;
      partner_from = m.valid_from;
    }
  }

  std::map<int64_t, int64_t> db_id;  // the caller's person id -> persons.id
  std::optional<int64_t> partner_db_id;
  {
    NABIJ_STMT(s, kInsertPerson);
    auto insert = [&](const payments::Payee* payee, std::optional<Date> birth) -> Result<int64_t> {
      if (payee != nullptr) {
        s->BindTextOrNull(1, payee->name);
        s->BindTextOrNull(3, payee->iban);
        if (payee->bsn) s->BindText(4, payee->bsn->digits());
      }
      s->BindDateOrNull(2, birth);
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      NABIJ_CHECK(row);  // RETURNING id
      int64_t id = s->Int(0);
      s->Reset();
      return id;
    };
    for (int64_t local : order) {
      const payments::Payee* payee = nullptr;
      if (local == h.applicant_id) {
        payee = &c.applicant;
      } else if (c.partner && partner_local == local) {
        payee = &*c.partner;
      }
      NABIJ_ASSIGN_OR_RETURN(int64_t id, insert(payee, births[local]));
      db_id[local] = id;
    }
    if (c.partner) {
      if (partner_local) {
        partner_db_id = db_id[*partner_local];
      } else {
        // A partner known only as a payee, without household facts.
        NABIJ_ASSIGN_OR_RETURN(partner_db_id, insert(&*c.partner, std::nullopt));
      }
    }
  }

  int64_t case_id = 0;
  {
    NABIJ_STMT(s, kInsertCase);
    s->BindText(1, c.gemeente);
    s->BindInt(2, db_id[h.applicant_id]);
    if (partner_db_id) {
      s->BindInt(3, *partner_db_id);
    } else {
      s->BindNull(3);
    }
    s->BindDate(4, c.start);
    s->BindDateOrNull(5, c.end);
    s->BindBool(6, c.split_between_partners);
    s->BindBool(7, c.vakantietoeslag_monthly);
    s->BindBool(8, h.medisch_urenbeperkt);
    s->BindMoney(9, c.vt_reserved);
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    NABIJ_CHECK(row);
    case_id = s->Int(0);
  }
  {
    for (const pw::MemberFact& m : h.members) NABIJ_RETURN_IF_ERROR(InsertMember(case_id, db_id[m.person_id], m));
  }
  {
    NABIJ_STMT(s, kInsertIncome);
    for (const pw::IncomeFact& f : h.incomes) {
      s->BindInt(1, case_id);
      s->BindInt(2, db_id[f.person_id]);
      s->BindMonth(3, f.month);
      s->BindMoney(4, f.work);
      s->BindMoney(5, f.other);
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  {
    NABIJ_STMT(s, kInsertPeriod);
    for (const pw::PeriodFact& p : h.periods) {
      s->BindInt(1, case_id);
      s->BindInt(2, db_id[p.person_id]);
      s->BindText(3, NameOf(p.rule, kPeriodRules));
      s->BindMonth(4, p.start);
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  {
    NABIJ_STMT(s, kInsertAsset);
    for (const pw::AssetFact& a : h.assets) {
      s->BindInt(1, case_id);
      s->BindDate(2, a.valid_from);
      s->BindMoney(3, a.vermogen);
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  {
    NABIJ_STMT(s, kInsertInstruction);
    for (const payments::StandingInstruction& i : c.instructions) {
      s->BindInt(1, case_id);
      s->BindText(2, payments::InstructionKindName(i.kind));
      s->BindText(3, i.creditor.name);
      s->BindText(4, i.creditor.iban);
      s->BindMoney(5, i.amount);
      s->BindDate(6, i.valid_from);
      s->BindDateOrNull(7, i.valid_until);
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  {
    NABIJ_STMT(s, kInsertGarnishment);
    for (const payments::Garnishment& g : c.garnishments) {
      s->BindInt(1, case_id);
      s->BindText(2, g.creditor.name);
      s->BindText(3, g.creditor.iban);
      s->BindText(4, g.reference);
      s->BindMoney(5, g.remaining);  // registered with what is owed now
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  {
    NABIJ_STMT(s, kInsertRecovery);
    for (const payments::Recovery& r : c.recoveries) {
      s->BindInt(1, case_id);
      s->BindMoney(2, r.remaining);
      NABIJ_RETURN_IF_ERROR(s->Run());
      s->Reset();
    }
  }
  return case_id;
}

// --- Runs ------------------------------------------------------------------------------------

Result<std::optional<RunRecord>> SqliteRunStore::FindRun(Month month) {
  NABIJ_STMT(s, kSelectRun);
  s->BindMonth(1, month);
  NABIJ_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return std::optional<RunRecord>();
  NABIJ_ASSIGN_OR_RETURN(RunRecord run, ReadRun(*s));
  return std::optional<RunRecord>(std::move(run));
}

Result<std::vector<RunRecord>> SqliteRunStore::ListRuns() {
  NABIJ_STMT(s, kSelectRuns);
  std::vector<RunRecord> runs;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return runs;
    NABIJ_ASSIGN_OR_RETURN(RunRecord run, ReadRun(*s));
    runs.push_back(std::move(run));
  }
}

Result<RunRecord> SqliteRunStore::CreateRun(const RunRecord& run) {
  NABIJ_STMT(s, kInsertRun);
  s->BindMonth(1, run.month);
  s->BindText(2, payments::RunStatusName(run.status));
  s->BindText(3, run.prepared_by);
  s->BindTextOrNull(4, run.approved_by);
  s->BindText(5, run.rules_version);
  s->BindDate(6, run.booking_date);
  s->BindText(7, run.created_at);
  auto row = s->Step();
  if (!row.ok()) {
    if (row.error().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kAlreadyExists, "a payment run for " + run.month.ToString() + " exists", "month");
    }
    return row.error();
  }
  NABIJ_CHECK(*row);
  RunRecord created = run;
  created.id = s->Int(0);
  return created;
}

Status SqliteRunStore::SetStatus(int64_t run_id, RunStatus from, RunStatus to, const std::string& user) {
  {
    NABIJ_STMT(s, kUpdateStatus);
    s->BindInt(1, run_id);
    s->BindText(2, payments::RunStatusName(from));
    s->BindText(3, payments::RunStatusName(to));
    s->BindText(4, user);
    NABIJ_ASSIGN_OR_RETURN(bool updated, s->Step());
    if (updated) return Status::Ok();
  }
  NABIJ_STMT(s, kSelectRunById);
  s->BindInt(1, run_id);
  NABIJ_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return NoSuchRun(run_id);
  return Status(ErrorCode::kFailedPrecondition,
                "payment run " + std::to_string(run_id) + " is " + s->Text(1) + ", not " +
                    std::string(payments::RunStatusName(from)),
                "status");
}

// --- LoadPendingCases ------------------------------------------------------------------------

Result<std::vector<RunCase>> SqliteRunStore::LoadPendingCases(int64_t run_id, Month month, int64_t after_case_id,
                                                              int limit) {
  if (limit < 1) return InvalidArgument("the batch size is at least 1", "limit");
  NABIJ_RETURN_IF_ERROR(EnsureBatchTable());
  // One read transaction: every query of the batch sees the same state.
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  NABIJ_RETURN_IF_ERROR(CheckRun(run_id, month, false));
  {
    NABIJ_STMT(s, kClearBatch);
    NABIJ_RETURN_IF_ERROR(s->Run());
  }
  {
    NABIJ_STMT(fill, kFillBatch);
    fill->BindInt(1, after_case_id);
    fill->BindDate(2, month.last_day());
    fill->BindDate(3, month.Add(-3).first_day());
    fill->BindInt(4, run_id);
    fill->BindInt(5, limit);
    NABIJ_RETURN_IF_ERROR(fill->Run());
  }
  NABIJ_ASSIGN_OR_RETURN(std::vector<RunCase> cases, LoadBatchCases(run_id));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return cases;
}

Result<RunCase> SqliteRunStore::LoadCase(int64_t case_id) {
  NABIJ_RETURN_IF_ERROR(EnsureBatchTable());
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  {
    NABIJ_STMT(s, kClearBatch);
    NABIJ_RETURN_IF_ERROR(s->Run());
  }
  {
    NABIJ_STMT(s, kAddToBatch);
    s->BindInt(1, case_id);
    NABIJ_RETURN_IF_ERROR(s->Run());
  }
  // Run id 0 is no run: the vakantietoeslag reserved over every run counts.
  NABIJ_ASSIGN_OR_RETURN(std::vector<RunCase> cases, LoadBatchCases(0));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  if (cases.empty()) return Status(ErrorCode::kNotFound, "er is geen dossier " + std::to_string(case_id), "case_id");
  return std::move(cases.front());
}

Result<std::vector<RunCase>> SqliteRunStore::LoadBatchCases(int64_t run_id) {
  std::vector<RunCase> cases;
  std::vector<int64_t> ids;  // ascending, parallel to `cases`
  {
    NABIJ_STMT(s, kSelectPending);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      Row r(*s);
      RunCase c;
      c.case_id = r.Int(0);
      c.gemeente = r.Text(1);
      c.start = r.DateAt(2);
      c.end = r.OptionalDate(3);
      c.split_between_partners = r.Bool(4);
      c.vakantietoeslag_monthly = r.Bool(5);
      c.history.medisch_urenbeperkt = r.Bool(6);
      c.vt_reserved = r.Cents(7);
      c.history.applicant_id = r.Int(8);
      c.applicant = {r.Text(9), r.Text(11), r.OptionalBsn(15)};
      c.history.applicant_birth = r.DateAt(10);
      if (!r.IsNull(12)) c.partner = payments::Payee{r.Text(13), r.Text(14), r.OptionalBsn(16)};
      NABIJ_RETURN_IF_ERROR(r.status("cases"));
      ids.push_back(c.case_id);
      cases.push_back(std::move(c));
    }
  }
  if (cases.empty()) return cases;
  auto case_of = [&](int64_t case_id) -> RunCase& {
    auto it = std::lower_bound(ids.begin(), ids.end(), case_id);
    NABIJ_CHECK(it != ids.end() && *it == case_id);  // the queries join on the batch
    return cases[static_cast<size_t>(it - ids.begin())];
  };
  // Runs `sql` and hands each row to `read`, which fills the case of column 0.
  auto for_each_row = [&](const char* sql, std::string_view table, auto&& read) -> Status {
    NABIJ_STMT(s, sql);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return Status::Ok();
      Row r(*s);
      read(case_of(r.Int(0)), r);
      NABIJ_RETURN_IF_ERROR(r.status(table));
    }
  };

  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectMembers, "case_members", [](RunCase& c, Row& r) {
    pw::MemberFact m;
    m.person_id = r.Int(1);
    m.role = r.Enum(2, kRoles);
    m.birth = r.DateAt(3);
    m.valid_from = r.DateAt(4);
    m.valid_until = r.OptionalDate(5);
    m.entitled = r.Bool(6);
    m.housemate.relation = r.Enum(7, kRelations);
    m.housemate.education = r.Enum(8, kEducations);
    m.housemate.commercial_contract = r.Bool(9);
    m.housemate.third_party_contract = r.Bool(10);
    if (m.role == pw::Role::kHousemate) m.housemate.birth = m.birth;
    c.history.members.push_back(m);
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectIncomes, "incomes", [](RunCase& c, Row& r) {
    c.history.incomes.push_back({r.Int(1), r.MonthAt(2), r.Cents(3), r.Cents(4)});
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectPeriods, "vrijlating_periods", [](RunCase& c, Row& r) {
    c.history.periods.push_back({r.Int(1), r.Enum(2, kPeriodRules), r.MonthAt(3)});
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectAssets, "assets", [](RunCase& c, Row& r) {
    c.history.assets.push_back({r.DateAt(1), r.Cents(2)});
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectInstructions, "instructions", [](RunCase& c, Row& r) {
    payments::StandingInstruction i;
    i.id = r.Int(1);
    i.kind = r.Checked(2, InstructionKindOf(r.Text(2)));
    i.creditor = {r.Text(3), r.Text(4)};
    i.amount = r.Cents(5);
    i.valid_from = r.DateAt(6);
    i.valid_until = r.OptionalDate(7);
    c.instructions.push_back(std::move(i));
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectGarnishments, "garnishments", [](RunCase& c, Row& r) {
    c.garnishments.push_back({r.Int(1), {r.Text(2), r.Text(3)}, r.Text(4), r.Cents(5)});
  }));
  NABIJ_RETURN_IF_ERROR(for_each_row(kSelectRecoveries, "recoveries", [](RunCase& c, Row& r) {
    c.recoveries.push_back({r.Int(1), r.Cents(2)});
  }));
  {
    NABIJ_STMT(s, kSelectVtReserved);
    s->BindInt(1, run_id);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      case_of(s->Int(0)).vt_reserved += s->MoneyAt(1);
    }
  }
  return cases;
}

// --- SaveBatch and the ledger ----------------------------------------------------------------

Status SqliteRunStore::InsertEntry(const ledger::Entry& e) {
  int64_t entry_id = 0;
  {
    NABIJ_STMT(s, kInsertEntry);
    s->BindText(1, e.reference);
    s->BindDate(2, e.booking_date);
    s->BindText(3, e.description);
    if (e.reverses) {
      s->BindInt(4, static_cast<int64_t>(*e.reverses));
    } else {
      s->BindNull(4);
    }
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    NABIJ_CHECK(row);
    entry_id = s->Int(0);
  }
  NABIJ_STMT(p, kInsertPosting);
  for (size_t i = 0; i < e.postings.size(); ++i) {
    p->BindInt(1, entry_id);
    p->BindInt(2, static_cast<int64_t>(i + 1));
    p->BindText(3, e.postings[i].account);
    p->BindMoney(4, e.postings[i].amount);
    NABIJ_RETURN_IF_ERROR(p->Run());
    p->Reset();
  }
  return Status::Ok();
}

Status SqliteRunStore::SaveBatch(int64_t run_id, const std::vector<CaseOutcome>& outcomes,
                                 const std::function<Status()>& within) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].entry) continue;
    Status valid = ledger::Validate(*outcomes[i].entry);
    if (!valid.ok()) {
      return Status(ErrorCode::kInvalidArgument,
                    "the ledger entry of case " + std::to_string(outcomes[i].case_id) + " is not valid: " +
                        valid.message(),
                    "outcomes[" + std::to_string(i) + "].entry." + valid.field());
    }
  }
  {
    NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
    NABIJ_RETURN_IF_ERROR(CheckRun(run_id, std::nullopt, true));
    if (SaveBatchRows(run_id, outcomes).ok()) {
      if (within) NABIJ_RETURN_IF_ERROR(within());
      return tx.Commit();
    }
  }  // rolled back: nothing of the batch is stored
  // Something in the batch breaks a rule. Again, one row per statement in case order, so that the
  // error is the one of the first case that breaks it, with the case named (and kAlreadyExists
  // for a second line of a case), exactly as before the batched statements.
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_RETURN_IF_ERROR(CheckRun(run_id, std::nullopt, true));
  NABIJ_RETURN_IF_ERROR(SaveBatchRowByRow(run_id, outcomes));
  if (within) NABIJ_RETURN_IF_ERROR(within());
  return tx.Commit();
}

// The batch with many rows per statement: all lines, all payments, all recovery offsets, then
// each case's ledger entry and its postings (two statements per entry: the postings of an entry
// must follow it). Inside the caller's transaction; on an error the caller rolls back.
Status SqliteRunStore::SaveBatchRows(int64_t run_id, const std::vector<CaseOutcome>& outcomes) {
  NABIJ_RETURN_IF_ERROR(
      InsertRows(kLinesHead, kLineColumns, outcomes.size(), [&](Statement& s, int p, size_t i) {
        const CaseOutcome& o = outcomes[i];
        s.BindInt(p, run_id);
        s.BindInt(p + 1, o.case_id);
        s.BindBool(p + 2, o.ok);
        BindView(s, p + 3, o.error_code);
        BindView(s, p + 4, o.error_message);
        s.BindMoney(p + 5, o.bijstand);
        s.BindMoney(p + 6, o.vt_reserved);
        s.BindMoney(p + 7, o.vt_paid);
        s.BindMoney(p + 8, o.garnished);
        s.BindMoney(p + 9, o.recovered);
        s.BindMoney(p + 10, o.direct);
        s.BindMoney(p + 11, o.to_client);
        BindWithheld(s, p + 12, o);
      }));

  struct PaymentRef {
    const CaseOutcome* o;
    size_t seq;  // index in o->payments
  };
  struct OffsetRef {
    const CaseOutcome* o;
    size_t index;  // in o->recoveries_applied
  };
  std::vector<PaymentRef> pays;
  std::vector<OffsetRef> offsets;
  for (const CaseOutcome& o : outcomes) {
    for (size_t j = 0; j < o.payments.size(); ++j) pays.push_back({&o, j});
    for (size_t j = 0; j < o.recoveries_applied.size(); ++j) offsets.push_back({&o, j});
  }
  NABIJ_RETURN_IF_ERROR(
      InsertRows(kPaymentsHead, kPaymentColumns, pays.size(), [&](Statement& s, int p, size_t i) {
        const CaseOutcome& o = *pays[i].o;
        const Payment& pay = o.payments[pays[i].seq];
        s.BindInt(p, run_id);
        s.BindInt(p + 1, o.case_id);
        s.BindInt(p + 2, static_cast<int64_t>(pays[i].seq + 1));
        BindView(s, p + 3, payments::PaymentKindName(pay.kind));
        BindView(s, p + 4, pay.creditor.name);
        BindView(s, p + 5, pay.creditor.iban);
        s.BindMoney(p + 6, pay.amount);
        BindView(s, p + 7, pay.end_to_end_id);
        BindView(s, p + 8, pay.remittance);
        s.BindIdOrNull(p + 9, pay.garnishment_id);
      }));
  NABIJ_RETURN_IF_ERROR(
      InsertRows(kOffsetsHead, kOffsetColumns, offsets.size(), [&](Statement& s, int p, size_t i) {
        const CaseOutcome& o = *offsets[i].o;
        const auto& [recovery_id, amount] = o.recoveries_applied[offsets[i].index];
        s.BindInt(p, run_id);
        s.BindInt(p + 1, o.case_id);
        s.BindInt(p + 2, recovery_id);
        s.BindMoney(p + 3, amount);
      }));

  NABIJ_STMT(entry, kInsertEntryPlain);
  for (const CaseOutcome& o : outcomes) {
    if (!o.entry) continue;
    const ledger::Entry& e = *o.entry;
    BindView(*entry, 1, e.reference);
    entry->BindDate(2, e.booking_date);
    BindView(*entry, 3, e.description);
    if (e.reverses) {
      entry->BindInt(4, static_cast<int64_t>(*e.reverses));
    } else {
      entry->BindNull(4);
    }
    Status inserted = entry->Run();
    entry->Reset();
    NABIJ_RETURN_IF_ERROR(inserted);
    const int64_t entry_id = sqlite3_last_insert_rowid(db_.handle());
    NABIJ_RETURN_IF_ERROR(InsertRows(kPostingsHead, kPostingColumns, e.postings.size(),
                                     [&](Statement& s, int p, size_t i) {
                                       s.BindInt(p, entry_id);
                                       s.BindInt(p + 1, static_cast<int64_t>(i + 1));
                                       BindView(s, p + 2, e.postings[i].account);
                                       s.BindMoney(p + 3, e.postings[i].amount);
                                     }));
  }
  return Status::Ok();
}

// The batch statement by statement, in case order: slower, but the first error names its case.
Status SqliteRunStore::SaveBatchRowByRow(int64_t run_id, const std::vector<CaseOutcome>& outcomes) {
  NABIJ_STMT(line, kInsertLine);
  NABIJ_STMT(pay, kInsertPayment);
  NABIJ_STMT(off, kInsertOffset);
  for (const CaseOutcome& o : outcomes) {
    auto context = [&] { return "saving case " + std::to_string(o.case_id) + " of run " + std::to_string(run_id); };
    line->BindInt(1, run_id);
    line->BindInt(2, o.case_id);
    line->BindBool(3, o.ok);
    line->BindText(4, o.error_code);
    line->BindText(5, o.error_message);
    line->BindMoney(6, o.bijstand);
    line->BindMoney(7, o.vt_reserved);
    line->BindMoney(8, o.vt_paid);
    line->BindMoney(9, o.garnished);
    line->BindMoney(10, o.recovered);
    line->BindMoney(11, o.direct);
    line->BindMoney(12, o.to_client);
    BindWithheld(*line, 13, o);
    Status saved = line->Run();
    line->Reset();
    if (saved.code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kAlreadyExists,
                    "case " + std::to_string(o.case_id) + " already has a line in run " + std::to_string(run_id) +
                        "; nothing of the batch is stored",
                    "case_id");
    }
    if (!saved.ok()) return WithContext(saved, context());
    for (size_t j = 0; j < o.payments.size(); ++j) {
      const Payment& p = o.payments[j];
      pay->BindInt(1, run_id);
      pay->BindInt(2, o.case_id);
      pay->BindInt(3, static_cast<int64_t>(j + 1));
      pay->BindText(4, payments::PaymentKindName(p.kind));
      pay->BindText(5, p.creditor.name);
      pay->BindText(6, p.creditor.iban);
      pay->BindMoney(7, p.amount);
      pay->BindText(8, p.end_to_end_id);
      pay->BindText(9, p.remittance);
      pay->BindIdOrNull(10, p.garnishment_id);
      Status s = pay->Run();
      pay->Reset();
      if (!s.ok()) return WithContext(s, context());
    }
    for (const auto& [recovery_id, amount] : o.recoveries_applied) {
      off->BindInt(1, run_id);
      off->BindInt(2, o.case_id);
      off->BindInt(3, recovery_id);
      off->BindMoney(4, amount);
      Status s = off->Run();
      off->Reset();
      if (!s.ok()) return WithContext(s, context());
    }
    if (o.entry) {
      Status s = InsertEntry(*o.entry);
      if (!s.ok()) return WithContext(s, context());
    }
  }
  return Status::Ok();
}

Status SqliteRunStore::AppendEntryOnce(const ledger::Entry& e) {
  Status valid = ledger::Validate(e);
  if (!valid.ok()) return valid;
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  int64_t entry_id = 0;
  {
    NABIJ_STMT(s, kInsertEntryOnce);
    s->BindText(1, e.reference);
    s->BindDate(2, e.booking_date);
    s->BindText(3, e.description);
    if (e.reverses) {
      s->BindInt(4, static_cast<int64_t>(*e.reverses));
    } else {
      s->BindNull(4);
    }
    NABIJ_ASSIGN_OR_RETURN(bool inserted, s->Step());
    if (!inserted) return Status::Ok();  // booked before: nothing to do (the rollback is harmless)
    entry_id = s->Int(0);
  }
  NABIJ_STMT(p, kInsertPosting);
  for (size_t i = 0; i < e.postings.size(); ++i) {
    p->BindInt(1, entry_id);
    p->BindInt(2, static_cast<int64_t>(i + 1));
    p->BindText(3, e.postings[i].account);
    p->BindMoney(4, e.postings[i].amount);
    NABIJ_RETURN_IF_ERROR(p->Run());
    p->Reset();
  }
  return tx.Commit();
}

Result<ledger::TrialBalance> SqliteRunStore::TrialBalance(Date until) {
  ledger::TrialBalance tb;
  tb.from = Date::Of(kFirstYear, 1, 1);
  tb.until = until.AddDays(1);
  NABIJ_STMT(s, kSelectTrialBalance);
  s->BindDate(1, until);
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    ledger::TrialBalanceLine l;
    l.account = s->Text(0);
    l.kind = ledger::KindOf(l.account);
    l.debit = s->MoneyAt(1);
    l.credit = s->MoneyAt(2);
    l.balance = l.debit - l.credit;
    tb.total_debit += l.debit;
    tb.total_credit += l.credit;
    tb.lines.push_back(std::move(l));
  }
  // Every entry was validated to sum to zero before it was written, and none can change.
  NABIJ_CHECK(tb.total_debit == tb.total_credit);
  return tb;
}

// --- Reports of a run ------------------------------------------------------------------------

Result<RunTotals> SqliteRunStore::Totals(int64_t run_id) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  NABIJ_RETURN_IF_ERROR(CheckRun(run_id, std::nullopt, false));
  RunTotals t;
  {
    NABIJ_STMT(s, kSelectTotals);
    s->BindInt(1, run_id);
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    NABIJ_CHECK(row);  // an aggregate always gives a row
    t.cases = s->Int(0);
    t.failed = s->Int(1);
    t.bijstand = s->MoneyAt(2);
    t.vt_reserved = s->MoneyAt(3);
    t.vt_paid = s->MoneyAt(4);
    t.garnished = s->MoneyAt(5);
    t.recovered = s->MoneyAt(6);
    t.direct = s->MoneyAt(7);
    t.to_client = s->MoneyAt(8);
    t.debt_withheld = s->MoneyAt(9);
  }
  {
    NABIJ_STMT(s, kCountPayments);
    s->BindInt(1, run_id);
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    NABIJ_CHECK(row);
    t.payments = s->Int(0);
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return t;
}

Result<std::vector<FailedLine>> SqliteRunStore::FailedLines(int64_t run_id) {
  NABIJ_RETURN_IF_ERROR(CheckRun(run_id, std::nullopt, false));
  std::vector<FailedLine> out;
  NABIJ_STMT(s, kSelectFailed);
  s->BindInt(1, run_id);
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back({s->Int(0), s->Text(1), s->Text(2)});
  }
  return out;
}

Result<std::vector<Payment>> SqliteRunStore::Payments(int64_t run_id) {
  NABIJ_RETURN_IF_ERROR(CheckRun(run_id, std::nullopt, false));
  std::vector<Payment> out;
  {
    // The count first, only as the capacity: a run's 150,000 payments are not moved on the way.
    NABIJ_STMT(c, kCountPayments);
    c->BindInt(1, run_id);
    NABIJ_ASSIGN_OR_RETURN(bool row, c->Step());
    if (row) out.reserve(static_cast<size_t>(std::max<int64_t>(c->Int(0), 0)));
  }
  NABIJ_STMT(s, kSelectPayments);
  s->BindInt(1, run_id);
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    Row r(*s);
    Payment p;
    p.kind = r.Checked(0, PaymentKindOf(s->TextView(0)));
    p.creditor = {r.Text(1), r.Text(2)};
    p.amount = r.Cents(3);
    p.end_to_end_id = r.Text(4);
    p.remittance = r.Text(5);
    p.garnishment_id = r.IsNull(6) ? 0 : r.Int(6);
    NABIJ_RETURN_IF_ERROR(r.status("run_payments"));
    out.push_back(std::move(p));
  }
  return out;
}

// --- Case files ------------------------------------------------------------------------------

Result<std::vector<payments::CaseSummary>> SqliteRunStore::SearchCases(const payments::CaseQuery& query) {
  if (query.text.empty()) return InvalidArgument("give a name fragment, a BSN or a case number", "q");
  constexpr int kMaxResults = 500;
  if (query.limit < 1 || query.limit > kMaxResults) return InvalidArgument("the limit is 1 to 500", "limit");
  std::vector<payments::CaseSummary> out;
  auto collect = [&](const char* sql, auto&& bind) -> Status {
    NABIJ_STMT(s, sql);
    bind(*s);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return Status::Ok();
      Row r(*s);
      payments::CaseSummary c;
      c.id = r.Int(0);
      c.applicant_name = r.Text(1);
      c.start = r.DateAt(2);
      c.end = r.OptionalDate(3);
      c.members = static_cast<int>(r.Int(4));
      c.applicant_bsn = r.OptionalBsn(5);
      NABIJ_RETURN_IF_ERROR(r.status("cases"));
      out.push_back(std::move(c));
    }
  };
  const bool digits = query.text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    std::string pattern = "%";
    for (char ch : query.text) {
      if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
      pattern += ch;
    }
    pattern += '%';
    NABIJ_RETURN_IF_ERROR(collect(kSearchName, [&](Statement& st) {
      st.BindText(1, pattern);
      st.BindInt(2, query.limit);
    }));
    return out;
  }
  // Digits are a case number, or a BSN when they pass the elfproef: both are looked up.
  if (query.text.size() <= 18) {
    NABIJ_RETURN_IF_ERROR(collect(kSearchCaseNumber, [&](Statement& st) { st.BindInt(1, std::stoll(query.text)); }));
  }
  if (auto bsn = Bsn::Parse(query.text); bsn.ok()) {
    NABIJ_RETURN_IF_ERROR(collect(kSearchBsn, [&](Statement& st) {
      st.BindText(1, bsn->digits());
      st.BindInt(2, query.limit);
    }));
  }
  auto by_id = [](const payments::CaseSummary& x, const payments::CaseSummary& y) { return x.id < y.id; };
  std::stable_sort(out.begin(), out.end(), by_id);
  out.erase(std::unique(out.begin(), out.end(),
                        [](const payments::CaseSummary& x, const payments::CaseSummary& y) { return x.id == y.id; }),
            out.end());
  if (std::ssize(out) > query.limit) out.resize(static_cast<size_t>(query.limit));
  return out;
}

Result<std::optional<payments::CaseFile>> SqliteRunStore::LoadCaseFile(int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  auto c = LoadCase(id);  // a savepoint in this read transaction
  if (!c.ok() && c.status().code() == ErrorCode::kNotFound) return std::optional<payments::CaseFile>();
  if (!c.ok()) return c.status();
  payments::CaseFile file;
  file.c = std::move(*c);
  {
    NABIJ_STMT(s, kSelectCaseRunLines);
    s->BindInt(1, id);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      Row r(*s);
      payments::CaseRunLine l;
      l.month = r.MonthAt(0);
      l.run_status = r.Checked(1, RunStatusOf(s->TextView(1)));
      l.ok = r.Bool(2);
      l.error_code = r.Text(3);
      l.error_message = r.Text(4);
      l.bijstand = r.Cents(5);
      l.vt_reserved = r.Cents(6);
      l.vt_paid = r.Cents(7);
      l.garnished = r.Cents(8);
      l.recovered = r.Cents(9);
      l.direct = r.Cents(10);
      l.to_client = r.Cents(11);
      l.debt_withheld = r.Cents(12);
      NABIJ_RETURN_IF_ERROR(r.status("run_lines"));
      file.runs.push_back(std::move(l));
    }
  }
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return std::optional<payments::CaseFile>(std::move(file));
}

}  // namespace nabij::store
