// The SQLite backend: the RunStore suite on a real temporary file (StoreBackends below), and what
// only SQLite has: the file, its pragmas, the numbered migrations and SQLite's own messages.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/run_store.h"
#include "store_backend.h"
#include "test_cases.h"

namespace nabij::store::testing {
namespace {

// A fresh directory under the system's temporary directory, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "nabij_store_XXXXXX").string();
    NABIJ_CHECK(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class SqliteUnderTest final : public StoreUnderTest {
 public:
  static Result<std::unique_ptr<StoreUnderTest>> Open() {
    auto t = std::make_unique<SqliteUnderTest>();
    NABIJ_ASSIGN_OR_RETURN(t->db_, SqliteDatabase::Open(t->dir_.path() / "nabij.db"));
    NABIJ_RETURN_IF_ERROR(t->db_->Migrate());
    t->store_ = std::make_unique<SqliteRunStore>(*t->db_);
    return std::unique_ptr<StoreUnderTest>(std::move(t));
  }
  payments::RunStore& store() override { return *store_; }
  Status ExecSql(std::string_view sql) override { return db_->Exec(sql); }

 private:
  ScratchDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<SqliteRunStore> store_;
};

std::string QueryText(SqliteDatabase& db, std::string_view sql) {
  auto s = db.Prepare(sql);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return {};
  auto row = s->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? s->Text(0) : std::string();
}

std::unique_ptr<SqliteDatabase> OpenOrDie(const std::filesystem::path& path, OpenOptions options = {}) {
  auto db = SqliteDatabase::Open(path, options);
  NABIJ_CHECK(db.ok());
  return std::move(*db);
}

TEST(SqliteStoreTest, MigratesAnEmptyDatabase) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_EQ(db->SchemaVersion().value(), 0);
  ASSERT_TRUE(db->Migrate().ok());
  EXPECT_EQ(db->SchemaVersion().value(), SqliteDatabase::LatestSchemaVersion());
  EXPECT_GE(SqliteDatabase::LatestSchemaVersion(), 1);
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM schema_migrations"),
            std::to_string(SqliteDatabase::LatestSchemaVersion()));
  EXPECT_EQ(QueryText(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(*db, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText(*db, "PRAGMA synchronous"), "1");  // NORMAL
  EXPECT_EQ(QueryText(*db, "PRAGMA busy_timeout"), "5000");
  EXPECT_EQ(QueryText(*db, "PRAGMA temp_store"), "2");  // MEMORY
  // Every table is STRICT.
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' AND strict = 0"),
            "0");
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                           "AND name IN ('persons', 'cases', 'runs', 'run_lines', 'run_payments', "
                           "'ledger_entries', 'ledger_postings', 'events')"),
            "8");
}

TEST(SqliteStoreTest, ReopeningAndMigratingAgainChangesNothing) {
  ScratchDir dir;
  const auto path = dir.path() / "nabij.db";
  int64_t case_id = 0;
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(db->Migrate().ok());
    SqliteRunStore store(*db);
    auto id = store.AddCase(SimpleCase(1, Date::Of(2025, 1, 1)));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    case_id = *id;
  }
  auto db = OpenOrDie(path, {.synchronous = Synchronous::kFull});
  EXPECT_EQ(QueryText(*db, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(db->SchemaVersion().value(), SqliteDatabase::LatestSchemaVersion());
  ASSERT_TRUE(db->Migrate().ok());
  ASSERT_TRUE(db->Migrate().ok());
  EXPECT_EQ(db->SchemaVersion().value(), SqliteDatabase::LatestSchemaVersion());
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM schema_migrations"),
            std::to_string(SqliteDatabase::LatestSchemaVersion()));
  SqliteRunStore store(*db);
  payments::RunRecord run;
  run.month = Month::Of(2026, 3);
  run.prepared_by = "test";
  run.booking_date = Date::Of(2026, 3, 25);
  auto created = store.CreateRun(run);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto pending = store.LoadPendingCases(created->id, run.month, 0, 10);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].case_id, case_id);
  EXPECT_EQ((*pending)[0].applicant.name, TestName(1));
}

