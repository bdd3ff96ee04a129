#pragma once
// Writing the audit log out for auditors: JSON Lines (one record per line, inputs/outcome embedded as JSON)
// or CSV (RFC 4180, inputs/outcome as JSON text).

#include "agent_store.h"

#include <iosfwd>
#include <string>

struct sqlite3;

namespace payops::store_detail {

Status writeAuditExport(sqlite3* db, const std::string& path, std::ostream& out, AuditExportFormat format);

// Exposed for tests: UTC ISO-8601 with milliseconds, "2024-05-01T12:00:00.123Z".
std::string isoUtc(TimeMs ms);
// One RFC 4180 field: quoted (with doubled quotes) only when it holds a comma, quote, CR or LF; a value a
// spreadsheet would run as a formula (leading = + - @ tab CR) is prefixed with an apostrophe.
std::string csvField(const std::string& value);

} // namespace payops::store_detail
