#pragma once
// The hash chain over the audit table: appending a record (inside the caller's write transaction), reading
// records back, and verifying that nothing was modified, removed or truncated.

#include "agent_store.h"

#include <string>

struct sqlite3;

namespace payops::sqlite {
class Statement;
}

namespace payops::store_detail {

std::string sha256Hex(const std::string& bytes);

// Column list matching readAuditRow().
inline constexpr const char* kAuditColumns =
    "seq, time_ms, actor, kind, config_version, inputs, outcome, prev_hash, hash";
AuditEntry readAuditRow(const sqlite::Statement& st);

// Must run inside a BEGIN IMMEDIATE transaction: the chain head is read and advanced under the write lock, so
// two processes appending at once still produce one chain. Returns the entry with seq/prevHash/hash set.
// Errors read "cannot <operation>: ...".
Result<AuditEntry> appendAuditInTransaction(sqlite3* db, AuditEntry entry, const std::string& operation);

AuditVerifyReport verifyAuditChain(sqlite3* db, const std::string& path);

} // namespace payops::store_detail
