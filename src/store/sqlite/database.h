// SqliteDatabase: one connection to nabij's embedded SQLite database file, and its schema.
//
// Open creates or opens the file and sets what every connection needs: write-ahead logging
// (readers never block the writer), foreign keys enforced, synchronous=NORMAL (FULL on request:
// NORMAL in WAL mode can lose the last commits on power loss, never consistency) and a busy
// timeout, so separate processes may share the file; temporary storage (statement journals, the
// store's batch table) is kept in memory. Migrate brings the schema to the version this
// program knows by running the numbered migrations of migrations.cc, each in its own transaction,
// and records them in `schema_migrations`; a database written by a newer nabij is refused.
//
// This module is the only code that includes <sqlite3.h>. Error messages carry SQLite's own text
// (table, column and constraint names), never a stored or bound value, so no personal data ends
// up in a Status. A SqliteDatabase and the Statements made from it may be used from one thread
// at a time; open one per thread or process for concurrency.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace nabij::store {

enum class Synchronous { kNormal, kFull };

struct OpenOptions {
  Synchronous synchronous = Synchronous::kNormal;
  bool create_if_missing = true;
  int busy_timeout_ms = 5000;  // how long a writer waits for another process's write to finish
};

// A prepared statement. Bind parameters are 1-based, columns 0-based. Reset() makes it ready
// for the next use and clears the bindings.
class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& o) noexcept : stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void BindInt(int index, int64_t value);
  void BindBool(int index, bool value) { BindInt(index, value ? 1 : 0); }
  void BindMoney(int index, Money value) { BindInt(index, value.cents()); }
  void BindText(int index, std::string_view value);
  void BindDate(int index, Date value) { BindText(index, value.ToString()); }
  void BindMonth(int index, Month value) { BindText(index, value.ToString()); }
  void BindNull(int index);
  // NULL for an empty text or a zero id.
  void BindTextOrNull(int index, std::string_view value);
  void BindIdOrNull(int index, int64_t id);
  void BindDateOrNull(int index, const std::optional<Date>& value);

  // Advances; returns true when a row is ready, false when done, or the error.
  Result<bool> Step();
  // Steps to the end (for statements that return no rows).
  Status Run();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  bool Bool(int column) const { return Int(column) != 0; }
  Money MoneyAt(int column) const { return Money::Cents(Int(column)); }
  std::string Text(int column) const;  // "" for NULL
  std::string_view TextView(int column) const;  // valid until the next Step or Reset

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDatabase {
 public:
  // Opens (and with create_if_missing creates) the database file. Returns kIo when the file
  // cannot be opened or is not a SQLite database, kFailedPrecondition when WAL mode or foreign
  // keys cannot be switched on.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::filesystem::path& path,
                                                      OpenOptions options = {});
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Runs the migrations newer than the database's version, each in one transaction, and records
  // them. Safe to call on every start and from several processes at once. Returns
  // kFailedPrecondition when the database has a version newer than LatestSchemaVersion().
  Status Migrate();
  // The highest migration applied (0 for an empty database).
  Result<int> SchemaVersion();
  // The schema version this program knows.
  static int LatestSchemaVersion();

  // Runs SQL without parameters (one or more statements). For fixed SQL only: a value in the
  // text could reach an error message.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  SqliteDatabase(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// A transaction that rolls back unless committed. kImmediate takes the write lock at once (no
// deadlock between two writers that both started by reading); kDeferred is for consistent reads.
// Begun inside another transaction on the same connection it is a savepoint: its work commits or
// rolls back with the outer transaction, so store methods compose into one atomic change.
class Transaction {
 public:
  enum class Mode { kDeferred, kImmediate };
  static Result<Transaction> Begin(SqliteDatabase& db, Mode mode);
  ~Transaction();
  Transaction(Transaction&& o) noexcept : db_(o.db_), nested_(o.nested_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Commit();

 private:
  Transaction(SqliteDatabase* db, bool nested) : db_(db), nested_(nested) {}
  SqliteDatabase* db_;  // null when committed or moved from
  bool nested_;         // a savepoint inside the caller's transaction
};

// A Status for SQLite result code `rc` on `db` (which may be null): the code mapped to an
// ErrorCode (a duplicate key is kAlreadyExists, another broken constraint kInvalidArgument, a
// lock held too long kConflict, a file problem kIo), the message "<what>: <sqlite's message>".
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

}  // namespace nabij::store
