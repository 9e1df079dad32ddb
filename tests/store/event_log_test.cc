// The audit trail on a real SQLite file: events are kept in order and cannot be changed.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"

namespace nabij::store {
namespace {

TEST(SqliteEventLog, AppendsListsAndRefusesChanges) {
  auto path = std::filesystem::temp_directory_path() / "nabij_event_log_test.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  auto db = SqliteDatabase::Open(path, OpenOptions{});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Migrate().ok());
  SqliteEventLog log(**db);
  ASSERT_TRUE(log.Append({"2026-06-20T09:00:00Z", "anna", "run.prepared", 0, "betaalrun 2026-06: 2000 dossiers"}).ok());
  ASSERT_TRUE(log.Append({"2026-06-20T10:00:00Z", "bert", "run.approved", 0, "betaalrun 2026-06"}).ok());
  EXPECT_EQ(log.Append({"2026-06-20T10:00:00Z", "", "run.approved", 0, ""}).field(), "actor");
  EXPECT_EQ(log.Append({"2026-06-20T10:00:00Z", "bert", "", 0, ""}).field(), "kind");
  auto all = log.List(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, "run.prepared");
  EXPECT_EQ((*all)[1].actor, "bert");
  EXPECT_FALSE((*db)->Exec("UPDATE events SET actor = 'mallory'").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM events").ok());
  EXPECT_EQ(log.List(0, 10)->size(), 2u);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace nabij::store
