// The numbered schema migrations of nabij's SQLite database, compiled into the program.
//
// A migration is never edited once released: a change to the schema is a new migration with the
// next number. SqliteDatabase::Migrate runs them in order, each in one transaction.
#pragma once

#include <span>

namespace nabij::store {

struct Migration {
  int version;      // 1, 2, 3, ... without gaps
  const char* sql;  // one or more statements
};

std::span<const Migration> Migrations();

}  // namespace nabij::store
