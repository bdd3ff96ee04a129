#pragma once
// The store's schema as an ordered list of migrations. Version N is the state after the first N scripts;
// schema_migrations records which ones a database has seen, so an older database is upgraded in place and a
// newer one is refused instead of being misread.

#include "core/result.h"

#include <string>

struct sqlite3;

namespace payops::store_detail {

int latestSchemaVersion();

// The highest applied migration; 0 when the database has no schema_migrations table yet.
Result<int> appliedSchemaVersion(sqlite3* db, const std::string& operation);

// true when the database already holds tables that are not ours (a foreign SQLite file must not be migrated).
Result<bool> hasForeignTables(sqlite3* db, const std::string& operation);

// Applies every missing migration, each in its own transaction. Safe against another process migrating the
// same file at the same moment: the applied version is re-read under the write lock.
Status migrate(sqlite3* db, const std::string& path);

} // namespace payops::store_detail
