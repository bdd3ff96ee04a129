#include "store/agent_store.h"
#include "store/audit_export.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sstream>
#include <sys/resource.h>
#include <thread>

using namespace payops;
using nlohmann::json;

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string pathIn(const QTemporaryDir& dir, const char* name = "agent.db")
{
    return dir.filePath(QString::fromUtf8(name)).toStdString();
}

// A second, raw connection: what an attacker, a crashed tool or a concurrent process does to the file.
class RawDb {
public:
    explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    {
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK)
            qWarning("raw open failed: %s", sqlite3_errmsg(m_db));
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~RawDb() { sqlite3_close_v2(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    // "" on success, otherwise SQLite's message.
    std::string exec(const std::string& sql)
    {
        char* message = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK)
            return {};
        std::string out = message ? message : "error";
        sqlite3_free(message);
        return out;
    }
    // First column of every row, as text.
    std::vector<std::string> column(const std::string& sql)
    {
        std::vector<std::string> rows;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            rows.push_back(std::string("prepare failed: ") + sqlite3_errmsg(m_db));
            return rows;
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            rows.emplace_back(text ? text : "NULL");
        }
        sqlite3_finalize(st);
        return rows;
    }
    std::string text(const std::string& sql)
    {
        const auto rows = column(sql);
        return rows.empty() ? std::string("<no row>") : rows.front();
    }
    std::int64_t integer(const std::string& sql) { return std::stoll(text(sql)); }

private:
    sqlite3* m_db = nullptr;
};

std::unique_ptr<AgentStore> openStore(const std::string& path, AgentStore::Mode mode = AgentStore::Mode::ReadWrite)
{
    auto store = AgentStore::open(path, mode);
    if (!store) {
        qWarning("open failed: %s", store.error().c_str());
        return nullptr;
    }
    return std::move(*store);
}

AuditEntry makeEntry(int i, const std::string& actor = "agent")
{
    AuditEntry e;
    e.timeMs = 1'714'564'800'000 + i;
    e.actor = actor;
    e.kind = "decision";
    e.configVersion = 3;
    e.inputsJson = "{\"i\":" + std::to_string(i) + "}";
    e.outcomeJson = "{\"ok\":true}";
    return e;
}

std::string sha256Hex(const std::string& s)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(s), QCryptographicHash::Sha256).toHex().toStdString();
}

std::string problemsText(const AuditVerifyReport& r)
{
    std::string out;
    for (const auto& p : r.problems)
        out += p + "; ";
    return out;
}

bool anyProblemContains(const AuditVerifyReport& r, const std::string& needle)
{
    for (const auto& p : r.problems) {
        if (contains(p, needle))
            return true;
    }
    return false;
}

// RFC 4180 reader for checking the export: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.empty() || !record.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

CycleCommit makeCommit(std::int64_t cycle, int auditCount = 2)
{
    CycleCommit c;
    c.cycle = cycle;
    c.timeMs = cycle * 1000;
    for (int i = 0; i < auditCount; ++i)
        c.audit.push_back(makeEntry(static_cast<int>(cycle * 10 + i)));
    c.stateJson = "{\"cycle\":" + std::to_string(cycle) + "}";
    c.snapshotJson = "{\"snapshot\":" + std::to_string(cycle) + "}";
    return c;
}

ApprovalRow makeApproval(std::int64_t id, const std::string& state)
{
    ApprovalRow a;
    a.id = id;
    a.createdAt = 100 + id;
    a.state = state;
    a.summary = "suppress_path issuer:HDFC #" + std::to_string(id);
    a.requestJson = "{\"id\":" + std::to_string(id) + "}";
    return a;
}

// Mirrors store_crash_writer: the data a cycle commits is a function of its number.
constexpr std::int64_t kCrashAuditPerCycle = 3;
constexpr std::int64_t kCrashChunksKept = 16;
constexpr std::int64_t kCrashCyclesKept = 50;

std::string crashChunkBytes(std::int64_t cycle)
{
    const auto size = static_cast<std::size_t>(1000 + (cycle % 64) * 512);
    return std::string(size, static_cast<char>('a' + cycle % 26));
}