// A database of version 6 holds a change to a paid month and the recovery claim it opened, but
// the decision does not say what it settled: migration 7 gives it back from the claim that names
// it, and decisions stay append-only afterwards.
TEST(SqliteStoreTest, MigrationSevenGivesAnEarlierChangeItsRecoveryBack) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_TRUE(db->Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT")
                  .ok());
  for (const Migration& m : Migrations()) {
    if (m.version > 6) break;
    ASSERT_TRUE(db->Exec(m.sql).ok()) << m.version;
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '2026-12-01T00:00:00Z')")
                    .ok());
  }
  SqliteRunStore runs(*db);
  auto case_id = runs.AddCase(SimpleCase(1, Date::Of(2026, 1, 1)));
  ASSERT_TRUE(case_id.ok()) << case_id.status().ToString();
  const std::string c = std::to_string(*case_id);
  auto decision = [&](int id, const char* kind) {
    ASSERT_TRUE(db->Exec("INSERT INTO decisions (id, case_id, application_id, kind, effective_from, month, bijstand, "
                         "automatic, decided_by, decided_at, rules_version, inputs, result) VALUES (" +
                         std::to_string(id) + ", " + c + ", NULL, '" + kind +
                         "', '2026-03-01', '2026-03', 100000, 0, 'anna', '2026-04-02T10:00:00Z', 'v', '{}', '{}')")
                    .ok());
  };
  decision(7, "wijziging");
  decision(8, "wijziging");  // a second change to March that found nothing to recover
  ASSERT_TRUE(db->Exec("INSERT INTO recoveries (case_id, total, reason) VALUES (" + c +
                       ", 22500, 'te veel betaald over 2026-03 (besluit 7)')")
                  .ok());
  ASSERT_TRUE(db->Migrate().ok());
  EXPECT_EQ(db->SchemaVersion().value(), 7);
  EXPECT_EQ(QueryText(*db, "SELECT overpaid FROM decisions WHERE id = 7"), "22500");
  EXPECT_EQ(QueryText(*db, "SELECT overpaid + underpaid FROM decisions WHERE id = 8"), "0");
  EXPECT_FALSE(db->Exec("UPDATE decisions SET overpaid = 1 WHERE id = 8").ok()) << "append-only again";
}

TEST(SqliteStoreTest, ADatabaseFromANewerProgramIsRefused) {
  ScratchDir dir;
  const auto path = dir.path() / "nabij.db";
  const int newer = SqliteDatabase::LatestSchemaVersion() + 1;
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(db->Migrate().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (" + std::to_string(newer) +
                         ", '2030-01-01T00:00:00Z')")
                    .ok());
  }
  auto db = OpenOrDie(path);
  EXPECT_EQ(db->SchemaVersion().value(), newer);
  Status s = db->Migrate();
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("schema version " + std::to_string(newer)), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("newer than this program knows (" +
                             std::to_string(SqliteDatabase::LatestSchemaVersion()) + ")"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(db->SchemaVersion().value(), newer);  // untouched
}

TEST(SqliteStoreTest, AFileThatIsNotADatabaseIsRefused) {
  ScratchDir dir;
  const auto path = dir.path() / "notes.txt";
  std::ofstream(path) << "This is a text file, not a database. It is long enough to have a header.\n";
  auto db = SqliteDatabase::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::kIo) << db.error().ToString();

  auto missing = SqliteDatabase::Open(dir.path() / "absent.db", {.create_if_missing = false});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kIo);
}

