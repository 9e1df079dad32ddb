#include "store/sqlite/database.h"

#include <sqlite3.h>

#include <algorithm>

#include "store/sqlite/migrations.h"

namespace nabij::store {
namespace {

ErrorCode CodeOf(int rc) {
  // A second row with the same key: creating something that exists.
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) return ErrorCode::kAlreadyExists;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return ErrorCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kConflict;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return ErrorCode::kIo;
    case SQLITE_NOMEM:
      return ErrorCode::kResourceExhausted;
    default:
      return ErrorCode::kInternal;
  }
}

// Reads one text value from a statement without parameters (PRAGMA results).
Result<std::string> QueryText(SqliteDatabase& db, std::string_view sql) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Status(ErrorCode::kInternal, "no result from " + std::string(sql));
  return s.Text(0);
}

Status TooNew(const std::filesystem::path& path, int version, int latest) {
  return Status(ErrorCode::kFailedPrecondition,
                "the database " + path.string() + " has schema version " + std::to_string(version) +
                    ", newer than this program knows (" + std::to_string(latest) +
                    "); use the nabij version that wrote it or a later one",
                "schema_version");
}

}  // namespace

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  // sqlite3_errmsg names tables, columns and constraints, never a bound value.
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Status(CodeOf(rc), std::string(what) + ": " + msg);
}

// --- Statement -------------------------------------------------------------------------------

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::BindText(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

void Statement::BindTextOrNull(int index, std::string_view value) {
  if (value.empty()) {
    BindNull(index);
  } else {
    BindText(index, value);
  }
}

void Statement::BindIdOrNull(int index, int64_t id) {
  if (id == 0) {
    BindNull(index);
  } else {
    BindInt(index, id);
  }
}

void Statement::BindDateOrNull(int index, const std::optional<Date>& value) {
  if (value) {
    BindDate(index, *value);
  } else {
    BindNull(index);
  }
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(sqlite3_db_handle(stmt_), rc, "database statement failed");
}

Status Statement::Run() {
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Statement::TextView(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Text(int column) const { return std::string(TextView(column)); }

// --- SqliteDatabase --------------------------------------------------------------------------

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::filesystem::path& path,
                                                             OpenOptions options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw, path));  // closes raw on every return
  if (rc != SQLITE_OK) {
    return SqliteStatus(raw, rc, "cannot open the database " + path.string());
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);

  // The first read of the file: a file that is not a database fails here.
  auto mode = QueryText(*db, "PRAGMA journal_mode=WAL");
  if (!mode.ok()) {
    return Status(mode.error().code(), "cannot use " + path.string() + " as a database: " + mode.error().message());
  }
  if (*mode != "wal" && path != ":memory:") {
    return Status(ErrorCode::kFailedPrecondition,
                  "the database " + path.string() + " cannot use write-ahead logging (journal mode " + *mode + ")");
  }
  NABIJ_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
  NABIJ_ASSIGN_OR_RETURN(std::string fk, QueryText(*db, "PRAGMA foreign_keys"));
  if (fk != "1") return Status(ErrorCode::kFailedPrecondition, "this SQLite cannot enforce foreign keys");
  NABIJ_RETURN_IF_ERROR(db->Exec(options.synchronous == Synchronous::kFull ? "PRAGMA synchronous=FULL"
                                                                           : "PRAGMA synchronous=NORMAL"));
  // Statement journals (every INSERT inside a transaction with foreign keys has one) and the
  // temporary tables in memory: with temporary files SQLite allocates a 64 KiB spill buffer per
  // statement, which made storing cases 20 times slower (5,000 cases: 4.8 s, in memory 0.23 s).
  NABIJ_RETURN_IF_ERROR(db->Exec("PRAGMA temp_store=MEMORY"));
  return db;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

Status SqliteDatabase::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "database statement failed");
  return Status::Ok();
}

Result<Statement> SqliteDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "cannot prepare a database statement");
  return Statement(stmt);
}

int SqliteDatabase::LatestSchemaVersion() {
  int latest = 0;
  for (const Migration& m : Migrations()) latest = std::max(latest, m.version);
  return latest;
}

Result<int> SqliteDatabase::SchemaVersion() {
  NABIJ_ASSIGN_OR_RETURN(Statement has,
                         Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"));
  NABIJ_ASSIGN_OR_RETURN(bool row, has.Step());
  if (!row || has.Int(0) == 0) return 0;
  NABIJ_ASSIGN_OR_RETURN(Statement max, Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  NABIJ_ASSIGN_OR_RETURN(row, max.Step());
  if (!row) return 0;
  return static_cast<int>(max.Int(0));
}

Status SqliteDatabase::Migrate() {
  const int latest = LatestSchemaVersion();
  NABIJ_RETURN_IF_ERROR(Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT"));
  for (const Migration& m : Migrations()) {
    NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*this, Transaction::Mode::kImmediate));
    // Read inside the write transaction: another process may have migrated in the meantime.
    NABIJ_ASSIGN_OR_RETURN(int version, SchemaVersion());
    if (version > latest) {
      return TooNew(path_, version, latest);
    }
    if (m.version <= version) continue;
    if (m.version != version + 1) {
      return Status(ErrorCode::kInternal, "migration " + std::to_string(m.version) + " follows version " +
                                              std::to_string(version) + ": the numbering has a gap");
    }
    Status applied = Exec(m.sql);
    if (!applied.ok()) {
      return Status(applied.code(), "migration " + std::to_string(m.version) + " failed: " + applied.message());
    }
    NABIJ_ASSIGN_OR_RETURN(Statement record,
                           Prepare("INSERT INTO schema_migrations (version, applied_at) "
                                   "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"));
    record.BindInt(1, m.version);
    NABIJ_RETURN_IF_ERROR(record.Run());
    NABIJ_RETURN_IF_ERROR(tx.Commit());
  }
  // Also refuse a newer database when this program has nothing left to apply.
  NABIJ_ASSIGN_OR_RETURN(int version, SchemaVersion());
  if (version > latest) {
    return TooNew(path_, version, latest);
  }
  return Status::Ok();
}

// --- Transaction -----------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(SqliteDatabase& db, Mode mode) {
  if (sqlite3_get_autocommit(db.handle()) == 0) {
    // Inside the caller's transaction: a savepoint, so this part commits or rolls back with it.
    NABIJ_RETURN_IF_ERROR(db.Exec("SAVEPOINT nabij_nested"));
    return Transaction(&db, /*nested=*/true);
  }
  NABIJ_RETURN_IF_ERROR(db.Exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN"));
  return Transaction(&db, /*nested=*/false);
}

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  (void)db_->Exec(nested_ ? "ROLLBACK TO nabij_nested; RELEASE nabij_nested" : "ROLLBACK");
}

Status Transaction::Commit() {
  NABIJ_CHECK(db_ != nullptr);
  Status s = db_->Exec(nested_ ? "RELEASE nabij_nested" : "COMMIT");
  if (s.ok()) db_ = nullptr;  // on failure the destructor rolls back
  return s;
}

}  // namespace nabij::store