// The newest committed cycle as seen by a read-only reader, or -1 while the database is not ready.
std::int64_t committedCycle(const std::string& path)
{
    auto store = AgentStore::open(path, AgentStore::Mode::ReadOnly);
    if (!store)
        return -1;
    auto cp = (*store)->loadCheckpoint();
    if (!cp || !*cp)
        return -1;
    return (*cp)->cycle;
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- open and schema ---------------------------------------------------------------------------------------

    void migrationsCreateLatestSchemaAndReopenIsIdempotent()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        {
            auto store = openStore(path);
            QVERIFY(store);
            QVERIFY(AgentStore::latestSchemaVersion() >= 1);
            QCOMPARE(store->schemaVersion(), AgentStore::latestSchemaVersion());
            QCOMPARE(qs(store->path()), qs(path));
            QVERIFY(store->appendAudit(makeEntry(1)).ok());
        }
        {
            RawDb raw(path);
            for (const char* table : {"schema_migrations", "audit", "audit_head", "checkpoint", "window_chunks",
                                      "cycle_history", "approvals", "operator_commands", "config_versions"}) {
                QVERIFY2(raw.integer(std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") +
                                     table + "'") == 1,
                         table);
            }
            QCOMPARE(qs(raw.text("PRAGMA journal_mode")), QStringLiteral("wal"));
            QCOMPARE(raw.integer("SELECT count(*) FROM schema_migrations"),
                     std::int64_t{AgentStore::latestSchemaVersion()});
        }
        {
            auto again = openStore(path);
            QVERIFY(again);
            QCOMPARE(again->schemaVersion(), AgentStore::latestSchemaVersion());
            auto entries = again->auditEntries();
            QVERIFY(entries.ok());
            QCOMPARE(entries->size(), std::size_t{1}); // data survived, nothing was re-created
        }
        RawDb raw(path);
        QCOMPARE(raw.integer("SELECT count(*) FROM schema_migrations"),
                 std::int64_t{AgentStore::latestSchemaVersion()});

        auto readOnly = openStore(path, AgentStore::Mode::ReadOnly);
        QVERIFY(readOnly);
        QCOMPARE(readOnly->schemaVersion(), AgentStore::latestSchemaVersion());
    }

    void schema5MovesTheLocalBackendsSyncUnderItsOwnNames()
    {
        // A file from before schema 5: the local backend's cursor and events under the server's stream names.
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        QVERIFY(openStore(path));
        {
            RawDb raw(path);
            QCOMPARE(
                qs(raw.exec("DELETE FROM schema_migrations WHERE version = 5;"
                            "INSERT INTO sync_cursor (stream, stream_created, last_seq) VALUES ('EVENTS', 'local', "
                            "2), ('TELEMETRY', '2026-12-01T10:00:00.1Z', 1);"
                            "INSERT INTO events (event_id, stream, stream_seq, subject, received_at) VALUES "
                            "('a', 'EVENTS', 1, 'evt.x', 1), ('b', 'EVENTS', 2, 'evt.x', 1), "
                            "('c', 'TELEMETRY', 1, 'tel.x', 1);")),
                QString());
        }
        auto store = openStore(path);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), AgentStore::latestSchemaVersion());
        RawDb raw(path);
        QCOMPARE(raw.column("SELECT stream || ':' || last_seq FROM sync_cursor ORDER BY stream"),
                 (std::vector<std::string>{"TELEMETRY:1", "local/EVENTS:2"}));
        QCOMPARE(raw.column("SELECT stream || ':' || event_id FROM events ORDER BY event_id"),
                 (std::vector<std::string>{"local/EVENTS:a", "local/EVENTS:b", "TELEMETRY:c"}));
    }

    void garbageFileIsNotAPayOpsDatabase()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "garbage.db");
        {
            QFile f(qs(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray junk;
            for (int i = 0; i < 8192; ++i)
                junk.append(static_cast<char>((i * 37 + 11) % 251));
            f.write(junk);
        }
        for (auto mode : {AgentStore::Mode::ReadWrite, AgentStore::Mode::ReadOnly}) {
            auto store = AgentStore::open(path, mode);
            QVERIFY(!store.ok());
            QVERIFY2(contains(store.error(), path + " is not a PayOps database"), store.error().c_str());
        }
        // Refusing must not have touched the file.
        QCOMPARE(QFileInfo(qs(path)).size(), qint64{8192});
    }

    void foreignSqliteFileIsNotMigrated()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "other.db");
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")), QString());
        }
        const auto bytes = [&] {
            QFile f(qs(path));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray before = bytes();
        auto store = AgentStore::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), path + " is not a PayOps database"), store.error().c_str());
        // Not a byte changed: it was switched to WAL (its header rewritten) before it was refused.
        QVERIFY(!before.isEmpty());
        QVERIFY(bytes() == before);
        QVERIFY(!QFileInfo::exists(qs(path + "-wal")));
        // Nor is a database of another tool with a schema_migrations table of its own (Rails keeps one).
        const std::string rails = pathIn(dir, "rails.db");
        {
            RawDb raw(rails);
            QCOMPARE(qs(raw.exec("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)")), QString());
            QCOMPARE(qs(raw.exec("INSERT INTO schema_migrations VALUES ('20230101000000')")), QString());
            QCOMPARE(qs(raw.exec("CREATE TABLE users (id INTEGER PRIMARY KEY)")), QString());
        }
        QFile railsFile(qs(rails));
        QVERIFY(railsFile.open(QIODevice::ReadOnly));
        const QByteArray railsBefore = railsFile.readAll();
        railsFile.close();
        auto refused = AgentStore::open(rails);
        QVERIFY(!refused.ok());
        QVERIFY2(contains(refused.error(), rails + " is not a PayOps database"), refused.error().c_str());
        QVERIFY(railsFile.open(QIODevice::ReadOnly));
        QVERIFY(railsFile.readAll() == railsBefore);
        RawDb raw(path);
        QCOMPARE(raw.integer("SELECT count(*) FROM sqlite_master"), std::int64_t{1});
    }

    void missingOrUnusableDirectoryNamesThePath()
    {
        QTemporaryDir dir;
        const std::string missing = pathIn(dir, "no/such/dir/agent.db");
        auto store = AgentStore::open(missing);
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), "cannot open " + missing), store.error().c_str());
        QVERIFY2(contains(store.error(), "directory does not exist or is not writable"), store.error().c_str());

        // A regular file where a directory should be (running as root, chmod cannot make a directory unwritable).
        const std::string file = pathIn(dir, "plain-file");
        {
            QFile f(qs(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const std::string underFile = file + "/agent.db";
        store = AgentStore::open(underFile);
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), underFile), store.error().c_str());

        store = AgentStore::open(dir.path().toStdString());
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), "is a directory"), store.error().c_str());
    }

    // Two threads creating one new database at once (the console's runtime and sync threads on a first start):
    // the switch to WAL let one of them fail with "database is locked", since SQLite answers that race at once
    // instead of waiting. About 7 % of such races failed before the retry.
    void twoFirstOpensAtOnceBothSucceed()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 150; ++round) {
            const std::string path = dir.filePath(QStringLiteral("race%1.db").arg(round)).toStdString();
            std::string errors[2];
            std::atomic<int> ready{0};
            const auto open = [&](int i) {
                ready.fetch_add(1);
                while (ready.load() < 2) {
                }
                auto store = AgentStore::open(path);
                if (!store.ok())
                    errors[i] = store.error();
            };
            std::thread a(open, 0), b(open, 1);
            a.join();
            b.join();
            QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + errors[1]).c_str());
        }
    }

    void readOnlyOpenNeedsAnExistingDatabase()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = AgentStore::open(path, AgentStore::Mode::ReadOnly);
        QVERIFY(!store.ok());
        QCOMPARE(qs(store.error()), qs("no database at " + path));
        QVERIFY(!QFileInfo::exists(qs(path)));

        QVERIFY(openStore(path)); // create it
        auto readOnly = openStore(path, AgentStore::Mode::ReadOnly);
        QVERIFY(readOnly);
        auto appended = readOnly->appendAudit(makeEntry(1));
        QVERIFY(!appended.ok());
        QVERIFY2(contains(appended.error(), path), appended.error().c_str());
        QVERIFY2(contains(appended.error(), "readonly"), appended.error().c_str());
        Status commit = readOnly->commitCycle(makeCommit(1));
        QVERIFY(!commit.ok());
        QVERIFY2(contains(commit.error(), "readonly"), commit.error().c_str());
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        QVERIFY(openStore(path));
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (7, 0)")), QString());
        }
        const std::string expected = path + " was written by a newer version (schema 7, this build knows " +
                                     std::to_string(AgentStore::latestSchemaVersion()) + ")";
        for (auto mode : {AgentStore::Mode::ReadWrite, AgentStore::Mode::ReadOnly}) {
            auto store = AgentStore::open(path, mode);
            QVERIFY(!store.ok());
            QCOMPARE(qs(store.error()), qs(expected));
        }
    }

    void corruptFileIsReported()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        {
            auto store = openStore(path);
            QVERIFY(store);
            for (int i = 0; i < 200; ++i)
                QVERIFY(store->appendAudit(makeEntry(i)).ok());
        } // closing the last connection checkpoints the WAL into the main file
        QVERIFY(!QFileInfo::exists(qs(path + "-wal")) || QFileInfo(qs(path + "-wal")).size() == 0);
        {
            QFile f(qs(path));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 4096 * 4);
            // Scribble over the b-tree pages after the schema page; the header stays valid, so SQLite opens the
            // file and only the check finds the damage.
            for (qint64 page = 1; page * 4096 < f.size(); ++page) {
                f.seek(page * 4096);
                f.write(QByteArray(64, '\x5a'));
            }
        }
        auto store = AgentStore::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), path + " is corrupt: "), store.error().c_str());
    }

    // --- audit chain -------------------------------------------------------------------------------------------

    void auditAppendChainsAndVerifies()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        std::string prev;
        for (int i = 1; i <= 5; ++i) {
            auto appended = store->appendAudit(makeEntry(i));
            QVERIFY2(appended.ok(), appended.ok() ? "" : appended.error().c_str());
            QCOMPARE(appended->seq, std::int64_t{i});
            QCOMPARE(qs(appended->prevHash), qs(prev));
            // The hash is recomputable by anyone from the documented digest input.
            QCOMPARE(qs(appended->hash), qs(sha256Hex(auditRecordDigestInput(*appended))));
            QCOMPARE(appended->hash.size(), std::size_t{64});
            prev = appended->hash;
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY2(report.ok, problemsText(report).c_str());
        QCOMPARE(report.recordsChecked, std::int64_t{5});
        QVERIFY(report.problems.empty());

        auto all = store->auditEntries();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), std::size_t{5});
        QCOMPARE(qs(all->at(2).inputsJson), QStringLiteral("{\"i\":3}"));
        QCOMPARE(qs(all->at(4).hash), qs(prev));
        auto page = store->auditEntries(2, 2);
        QVERIFY(page.ok());
        QCOMPARE(page->size(), std::size_t{2});
        QCOMPARE(page->at(0).seq, std::int64_t{3});
        QCOMPARE(page->at(1).seq, std::int64_t{4});
    }

    void emptyLogVerifies()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(report.ok);
        QCOMPARE(report.recordsChecked, std::int64_t{0});
    }

    void digestInputIsUnambiguous()
    {
        AuditEntry a = makeEntry(1);
        AuditEntry b = a;
        a.actor = "agent";
        a.kind = "x|decision";
        b.actor = "agent|x";
        b.kind = "decision";
        QVERIFY(auditRecordDigestInput(a) != auditRecordDigestInput(b));
        // Moving bytes between inputs and outcome changes the digest input too.
        AuditEntry c = makeEntry(1);
        AuditEntry d = c;
        c.inputsJson = "{}";
        c.outcomeJson = "1:{}";
        d.inputsJson = "{}1:";
        d.outcomeJson = "{}";
        QVERIFY(auditRecordDigestInput(c) != auditRecordDigestInput(d));
        // Every field takes part.
        const std::string base = auditRecordDigestInput(makeEntry(1));
        AuditEntry e = makeEntry(1);
        e.seq = 9;
        QVERIFY(auditRecordDigestInput(e) != base);
        e = makeEntry(1);
        e.timeMs += 1;
        QVERIFY(auditRecordDigestInput(e) != base);
        e = makeEntry(1);
        e.configVersion += 1;
        QVERIFY(auditRecordDigestInput(e) != base);
        e = makeEntry(1);
        e.prevHash = "00";
        QVERIFY(auditRecordDigestInput(e) != base);
        // The stored hash itself is not part of its own input.
        e = makeEntry(1);
        e.hash = "ff";
        QCOMPARE(qs(auditRecordDigestInput(e)), qs(base));
    }

    void verifyNamesAModifiedRecord()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (int i = 1; i <= 6; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("UPDATE audit SET outcome = '{\"ok\":false}' WHERE seq = 3")), QString());
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QCOMPARE(report.recordsChecked, std::int64_t{6});
        QCOMPARE(report.problems.size(), std::size_t{1});
        QCOMPARE(qs(report.problems.front()), QStringLiteral("record 3: content was modified (hash mismatch)"));
    }

    void verifyNamesAReplacedRecordWithRecomputedHash()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (int i = 1; i <= 6; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        // A careful forger also recomputes the record's own hash; the next record's link still gives it away.
        AuditEntry forged = store->auditEntries(2, 1)->front();
        forged.outcomeJson = "{\"ok\":\"forged\"}";
        forged.hash = sha256Hex(auditRecordDigestInput(forged));
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("UPDATE audit SET outcome = '" + forged.outcomeJson + "', hash = '" + forged.hash +
                                 "' WHERE seq = 3")),
                     QString());
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QVERIFY2(anyProblemContains(report, "record 4: its link to record 3 is broken (prev_hash mismatch): record 3 "
                                            "was replaced, or record 4's link rewritten, with its hash recomputed"),
                 problemsText(report).c_str());
        QCOMPARE(report.problems.size(), std::size_t{1}); // one finding, not one per record after it
    }

    void verifyNamesADeletedMiddleRecord()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (int i = 1; i <= 6; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("DELETE FROM audit WHERE seq = 4")), QString());
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QCOMPARE(report.recordsChecked, std::int64_t{5});
        QCOMPARE(report.problems.size(), std::size_t{1});
        QCOMPARE(qs(report.problems.front()), QStringLiteral("record 4 is missing (deleted)"));

        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("DELETE FROM audit WHERE seq IN (1, 2)")), QString());
        }
        const AuditVerifyReport again = store->verifyAudit();
        QVERIFY(!again.ok);
        QVERIFY2(anyProblemContains(again, "records 1-2 are missing (deleted)"), problemsText(again).c_str());
        QVERIFY2(anyProblemContains(again, "record 4 is missing (deleted)"), problemsText(again).c_str());
    }

    void verifyDetectsDeletedNewestRecords()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (int i = 1; i <= 6; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("DELETE FROM audit WHERE seq IN (5, 6)")), QString());
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QCOMPARE(report.recordsChecked, std::int64_t{4});
        QCOMPARE(report.problems.size(), std::size_t{1});
        QCOMPARE(qs(report.problems.front()), QStringLiteral("records after 4 were deleted (chain head says 6)"));

        // Appending afterwards continues from the head, so the truncation stays visible instead of being papered
        // over by re-used sequence numbers.
        auto next = store->appendAudit(makeEntry(7));
        QVERIFY(next.ok());
        QCOMPARE(next->seq, std::int64_t{7});
        const AuditVerifyReport after = store->verifyAudit();
        QVERIFY(!after.ok);
        QVERIFY2(anyProblemContains(after, "records 5-6 are missing (deleted)"), problemsText(after).c_str());
    }

    // An empty log is no proof of an untouched one: beside a saved run (every run starts with a record), or without
    // the head every database is created with, it was wiped.
    void verifyDetectsAWipedLog()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->verifyAudit().ok); // a new database: empty and intact
        for (int i = 1; i <= 3; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("INSERT INTO checkpoint (id, cycle, time_ms, state) VALUES (1, 53, 0, '{}')")),
                     QString());
            QCOMPARE(qs(raw.exec("DELETE FROM audit; UPDATE audit_head SET last_seq = 0, last_hash = ''")), QString());
        }
        AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QVERIFY2(anyProblemContains(report, "the log is empty, but the database holds a run saved at cycle 53: its "
                                            "records were deleted"),
                 problemsText(report).c_str());
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("DELETE FROM audit_head")), QString());
        }
        report = store->verifyAudit();
        QVERIFY(!report.ok);
        QVERIFY2(anyProblemContains(report, "the audit chain head is missing (deleted)"), problemsText(report).c_str());
        QVERIFY2(anyProblemContains(report, "holds a run saved at cycle 53"), problemsText(report).c_str());
    }

    void verifyDetectsAReplacedNewestRecord()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(store->appendAudit(makeEntry(i)).ok());
        AuditEntry forged = store->auditEntries(2, 1)->front();
        forged.outcomeJson = "{\"ok\":\"forged\"}";
        forged.hash = sha256Hex(auditRecordDigestInput(forged));
        {
            RawDb raw(path);
            QCOMPARE(qs(raw.exec("UPDATE audit SET outcome = '" + forged.outcomeJson + "', hash = '" + forged.hash +
                                 "' WHERE seq = 3")),
                     QString());
        }
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY(!report.ok);
        QVERIFY2(anyProblemContains(report, "record 3: does not match the chain head"), problemsText(report).c_str());
    }

    void twoConnectionsAppendingAlternatelyFormOneChain()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto a = openStore(path);
        auto b = openStore(path);
        QVERIFY(a && b);
        for (int i = 0; i < 20; ++i) {
            auto appended = (i % 2 == 0 ? a : b)->appendAudit(makeEntry(i, i % 2 == 0 ? "agent" : "cli:alice"));
            QVERIFY2(appended.ok(), appended.ok() ? "" : appended.error().c_str());
            QCOMPARE(appended->seq, std::int64_t{i + 1});
        }
        for (auto* store : {a.get(), b.get()}) {
            const AuditVerifyReport report = store->verifyAudit();
            QVERIFY2(report.ok, problemsText(report).c_str());
            QCOMPARE(report.recordsChecked, std::int64_t{20});
        }
        auto entries = a->auditEntries();
        QVERIFY(entries.ok());
        for (std::size_t i = 1; i < entries->size(); ++i)
            QCOMPARE(qs(entries->at(i).prevHash), qs(entries->at(i - 1).hash));
    }

    void concurrentWritersFormOneChain()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        QVERIFY(openStore(path)); // migrate once up front
        constexpr int kPerWriter = 60;
        std::atomic<int> failures{0};
        const auto writer = [&](const std::string& actor) {
            auto store = AgentStore::open(path);
            if (!store) {
                ++failures;
                return;
            }
            for (int i = 0; i < kPerWriter; ++i) {
                if (!(*store)->appendAudit(makeEntry(i, actor)).ok())
                    ++failures;
            }
        };
        std::thread t1(writer, "agent");
        std::thread t2(writer, "cli:bob");
        t1.join();
        t2.join();
        QCOMPARE(failures.load(), 0);
        auto store = openStore(path);
        QVERIFY(store);
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY2(report.ok, problemsText(report).c_str());
        QCOMPARE(report.recordsChecked, std::int64_t{2 * kPerWriter});
    }

    // --- export ------------------------------------------------------------------------------------------------

    void exportJsonlHasOneParsableRecordPerLine()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        AuditEntry first = makeEntry(0);
        first.timeMs = 1'714'564'800'123;
        first.inputsJson = "{\"nested\":{\"list\":[1,2,3]},\"text\":\"line\\nbreak\"}";
        first.outcomeJson = "{\"nrv\":1994.45}";
        QVERIFY(store->appendAudit(first).ok());
        AuditEntry second = makeEntry(1, "operator:alice");
        second.outcomeJson = "not json";
        QVERIFY(store->appendAudit(second).ok());

        std::ostringstream out;
        QVERIFY(store->exportAudit(out, AuditExportFormat::Jsonl).ok());
        const auto entries = store->auditEntries();
        std::istringstream in(out.str());
        std::string line;
        std::size_t n = 0;
        while (std::getline(in, line)) {
            QVERIFY(n < entries->size());
            const json record = json::parse(line, nullptr, false);
            QVERIFY2(!record.is_discarded(), line.c_str());
            const AuditEntry& e = entries->at(n);
            for (const char* key : {"seq", "time_ms", "time_iso", "actor", "kind", "config_version", "inputs",
                                    "outcome", "prev_hash", "hash"})
                QVERIFY2(record.contains(key), key);
            QCOMPARE(record["seq"].get<std::int64_t>(), e.seq);
            QCOMPARE(record["time_ms"].get<std::int64_t>(), e.timeMs);
            QCOMPARE(qs(record["actor"].get<std::string>()), qs(e.actor));
            QCOMPARE(qs(record["kind"].get<std::string>()), qs(e.kind));
            QCOMPARE(record["config_version"].get<std::int64_t>(), e.configVersion);
            QCOMPARE(qs(record["prev_hash"].get<std::string>()), qs(e.prevHash));
            QCOMPARE(qs(record["hash"].get<std::string>()), qs(e.hash));
            ++n;
        }
        QCOMPARE(n, std::size_t{2});

        std::istringstream again(out.str());
        std::getline(again, line);
        const json r0 = json::parse(line);
        QCOMPARE(qs(r0["time_iso"].get<std::string>()), QStringLiteral("2024-05-01T12:00:00.123Z"));
        // Embedded as JSON values, not as strings holding JSON.
        QVERIFY(r0["inputs"].is_object());
        QCOMPARE(r0["inputs"]["nested"]["list"][2].get<int>(), 3);
        QCOMPARE(qs(r0["inputs"]["text"].get<std::string>()), QStringLiteral("line\nbreak"));
        QCOMPARE(r0["outcome"]["nrv"].get<double>(), 1994.45);
        std::getline(again, line);
        const json r1 = json::parse(line);
        QCOMPARE(qs(r1["outcome"].get<std::string>()), QStringLiteral("not json")); // kept, as a string
    }

    void exportCsvKeepsFormulasAsText()
    {
        // An actor's name is whatever --actor said: opened in a spreadsheet, "=HYPERLINK(...)" would run.
        QCOMPARE(qs(store_detail::csvField("=HYPERLINK(\"http://x\",\"a\")")),
                 QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""));
        for (const std::string lead : {"+1", "-1+2", "@SUM(A1)", "\t=1"})
            QCOMPARE(qs(store_detail::csvField(lead)), qs("'" + lead));
        QCOMPARE(qs(store_detail::csvField("\r=1")), QStringLiteral("\"'\r=1\""));
        QCOMPARE(qs(store_detail::csvField("alice=bob")), QStringLiteral("alice=bob"));
        QCOMPARE(qs(store_detail::csvField("")), QString());

        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        QVERIFY(store->appendAudit(makeEntry(0, "=cmd|' /C calc'!A0")).ok());
        std::ostringstream out;
        QVERIFY(store->exportAudit(out, AuditExportFormat::Csv).ok());
        const auto rows = parseCsv(out.str());
        QCOMPARE(rows.size(), std::size_t{2});
        QCOMPARE(qs(rows[1][3]), QStringLiteral("'=cmd|' /C calc'!A0"));
    }

    void isoTimestampsAreUtcWithMilliseconds()
    {
        QCOMPARE(qs(store_detail::isoUtc(0)), QStringLiteral("1970-01-01T00:00:00.000Z"));
        QCOMPARE(qs(store_detail::isoUtc(-1)), QStringLiteral("1969-12-31T23:59:59.999Z"));
        QCOMPARE(qs(store_detail::isoUtc(951'782'400'007)), QStringLiteral("2000-02-29T00:00:00.007Z"));
    }

    void exportCsvQuotesPerRfc4180()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        AuditEntry tricky = makeEntry(0, "operator:\"Al, the admin\"");
        tricky.kind = "note\r\nwith lines";
        tricky.inputsJson = "{\"a\":1,\"b\":\"x,y\"}";
        tricky.outcomeJson = "{\"q\":\"say \\\"hi\\\"\"}";
        QVERIFY(store->appendAudit(tricky).ok());
        QVERIFY(store->appendAudit(makeEntry(1)).ok());

        std::ostringstream out;
        QVERIFY(store->exportAudit(out, AuditExportFormat::Csv).ok());
        const std::string text = out.str();
        QVERIFY(text.rfind("seq,time_ms,time_iso,actor,kind,config_version,inputs,outcome,prev_hash,hash\r\n", 0) == 0);
        // The raw encoding: quoted, inner quotes doubled.
        QVERIFY2(contains(text, "\"operator:\"\"Al, the admin\"\"\""), text.c_str());

        const auto rows = parseCsv(text);
        QCOMPARE(rows.size(), std::size_t{3});
        for (const auto& row : rows)
            QCOMPARE(row.size(), std::size_t{10});
        const auto entries = store->auditEntries();
        const auto& r = rows[1];
        const AuditEntry& e = entries->front();
        QCOMPARE(qs(r[0]), QStringLiteral("1"));
        QCOMPARE(qs(r[1]), QString::number(e.timeMs));
        QCOMPARE(qs(r[2]), qs(store_detail::isoUtc(e.timeMs)));
        QCOMPARE(qs(r[3]), qs(tricky.actor));
        QCOMPARE(qs(r[4]), qs(tricky.kind));
        QCOMPARE(qs(r[5]), QStringLiteral("3"));
        QCOMPARE(qs(r[6]), qs(tricky.inputsJson));
        QCOMPARE(qs(r[7]), qs(tricky.outcomeJson));
        QCOMPARE(qs(r[8]), QString());
        QCOMPARE(qs(r[9]), qs(e.hash));
        QCOMPARE(qs(rows[2][8]), qs(e.hash));
    }

    // --- cycles ------------------------------------------------------------------------------------------------

    void noCheckpointOnAFreshDatabase()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        auto cp = store->loadCheckpoint();
        QVERIFY(cp.ok());
        QVERIFY(!cp->has_value());
        auto snapshots = store->recentSnapshots(10);
        QVERIFY(snapshots.ok());
        QVERIFY(snapshots->empty());
    }

    // A second decision on a request while the first waits is not queued (only the first could apply), checked and
    // queued under one write lock; a rollback of the intervention with the same number is another thing, and is.
    void aSecondDecisionOnATargetIsNotQueued()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        OperatorCommand approve;
        approve.kind = "approve";
        approve.targetId = 7;
        approve.actor = "cli:alice";
        auto first = store->enqueueCommandUnlessWaiting(approve);
        QVERIFY(first.ok() && !first->waiting && first->id > 0);
        OperatorCommand reject = approve;
        reject.kind = "reject";
        reject.actor = "cli:bob";
        auto refused = store->enqueueCommandUnlessWaiting(reject);
        QVERIFY(refused.ok());
        QVERIFY(refused->waiting.has_value());
        QCOMPARE(refused->waiting->id, first->id);
        QCOMPARE(qs(refused->waiting->actor), QStringLiteral("cli:alice"));
        OperatorCommand rollback = approve;
        rollback.kind = "rollback";
        auto rolled = store->enqueueCommandUnlessWaiting(rollback);
        QVERIFY(rolled.ok() && !rolled->waiting && rolled->id > first->id);
        auto again = store->enqueueCommandUnlessWaiting(rollback);
        QVERIFY(again.ok() && again->waiting && again->waiting->id == rolled->id);
        QCOMPARE(store->queuedCommands()->size(), std::size_t{2});
    }

    void commitCycleRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);

        OperatorCommand approve;
        approve.createdAt = 111;
        approve.kind = "approve";
        approve.targetId = 7;
        approve.actor = "cli:alice";
        approve.reason = "looks right";
        approve.state = "applied"; // ignored: a new command is always queued
        auto approveId = store->enqueueCommand(approve);
        QVERIFY(approveId.ok());
        OperatorCommand reject = approve;
        reject.kind = "reject";
        reject.targetId = 8;
        reject.createdAt = 112;
        auto rejectId = store->enqueueCommand(reject);
        QVERIFY(rejectId.ok());
        QVERIFY(*rejectId > *approveId);
        auto queued = store->queuedCommands();
        QVERIFY(queued.ok());
        QCOMPARE(queued->size(), std::size_t{2});
        QCOMPARE(queued->at(0).id, *approveId);
        QCOMPARE(qs(queued->at(0).state), QStringLiteral("queued"));
        QCOMPARE(queued->at(0).createdAt, std::int64_t{111});
        QCOMPARE(qs(queued->at(0).reason), QStringLiteral("looks right"));
        QCOMPARE(qs(queued->at(1).kind), QStringLiteral("reject"));

        // Cycle 1: chunks come back in the order they were written (arrival order), even when their time spans
        // are not in order: the window evicts in arrival order and must be rebuilt the same way.
        CycleCommit c1 = makeCommit(1);
        c1.keepCycles = 3;
        c1.newChunks = {{2000, 2999, std::string("B\0b", 3)}, {1000, 1999, "A"}};
        c1.approvalUpserts = {makeApproval(7, "pending"), makeApproval(8, "pending")};
        Status s = store->commitCycle(c1);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        auto cp = store->loadCheckpoint();
        QVERIFY(cp.ok() && cp->has_value());
        QCOMPARE((*cp)->cycle, std::int64_t{1});
        QCOMPARE((*cp)->timeMs, std::int64_t{1000});
        QCOMPARE(qs((*cp)->stateJson), QStringLiteral("{\"cycle\":1}"));
        QCOMPARE((*cp)->chunks.size(), std::size_t{2});
        QCOMPARE((*cp)->chunks[0].bytes, std::string("B\0b", 3)); // binary-safe
        QCOMPARE((*cp)->chunks[0].firstMs, std::int64_t{2000});
        QCOMPARE(qs((*cp)->chunks[1].bytes), QStringLiteral("A"));
        QCOMPARE((*cp)->chunks[0].lastMs, std::int64_t{2999});

        // Cycle 2: drops the chunk that ended before 2000, decides approval 7, answers the approve command.
        CycleCommit c2 = makeCommit(2);
        c2.keepCycles = 3;
        c2.newChunks = {{3000, 3999, "C"}};
        c2.dropChunksEndingBefore = 2000;
        ApprovalRow decided = makeApproval(7, "approved");
        decided.decidedAt = 2000;
        decided.decidedBy = "cli:alice";
        decided.reason = "looks right";
        c2.approvalUpserts = {decided};
        OperatorCommand done;
        done.id = *approveId;
        done.state = "applied";
        done.result = "approved 7";
        c2.commandResults = {done};
        s = store->commitCycle(c2);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        cp = store->loadCheckpoint();
        QCOMPARE((*cp)->cycle, std::int64_t{2});
        QCOMPARE((*cp)->chunks.size(), std::size_t{2});
        QVERIFY((*cp)->chunks[0].bytes == std::string("B\0b", 3));
        QCOMPARE(qs((*cp)->chunks[1].bytes), QStringLiteral("C"));

        auto all = store->approvals();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), std::size_t{2});
        auto pending = store->approvals("pending");
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), std::size_t{1});
        QCOMPARE(pending->front().id, std::int64_t{8});
        auto seven = store->approval(7);
        QVERIFY(seven.ok() && seven->has_value());
        QCOMPARE(qs((*seven)->state), QStringLiteral("approved"));
        QCOMPARE((*seven)->decidedAt, std::int64_t{2000});
        QCOMPARE(qs((*seven)->decidedBy), QStringLiteral("cli:alice"));
        QCOMPARE(qs((*seven)->reason), QStringLiteral("looks right"));
        QCOMPARE(qs((*seven)->summary), QStringLiteral("suppress_path issuer:HDFC #7"));
        QCOMPARE(qs((*seven)->requestJson), QStringLiteral("{\"id\":7}"));
        QCOMPARE((*seven)->createdAt, std::int64_t{107});
        auto none = store->approval(99);
        QVERIFY(none.ok() && !none->has_value());

        queued = store->queuedCommands();
        QCOMPARE(queued->size(), std::size_t{1});
        QCOMPARE(queued->front().id, *rejectId);
        auto answered = store->command(*approveId);
        QVERIFY(answered.ok() && answered->has_value());
        QCOMPARE(qs((*answered)->state), QStringLiteral("applied"));
        QCOMPARE(qs((*answered)->result), QStringLiteral("approved 7"));
        QCOMPARE(qs((*answered)->actor), QStringLiteral("cli:alice"));
        QCOMPARE((*answered)->targetId, std::int64_t{7});
        QVERIFY(store->command(12345)->has_value() == false);

        // Cycles 3-5: history keeps the newest three, newest last.
        for (std::int64_t cycle = 3; cycle <= 5; ++cycle) {
            CycleCommit c = makeCommit(cycle);
            c.keepCycles = 3;
            c.dropChunksEndingBefore = 2000;
            QVERIFY(store->commitCycle(c).ok());
        }
        auto snapshots = store->recentSnapshots(10);
        QVERIFY(snapshots.ok());
        QCOMPARE(snapshots->size(), std::size_t{3});
        QCOMPARE(qs(snapshots->at(0)), QStringLiteral("{\"snapshot\":3}"));
        QCOMPARE(qs(snapshots->at(2)), QStringLiteral("{\"snapshot\":5}"));
        auto lastTwo = store->recentSnapshots(2);
        QCOMPARE(lastTwo->size(), std::size_t{2});
        QCOMPARE(qs(lastTwo->at(0)), QStringLiteral("{\"snapshot\":4}"));
        QCOMPARE(qs(lastTwo->at(1)), QStringLiteral("{\"snapshot\":5}"));
        {
            RawDb raw(path);
            QCOMPARE(raw.integer("SELECT count(*) FROM cycle_history"), std::int64_t{3});
            QCOMPARE(raw.integer("SELECT min(cycle) FROM cycle_history"), std::int64_t{3});
        }

        // The cycles' audit entries are one chain, and everything survives a reopen.
        const AuditVerifyReport report = store->verifyAudit();
        QVERIFY2(report.ok, problemsText(report).c_str());
        QCOMPARE(report.recordsChecked, std::int64_t{10});
        store.reset();
        auto reopened = openStore(path);
        QVERIFY(reopened);
        cp = reopened->loadCheckpoint();
        QCOMPARE((*cp)->cycle, std::int64_t{5});
        QCOMPARE((*cp)->chunks.size(), std::size_t{2});
        QCOMPARE(reopened->auditEntries()->size(), std::size_t{10});
    }

    void failedCommitLeavesThePreviousCycleIntact()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        CycleCommit c1 = makeCommit(1, 3);
        c1.newChunks = {{1000, 1999, "one"}};
        c1.approvalUpserts = {makeApproval(1, "pending")};
        QVERIFY(store->commitCycle(c1).ok());

        // The bad chunk comes after the audit entries, the checkpoint and the approval in the transaction: all
        // of them must be rolled back.
        CycleCommit bad = makeCommit(2, 3);
        bad.stateJson = "{\"cycle\":\"bad\"}";
        bad.approvalUpserts = {makeApproval(1, "approved")};
        bad.newChunks = {{2000, 2999, "fine"}, {5000, 4000, "ends before it starts"}};
        bad.dropChunksEndingBefore = 2000;
        Status s = store->commitCycle(bad);
        QVERIFY(!s.ok());
        QVERIFY2(contains(s.error(), "cannot commit cycle 2 to " + path), s.error().c_str());
        QVERIFY2(contains(s.error(), "CHECK constraint failed"), s.error().c_str());

        // An approval state outside the contract is refused the same way.
        CycleCommit badState = makeCommit(2, 3);
        badState.approvalUpserts = {makeApproval(1, "maybe")};
        s = store->commitCycle(badState);
        QVERIFY(!s.ok());
        QVERIFY2(contains(s.error(), "CHECK constraint failed"), s.error().c_str());

        const auto checkCycleOne = [&](AgentStore& st) {
            auto cp = st.loadCheckpoint();
            QVERIFY(cp.ok() && cp->has_value());
            QCOMPARE((*cp)->cycle, std::int64_t{1});
            QCOMPARE(qs((*cp)->stateJson), QStringLiteral("{\"cycle\":1}"));
            QCOMPARE((*cp)->chunks.size(), std::size_t{1});
            QCOMPARE(qs((*cp)->chunks[0].bytes), QStringLiteral("one"));
            QCOMPARE(st.auditEntries()->size(), std::size_t{3});
            QCOMPARE(st.recentSnapshots(10)->size(), std::size_t{1});
            QCOMPARE(qs((*st.approval(1))->state), QStringLiteral("pending"));
            const AuditVerifyReport report = st.verifyAudit();
            QVERIFY2(report.ok, problemsText(report).c_str());
        };
        checkCycleOne(*store);
        if (QTest::currentTestFailed())
            return;
        checkCycleOne(*openStore(path));
        if (QTest::currentTestFailed())
            return;

        // The connection is still usable, and the chain continues without a gap.
        QVERIFY(store->commitCycle(makeCommit(2, 3)).ok());
        QCOMPARE(store->auditEntries()->back().seq, std::int64_t{6});
        QVERIFY(store->verifyAudit().ok);
    }

    void lockedDatabaseFailsTheCommitAfterTheBusyTimeout()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->commitCycle(makeCommit(1)).ok());

        RawDb other(path);
        QCOMPARE(qs(other.exec("BEGIN IMMEDIATE")), QString()); // another process holds the write lock
        QElapsedTimer timer;
        timer.start();
        Status s = store->commitCycle(makeCommit(2));
        QVERIFY(!s.ok());
        // Said as what it is (SQLite's "database is locked" read like a fault of the file) and marked as worth
        // retrying.
        QVERIFY2(
            contains(s.error(), "cannot commit cycle 2 to " + path +
                                    ": another process (an agent running on it, or "
                                    "a tool) kept the database locked while this one waited; try again when it is done "
                                    "(database is locked)"),
            s.error().c_str());
        QVERIFY(s.failure().busy);
        QVERIFY(timer.elapsed() >= 4000); // it waited instead of failing at once
        // Opening it read-write migrates inside a write transaction: the same wait, the same words, through every layer
        // the error passes (the command-line tools exit 1 for it, not 2 as for bad input).
        auto second = AgentStore::open(path, AgentStore::Mode::Existing);
        QVERIFY(!second.ok());
        QVERIFY2(
            contains(second.error(), "another process (an agent running on it, or a tool) kept the database locked"),
            second.error().c_str());
        QVERIFY(second.failure().busy);
        QCOMPARE(qs(other.exec("ROLLBACK")), QString());

        QCOMPARE((*store->loadCheckpoint())->cycle, std::int64_t{1});
        QVERIFY(store->commitCycle(makeCommit(2)).ok());
        QCOMPARE((*store->loadCheckpoint())->cycle, std::int64_t{2});
    }

    void ioErrorIsReportedAndRolledBack()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->commitCycle(makeCommit(1)).ok());

        // Simulate a full disk: cap the size of files this process may write, so the WAL cannot grow by the
        // megabyte the next cycle needs. With SIGXFSZ ignored the write fails with EFBIG like ENOSPC would.
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        const qint64 biggest = std::max(QFileInfo(qs(path)).size(), QFileInfo(qs(path + "-wal")).size());
        auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit capped = old;
        capped.rlim_cur = static_cast<rlim_t>(biggest + 64 * 1024);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &capped), 0);

        CycleCommit big = makeCommit(2);
        big.newChunks = {{2000, 2999, std::string(4 * 1024 * 1024, 'x')}};
        Status s = store->commitCycle(big);

        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY(!s.ok());
        QVERIFY2(contains(s.error(), "cannot commit cycle 2 to " + path + ": "), s.error().c_str());
        QVERIFY2(contains(s.error(), "disk I/O error") || contains(s.error(), "disk is full"), s.error().c_str());

        auto reopened = openStore(path);
        QVERIFY(reopened);
        QCOMPARE((*reopened->loadCheckpoint())->cycle, std::int64_t{1});
        QVERIFY(reopened->verifyAudit().ok);
        QCOMPARE(reopened->auditEntries()->size(), std::size_t{2});
        QVERIFY(reopened->commitCycle(big).ok()); // with room again the same cycle goes through
        QCOMPARE((*reopened->loadCheckpoint())->cycle, std::int64_t{2});
    }

    void resetStateKeepsTheAuditTrail()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        auto store = openStore(path);
        QVERIFY(store);
        CycleCommit c = makeCommit(1);
        c.newChunks = {{0, 10, "w"}};
        c.approvalUpserts = {makeApproval(1, "pending"), makeApproval(2, "rejected")};
        QVERIFY(store->commitCycle(c).ok());
        OperatorCommand cmd;
        cmd.kind = "rollback";
        cmd.targetId = 3;
        cmd.actor = "cli:bob";
        QVERIFY(store->enqueueCommand(cmd).ok());
        ConfigVersion v;
        v.yaml = "detector: {}\n";
        QVERIFY(store->recordConfigVersion(v).ok());

        QVERIFY(!store->runId().value());
        QVERIFY(store->resetState("run-2").ok());
        QCOMPARE(qs(store->runId().value().value_or("")), QStringLiteral("run-2"));
        auto cp = store->loadCheckpoint();
        QVERIFY(cp.ok() && !cp->has_value());
        QVERIFY(store->recentSnapshots(10)->empty());
        {
            RawDb raw(path);
            QCOMPARE(raw.integer("SELECT count(*) FROM window_chunks"), std::int64_t{0});
        }
        QCOMPARE(store->auditEntries()->size(), std::size_t{2});
        QVERIFY(store->verifyAudit().ok);
        auto one = store->approval(1);
        QCOMPARE(qs((*one)->state), QStringLiteral("expired"));
        QCOMPARE(qs((*one)->reason), QStringLiteral("superseded by a new run"));
        QCOMPARE(qs((*store->approval(2))->state), QStringLiteral("rejected")); // decided ones are history
        QCOMPARE(store->queuedCommands()->size(), std::size_t{1});
        QVERIFY(store->configVersion(1)->has_value());
    }

    void configVersionsAreStoredOncePerContent()
    {
        QTemporaryDir dir;
        auto store = openStore(pathIn(dir));
        QVERIFY(store);
        ConfigVersion v;
        v.createdAt = 42;
        v.author = "alice";
        v.message = "initial";
        v.yaml = "detector:\n  window_ms: 60000\n";
        auto first = store->recordConfigVersion(v);
        QVERIFY(first.ok());
        ConfigVersion same = v;
        same.author = "bob";
        same.message = "no change";
        auto again = store->recordConfigVersion(same);
        QVERIFY(again.ok());
        QCOMPARE(*again, *first);
        ConfigVersion changed = v;
        changed.yaml += "  min_window_tx: 50\n";
        auto second = store->recordConfigVersion(changed);
        QVERIFY(second.ok());
        QVERIFY(*second > *first);

        auto stored = store->configVersion(*first);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->version, *first);
        QCOMPARE((*stored)->createdAt, std::int64_t{42});
        QCOMPARE(qs((*stored)->author), QStringLiteral("alice"));
        QCOMPARE(qs((*stored)->message), QStringLiteral("initial"));
        QCOMPARE(qs((*stored)->yaml), qs(v.yaml));
        QCOMPARE(qs((*stored)->sha256), qs(sha256Hex(v.yaml)));
        auto missing = store->configVersion(999);
        QVERIFY(missing.ok() && !missing->has_value());

        // Recorded without a time: now, on the wall clock (it was 0 for every version the agent recorded).
        const auto before = QDateTime::currentMSecsSinceEpoch();
        ConfigVersion undated = v;
        undated.createdAt = 0;
        undated.yaml += "  max_anomalies: 7\n";
        auto third = store->recordConfigVersion(undated);
        QVERIFY(third.ok());
        QVERIFY(store->configVersion(*third).value()->createdAt >= before);

        // A version edited in the database after it was recorded is refused, not run.
        {
            RawDb raw(pathIn(dir));
            QCOMPARE(qs(raw.exec("UPDATE config_versions SET yaml = replace(yaml, '60000', '6000') WHERE version = " +
                                 std::to_string(*first))),
                     QString());
        }
        auto edited = store->configVersion(*first);
        QVERIFY(!edited.ok());
        QVERIFY2(contains(edited.error(), "was changed after it was recorded"), edited.error().c_str());
    }

    // --- runner lock -------------------------------------------------------------------------------------------

    void runnerLockIsExclusiveAndReleasedOnDestruction()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        QVERIFY(!RunnerLock::isHeld(path));
        auto first = RunnerLock::acquire(path);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().c_str());
        QVERIFY(QFileInfo::exists(qs(path + ".lock")));
        QVERIFY(RunnerLock::isHeld(path));

        auto second = RunnerLock::acquire(path);
        QVERIFY(!second.ok());
        QVERIFY2(contains(second.error(), "database " + path + " is in use by " +
                                              QCoreApplication::applicationName().toStdString() + " (pid " +
                                              std::to_string(QCoreApplication::applicationPid())),
                 second.error().c_str());

        // The same database through a symbolic link (to the file, or to its directory) is the same database: two
        // agents committing to it duplicated its audit records.
        QVERIFY(QFile::link(qs(path), dir.filePath(QStringLiteral("alias.db"))));
        QVERIFY(QFile::link(dir.path(), dir.filePath(QStringLiteral("dirlink"))));
        const QStringList aliases{dir.filePath(QStringLiteral("alias.db")),
                                  dir.filePath(QStringLiteral("dirlink/")) + QFileInfo(qs(path)).fileName()};
        for (const QString& alias : aliases) {
            QVERIFY2(RunnerLock::isHeld(alias.toStdString()), qPrintable(alias));
            auto other = RunnerLock::acquire(alias.toStdString());
            QVERIFY2(!other.ok() && contains(other.error(), "is in use by "), qPrintable(alias));
        }

        first = Error{"released"}; // destroys the lock
        QVERIFY(!RunnerLock::isHeld(path));
        auto third = RunnerLock::acquire(path);
        QVERIFY2(third.ok(), third.ok() ? "" : third.error().c_str());
    }

    void runnerLockOfAKilledProcessIsTakenOver()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        QProcess holder;
        holder.start(QStringLiteral(STORE_CRASH_WRITER), {QStringLiteral("lock"), qs(path)});
        QVERIFY(holder.waitForStarted());
        QVERIFY(holder.waitForReadyRead(30000));
        QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));

        QVERIFY(RunnerLock::isHeld(path));
        auto blocked = RunnerLock::acquire(path);
        QVERIFY(!blocked.ok());
        QVERIFY2(contains(blocked.error(), "pid " + std::to_string(holder.processId())), blocked.error().c_str());

        holder.kill();
        QVERIFY(holder.waitForFinished(10000));
        QVERIFY(QFileInfo::exists(qs(path + ".lock"))); // kill -9 leaves the file behind
        QVERIFY(!RunnerLock::isHeld(path));
        auto taken = RunnerLock::acquire(path);
        QVERIFY2(taken.ok(), taken.ok() ? "" : taken.error().c_str());
    }

    void runnerLockInMissingDirectoryNamesThePath()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "missing/agent.db");
        auto lock = RunnerLock::acquire(path);
        QVERIFY(!lock.ok());
        // Said as what it is: QLockFile's own word for it is "unknown error".
        QVERIFY2(contains(lock.error(), "cannot lock database " + path + ": the directory " +
                                            QDir(dir.path()).filePath(QStringLiteral("missing")).toStdString() +
                                            " does not exist"),
                 lock.error().c_str());
    }

    // --- crash safety ------------------------------------------------------------------------------------------

    void killedWriterNeverLeavesAHalfWrittenCycle()
    {
        QTemporaryDir dir;
        const std::string path = pathIn(dir);
        std::int64_t lastCycle = 0;
        // Different delays land the kill in different phases: mid-transaction, mid-fsync, between cycles.
        for (int delayMs : {0, 1, 3, 7, 11, 19, 29, 43, 67, 101, 150, 310}) {
            QProcess writer;
            writer.setProcessChannelMode(QProcess::ForwardedChannels);
            writer.start(QStringLiteral(STORE_CRASH_WRITER), {QStringLiteral("write"), qs(path)});
            QVERIFY(writer.waitForStarted());

            // Let it get well into its loop: a few cycles past where the previous round stopped.
            QDeadlineTimer deadline(60000);
            std::int64_t seen = -1;
            while (seen < lastCycle + 3) {
                QVERIFY2(!writer.waitForFinished(2), "the writer exited on its own");
                QVERIFY2(!deadline.hasExpired(), "the writer made no progress");
                seen = committedCycle(path);
            }
            if (delayMs > 0)
                QVERIFY2(!writer.waitForFinished(delayMs), "the writer exited on its own");
            writer.kill();
            QVERIFY(writer.waitForFinished(10000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

            const std::int64_t cycle = checkCrashConsistency(path);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(cycle >= seen);
            lastCycle = cycle;
        }
        QVERIFY(lastCycle > 20);
    }

private:
    // Everything a restart would rely on after SIGKILL; returns the recovered cycle.
    std::int64_t checkCrashConsistency(const std::string& path)
    {
        {
            RawDb raw(path);
            const auto integrity = raw.column("PRAGMA integrity_check");
            [&] {
                QCOMPARE(integrity.size(), std::size_t{1});
                QCOMPARE(qs(integrity.front()), QStringLiteral("ok"));
            }();
            if (QTest::currentTestFailed())
                return -1;
        }
        auto store = openStore(path);
        std::int64_t cycle = -1;
        [&] {
            QVERIFY(store);
            const AuditVerifyReport report = store->verifyAudit();
            QVERIFY2(report.ok, problemsText(report).c_str());

            auto cp = store->loadCheckpoint();
            QVERIFY(cp.ok() && cp->has_value());
            cycle = (*cp)->cycle;
            QVERIFY(cycle > 0);
            const json state = json::parse((*cp)->stateJson);
            QCOMPARE(state["cycle"].get<std::int64_t>(), cycle);

            // Each committed cycle has all three of its audit entries, and nothing of the cycle in flight.
            QCOMPARE(report.recordsChecked, kCrashAuditPerCycle * cycle);
            auto entries = store->auditEntries();
            QVERIFY(entries.ok());
            for (const AuditEntry& e : *entries) {
                const json inputs = json::parse(e.inputsJson);
                QCOMPARE(inputs["cycle"].get<std::int64_t>(), (e.seq - 1) / kCrashAuditPerCycle + 1);
                QCOMPARE(inputs["i"].get<std::int64_t>(), (e.seq - 1) % kCrashAuditPerCycle);
            }

            // The window is exactly the chunks of the newest cycles, each byte-for-byte.
            const std::int64_t firstChunkCycle = std::max<std::int64_t>(1, cycle - kCrashChunksKept + 1);
            QCOMPARE(static_cast<std::int64_t>((*cp)->chunks.size()), cycle - firstChunkCycle + 1);
            for (std::size_t i = 0; i < (*cp)->chunks.size(); ++i) {
                const std::int64_t chunkCycle = firstChunkCycle + static_cast<std::int64_t>(i);
                QCOMPARE((*cp)->chunks[i].firstMs, chunkCycle * 1000);
                QVERIFY((*cp)->chunks[i].bytes == crashChunkBytes(chunkCycle));
            }

            RawDb raw(path);
            QCOMPARE(raw.integer("SELECT max(cycle) FROM cycle_history"), cycle);
            QCOMPARE(raw.integer("SELECT count(*) FROM cycle_history"), std::min(cycle, kCrashCyclesKept));
            QCOMPARE(raw.integer("SELECT count(*) FROM approvals"), std::min<std::int64_t>(cycle, 10));
        }();
        return cycle;
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