TEST(SqliteStoreTest, ErrorMessagesCarryNoPersonalData) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_TRUE(db->Migrate().ok());
  SqliteRunStore store(*db);
  payments::RunCase c = SimpleCase(77, Date::Of(2025, 6, 1), Date::Of(2025, 5, 31));  // ends before it starts
  c.applicant.name = "Test Persoon Geheim";
  auto refused = store.AddCase(c);
  ASSERT_FALSE(refused.ok());
  const std::string msg = refused.error().ToString();
  EXPECT_NE(msg.find("case_ends_after_start"), std::string::npos) << msg;
  for (const std::string& secret : {c.applicant.name, c.applicant.iban, std::string("2025-05-31"),
                                    c.history.applicant_birth.ToString()}) {
    EXPECT_EQ(msg.find(secret), std::string::npos) << "'" << secret << "' in: " << msg;
  }

  // A payment that breaks a constraint: the creditor's name and IBAN stay out of the message.
  c.end = std::nullopt;
  auto id = store.AddCase(c);
  ASSERT_TRUE(id.ok());
  payments::RunRecord run;
  run.month = Month::Of(2026, 3);
  run.prepared_by = "test";
  run.booking_date = Date::Of(2026, 3, 25);
  auto created = store.CreateRun(run);
  ASSERT_TRUE(created.ok());
  auto pending = store.LoadPendingCases(created->id, run.month, 0, 10);
  ASSERT_TRUE(pending.ok() && pending->size() == 1u);
  payments::CaseOutcome o =
      OutcomeFor((*pending)[0], run.month, run.booking_date, {.bijstand = Money::Cents(1000)});
  o.payments[0].kind = payments::PaymentKind::kBeslag;  // a beslag without its garnishment
  Status s = store.SaveBatch(created->id, {o});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("beslag_names_garnishment"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(c.applicant.name), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(c.applicant.iban), std::string::npos) << s.message();
}

TEST(SqliteStoreTest, AddCasesStoresAllOrNone) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_TRUE(db->Migrate().ok());
  SqliteRunStore store(*db);
  std::vector<payments::RunCase> cases = {SimpleCase(1, Date::Of(2025, 1, 1)), SimpleCase(2, Date::Of(2025, 1, 1))};
  cases.push_back(SimpleCase(3, Date::Of(2025, 1, 1)));
  cases.back().history.periods.push_back({99, pw::PeriodRule::kN, Month::Of(2026, 1)});  // nobody's period
  auto refused = store.AddCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field(), "cases[2].history.periods[0].person_id");
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM cases"), "0");
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM persons"), "0");

  cases.back().history.periods.clear();
  auto ids = store.AddCases(cases);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 3u);
  EXPECT_LT((*ids)[0], (*ids)[1]);
  EXPECT_LT((*ids)[1], (*ids)[2]);
  EXPECT_EQ(QueryText(*db, "SELECT count(*) FROM cases"), "3");
}

// Every line of SQLite's query plan for `sql`, joined.
std::string QueryPlan(SqliteDatabase& db, const std::string& sql) {
  auto s = db.Prepare("EXPLAIN QUERY PLAN " + sql);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  std::string plan;
  while (s.ok()) {
    auto row = s->Step();
    if (!row.ok() || !*row) break;
    plan += s->Text(3) + "\n";
  }
  return plan;
}

