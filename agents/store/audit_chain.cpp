#include "audit_chain.h"

#include "sqlite_statement.h"
#include "sqlite_transaction.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <optional>
#include <string_view>

namespace payops {

// Length-prefixed fields behind a version tag: no choice of separator can be forged by the field contents
// (actor "a|b" + kind "c" can never hash like actor "a" + kind "b|c"), and the bytes are hashed as stored, so
// non-UTF-8 text or non-canonical JSON cannot make two different records share a digest input.
std::string auditRecordDigestInput(const AuditEntry& e)
{
    std::string out = "payops-audit-v1";
    const auto field = [&out](std::string_view value) {
        out += '\n';
        out += std::to_string(value.size());
        out += ':';
        out += value;
    };
    field(std::to_string(e.seq));
    field(std::to_string(e.timeMs));
    field(e.actor);
    field(e.kind);
    field(std::to_string(e.configVersion));
    field(e.inputsJson);
    field(e.outcomeJson);
    field(e.prevHash);
    return out;
}

namespace store_detail {

std::string sha256Hex(const std::string& bytes)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Sha256);
    return digest.toHex().toStdString();
}

AuditEntry readAuditRow(const sqlite::Statement& st)
{
    AuditEntry e;
    e.seq = st.int64(0);
    e.timeMs = st.int64(1);
    e.actor = st.text(2);
    e.kind = st.text(3);
    e.configVersion = st.int64(4);
    e.inputsJson = st.text(5);
    e.outcomeJson = st.text(6);
    e.prevHash = st.text(7);
    e.hash = st.text(8);
    return e;
}

Result<AuditEntry> appendAuditInTransaction(sqlite3* db, AuditEntry entry, const std::string& operation)
{

    // The head, not max(seq): if someone deleted the newest records, continuing from the head keeps the gap
    // visible to verifyAudit() instead of silently re-using the deleted sequence numbers.
    sqlite::Statement head(db, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
    Result<bool> row = head.next(operation);
    if (!row)
        return row.failure();
    if (!*row)
        return Error{"cannot " + operation + ": the audit chain head is missing (the log was tampered with)"};
    entry.seq = head.int64(0) + 1;
    entry.prevHash = head.text(1);
    entry.hash = sha256Hex(auditRecordDigestInput(entry));

    sqlite::Statement insert(db, "INSERT INTO audit (seq, time_ms, actor, kind, config_version, inputs, outcome, "
                                 "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry.seq)
        .bind(2, entry.timeMs)
        .bind(3, entry.actor)
        .bind(4, entry.kind)
        .bind(5, entry.configVersion)
        .bind(6, entry.inputsJson)
        .bind(7, entry.outcomeJson)
        .bind(8, entry.prevHash)
        .bind(9, entry.hash);
    if (Status s = insert.run(operation); !s)
        return s.failure();

    sqlite::Statement advance(db, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1");
    advance.bind(1, entry.seq).bind(2, entry.hash);
    if (Status s = advance.run(operation); !s)
        return s.failure();
    return entry;
}

namespace {

std::string recordRange(std::int64_t first, std::int64_t last)
{
    if (first == last)
        return "record " + std::to_string(first) + " is missing (deleted)";
    return "records " + std::to_string(first) + "-" + std::to_string(last) + " are missing (deleted)";
}

AuditVerifyReport failed(std::string problem)
{
    AuditVerifyReport report;
    report.ok = false;
    report.problems.push_back(std::move(problem));
    return report;
}

} // namespace

AuditVerifyReport verifyAuditChain(sqlite3* db, const std::string& path)
{
    const std::string operation = "verify the audit log of " + path;
    AuditVerifyReport report;

    // One snapshot for the head and the records, so a concurrent append cannot look like tampering.
    sqlite::Transaction tx(db);
    if (Status s = tx.begin(sqlite::Transaction::Kind::Deferred, operation); !s)
        return failed(s.error());

    bool haveHead = false;
    std::int64_t headSeq = 0;
    std::string headHash;
    {
        sqlite::Statement head(db, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
        Result<bool> row = head.next(operation);
        if (!row)
            return failed(row.error());
        if (*row) {
            haveHead = true;
            headSeq = head.int64(0);
            headHash = head.text(1);
        }
    }

    sqlite::Statement st(db, std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq");
    std::int64_t expectedSeq = 1;
    std::string prevHash;
    for (;;) {
        Result<bool> row = st.next(operation);
        if (!row) {
            report.problems.push_back(row.error());
            break;
        }
        if (!*row)
            break;
        const AuditEntry e = readAuditRow(st);
        ++report.recordsChecked;

        if (e.seq < expectedSeq) {
            report.problems.push_back("record " + std::to_string(e.seq) + ": invalid sequence number");
            continue;
        }
        if (e.seq > expectedSeq) {
            // The gap itself is the finding; the broken link on this record is its consequence, not a second one.
            report.problems.push_back(recordRange(expectedSeq, e.seq - 1));
        } else if (e.prevHash != prevHash) {
            // Both records hash to what they say, but the link between them no longer holds: either the one before was
            // replaced, or this one's link rewritten, each with its hash recomputed. The chain cannot tell which, so
            // the message names both (it named record seq - 1 alone, which sent a reader of a rewritten link to the
            // wrong record).
            report.problems.push_back("record " + std::to_string(e.seq) + ": its link to record " +
                                      std::to_string(e.seq - 1) + " is broken (prev_hash mismatch): record " +
                                      std::to_string(e.seq - 1) + " was replaced, or record " + std::to_string(e.seq) +
                                      "'s link rewritten, with its hash recomputed");
        }
        if (sha256Hex(auditRecordDigestInput(e)) != e.hash)
            report.problems.push_back("record " + std::to_string(e.seq) + ": content was modified (hash mismatch)");
        prevHash = e.hash;
        expectedSeq = e.seq + 1;
    }

    const std::int64_t lastSeq = expectedSeq - 1;
    // Every database is created with its head (at 0), and every saved run starts with a record: an empty log beside
    // a saved run had its records deleted, with the head reset or deleted to match.
    std::optional<std::int64_t> savedCycle;
    {
        sqlite::Statement checkpoint(db, "SELECT cycle FROM checkpoint WHERE id = 1");
        Result<bool> row = checkpoint.next(operation);
        if (!row)
            report.problems.push_back(row.error());
        else if (*row)
            savedCycle = checkpoint.int64(0);
    }
    if (lastSeq == 0 && savedCycle)
        report.problems.push_back("the log is empty, but the database holds a run saved at cycle " +
                                  std::to_string(*savedCycle) + ": its records were deleted");
    if (!haveHead) {
        report.problems.push_back("the audit chain head is missing (deleted)");
    } else if (headSeq > lastSeq) {
        report.problems.push_back("records after " + std::to_string(lastSeq) + " were deleted (chain head says " +
                                  std::to_string(headSeq) + ")");
    } else if (headSeq < lastSeq) {
        report.problems.push_back("records after " + std::to_string(headSeq) +
                                  " were not appended through the store (chain head says " + std::to_string(headSeq) +
                                  ", log ends at " + std::to_string(lastSeq) + ")");
    } else if (headHash != prevHash) {
        report.problems.push_back("record " + std::to_string(lastSeq) +
                                  ": does not match the chain head (newest record was replaced)");
    }

    report.ok = report.problems.empty();
    return report;
}

} // namespace store_detail
} // namespace payops