TEST(SqliteStoreTest, CasesAreFoundByNumberByBsnOfApplicantOrPartnerAndByName) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_TRUE(db->Migrate().ok());
  SqliteRunStore store(*db);
  const Bsn a = DemoBsn(10);
  const Bsn b = DemoBsn(11);
  // Case 1: a applies alone (ended); case 2: b applies with a as partner; case 3: no BSN known.
  payments::RunCase first = SimpleCase(1, Date::Of(2024, 1, 1), Date::Of(2024, 12, 31));
  first.applicant.bsn = a;
  payments::RunCase second = SimpleCase(2, Date::Of(2025, 1, 1));
  second.applicant.bsn = b;
  second.partner = payments::Payee{TestName(20), TestIban(20), a};
  payments::RunCase third = SimpleCase(3, Date::Of(2025, 1, 1));
  const std::vector<payments::RunCase> cases = {first, second, third};
  auto ids = store.AddCases(cases);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();

  auto found = [&](const std::string& text, int limit = 50) {
    auto r = store.SearchCases({text, limit});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<int64_t> out;
    if (r.ok()) {
      for (const auto& c : *r) out.push_back(c.id);
    }
    return out;
  };
  const int64_t c1 = (*ids)[0], c2 = (*ids)[1], c3 = (*ids)[2];
  EXPECT_EQ(found(a.digits()), (std::vector<int64_t>{c1, c2}));  // applicant of one, partner of the other
  EXPECT_EQ(found(b.digits()), (std::vector<int64_t>{c2}));
  EXPECT_EQ(found(a.digits(), 1), (std::vector<int64_t>{c1}));
  EXPECT_EQ(found(std::to_string(c3)), (std::vector<int64_t>{c3}));  // a case number
  EXPECT_EQ(found("Persoon 2"), (std::vector<int64_t>{c2}));        // a name fragment
  std::string wrong = a.digits();
  wrong[8] = wrong[8] == '9' ? '0' : static_cast<char>(wrong[8] + 1);  // fails the elfproef
  EXPECT_TRUE(found(wrong).empty());

  // The summary carries the applicant's BSN (shown masked), the file both.
  auto hits = store.SearchCases({a.digits(), 50});
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ((*hits)[0].applicant_bsn, a);
  EXPECT_EQ((*hits)[1].applicant_bsn, b);
  auto file = store.LoadCaseFile(c2);
  ASSERT_TRUE(file.ok() && file->has_value());
  EXPECT_EQ((*file)->c.applicant.bsn, b);
  ASSERT_TRUE((*file)->c.partner.has_value());
  EXPECT_EQ((*file)->c.partner->bsn, a);
  auto none = store.LoadCaseFile(c3);
  ASSERT_TRUE(none.ok() && none->has_value());
  EXPECT_FALSE((*none)->c.applicant.bsn.has_value());

  // A BSN is found through its index, not by reading every person.
  const std::string plan = QueryPlan(*db, "SELECT id FROM persons WHERE bsn = '" + a.digits() + "'");
  EXPECT_NE(plan.find("persons_by_bsn"), std::string::npos) << plan;
  // The schema takes nine digits only.
  EXPECT_FALSE(db->Exec("UPDATE persons SET bsn = '12345678' WHERE bsn IS NOT NULL").ok());
  EXPECT_FALSE(db->Exec("UPDATE persons SET bsn = '12345678x' WHERE bsn IS NOT NULL").ok());
}

TEST(SqliteStoreTest, PostingsCannotBeAddedToAnEarlierEntry) {
  ScratchDir dir;
  auto db = OpenOrDie(dir.path() / "nabij.db");
  ASSERT_TRUE(db->Migrate().ok());
  SqliteRunStore store(*db);
  for (const char* ref : {"t:1", "t:2"}) {
    auto e = ledger::MakeEntry(Date::Of(2026, 1, 25), ref, "test",
                               {{ledger::kTeBetalenClient, Money::Cents(100)}, {ledger::kBank, Money::Cents(-100)}});
    ASSERT_TRUE(e.ok());
    ASSERT_TRUE(store.AppendEntryOnce(*e).ok());
  }
  Status s = db->Exec(
      "INSERT INTO ledger_postings (entry_id, seq, account, amount) "
      "SELECT min(id), 3, 'bank', 5 FROM ledger_entries");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("only be added to the entry just booked"), std::string::npos) << s.message();
  // Account names keep their form.
  EXPECT_FALSE(db->Exec("INSERT INTO ledger_postings (entry_id, seq, account, amount) "
                        "SELECT max(id), 3, 'Bank Account', 5 FROM ledger_entries")
                   .ok());
}

TEST(SqliteStoreTest, AWriterWaitsForAnotherConnectionAndThenGivesUp) {
  ScratchDir dir;
  const auto path = dir.path() / "nabij.db";
  auto first = OpenOrDie(path);
  ASSERT_TRUE(first->Migrate().ok());
  auto second = OpenOrDie(path, {.busy_timeout_ms = 50});
  SqliteRunStore store(*second);
  ASSERT_TRUE(first->Exec("BEGIN IMMEDIATE").ok());
  auto blocked = store.AddCase(SimpleCase(1, Date::Of(2025, 1, 1)));
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code(), ErrorCode::kConflict) << blocked.error().ToString();
  ASSERT_TRUE(first->Exec("ROLLBACK").ok());
  EXPECT_TRUE(store.AddCase(SimpleCase(1, Date::Of(2025, 1, 1))).ok());
}

}  // namespace

std::vector<StoreBackend> StoreBackends() { return {{"sqlite", &SqliteUnderTest::Open}}; }

}  // namespace nabij::store::testing
