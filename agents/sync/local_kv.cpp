#include "local_kv.h"

#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

#include <QDateTime>
#include <QTimer>

namespace payops::sync {

namespace {

constexpr const char* kEntryColumns = "SELECT key, revision, value, op, stored_at FROM local_kv ";

KvEntry readEntry(const sqlite::Statement& q)
{
    KvEntry e;
    e.key = QString::fromStdString(q.text(0));
    e.revision = static_cast<std::uint64_t>(q.int64(1));
    e.value = q.blob(2);
    e.deleted = q.text(3) == "DEL";
    e.timestampNs = q.int64(4) * 1000000;
    return e;
}

} // namespace

LocalKv::LocalKv(AgentStore& store, QString bucket, QObject* parent)
    : KeyValueStore(parent), m_store(store), m_bucket(std::move(bucket))
{
}

template <typename F> void LocalKv::later(F f)
{
    QTimer::singleShot(0, this, std::move(f));
}

void LocalKv::create(int history, std::function<void(Status)> done)
{
    // Like a KV stream that exists already: an existing bucket keeps its depth.
    sqlite::Statement q(m_store.connection(), "INSERT OR IGNORE INTO local_kv_bucket (bucket, history) VALUES (?, ?)");
    q.bind(1, m_bucket.toStdString()).bind(2, std::int64_t{std::max(1, history)});
    Status s = q.run("create the local KV bucket " + m_bucket.toStdString());
    later([done = std::move(done), s] { done(s); });
}

Result<std::optional<KvEntry>> LocalKv::latest(const QString& key) const
{
    sqlite::Statement q(m_store.connection(),
                        std::string(kEntryColumns) + "WHERE bucket = ? AND key = ? ORDER BY revision DESC LIMIT 1");
    q.bind(1, m_bucket.toStdString()).bind(2, key.toStdString());
    return sqlite::readOne<KvEntry>(q, "read " + key.toStdString() + " from the local KV", readEntry);
}

void LocalKv::get(const QString& key, EntryCallback done)
{
    auto r = latest(key);
    if (r && *r && (*r)->deleted)
        r = std::optional<KvEntry>{};
    later([done = std::move(done), r] { done(r); });
}

void LocalKv::getRevision(std::uint64_t revision, EntryCallback done)
{
    sqlite::Statement q(m_store.connection(), std::string(kEntryColumns) + "WHERE bucket = ? AND revision = ?");
    q.bind(1, m_bucket.toStdString()).bind(2, static_cast<std::int64_t>(revision));
    auto r = sqlite::readOne<KvEntry>(q, "read revision " + std::to_string(revision) + " from the local KV", readEntry);
    later([done = std::move(done), r] { done(r); });
}

LocalKv::Written LocalKv::write(const QString& key, const std::string& value, bool deleted,
                                std::optional<std::uint64_t> expectedRevision, const QString& msgId)
{
    Written w;
    const std::string bucket = m_bucket.toStdString();
    sqlite3* db = m_store.connection();
    sqlite::Transaction tx(db);
    const auto fail = [&w](const std::string& why) {
        w.error = KvError{false, QString::fromStdString(why)};
        return w;
    };
    if (Status s = tx.begin(sqlite::Transaction::Kind::Immediate, "write the local KV"); !s)
        return fail(s.error());
    sqlite::Statement depth(db, "SELECT history FROM local_kv_bucket WHERE bucket = ?");
    depth.bind(1, bucket);
    auto known = depth.next("read the local KV bucket");
    if (!known)
        return fail(known.error());
    if (!*known)
        return fail("no local KV bucket " + bucket + " (create it first)");
    const std::int64_t history = depth.int64(0);
    if (!msgId.isEmpty()) {
        sqlite::Statement dup(db, "SELECT revision FROM local_kv WHERE bucket = ? AND msg_id = ?");
        dup.bind(1, bucket).bind(2, msgId.toStdString());
        auto row = dup.next("look up a local KV message id");
        if (!row)
            return fail(row.error());
        if (*row) {
            w.revision = static_cast<std::uint64_t>(dup.int64(0));
            return w; // a retry: the first one's revision, nothing written
        }
    }
    auto current = latest(key);
    if (!current)
        return fail(current.error());
    // The key's last revision, delete markers included, as JetStream's last-subject-sequence check sees it.
    const std::uint64_t last = *current ? (*current)->revision : 0;
    if (expectedRevision && *expectedRevision != last) {
        w.error =
            KvError{true, tr("wrong last revision: %1 is at %2, not %3").arg(key).arg(last).arg(*expectedRevision)};
        return w;
    }
    sqlite::Statement next(db, "SELECT coalesce(max(revision), 0) + 1 FROM local_kv WHERE bucket = ?");
    next.bind(1, bucket);
    if (auto row = next.next("number a local KV revision"); !row)
        return fail(row.error());
    const std::int64_t revision = next.int64(0);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    sqlite::Statement insert(
        db, "INSERT INTO local_kv (bucket, revision, key, value, op, msg_id, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, bucket).bind(2, revision).bind(3, key.toStdString()).bindBlob(4, value);
    insert.bind(5, std::string(deleted ? "DEL" : "PUT"));
    if (!msgId.isEmpty())
        insert.bind(6, msgId.toStdString());
    insert.bind(7, now);
    if (Status s = insert.run("write " + key.toStdString() + " to the local KV"); !s)
        return fail(s.error());
    // The bucket's depth: older revisions of this key go, as max_msgs_per_subject drops them on a server.
    sqlite::Statement prune(db, "DELETE FROM local_kv WHERE bucket = ? AND key = ? AND revision NOT IN (SELECT "
                                "revision FROM local_kv WHERE bucket = ? AND key = ? ORDER BY revision DESC LIMIT ?)");
    prune.bind(1, bucket).bind(2, key.toStdString()).bind(3, bucket).bind(4, key.toStdString()).bind(5, history);
    if (Status s = prune.run("trim the history of " + key.toStdString()); !s)
        return fail(s.error());
    if (Status s = tx.commit("write the local KV"); !s)
        return fail(s.error());
    w.revision = static_cast<std::uint64_t>(revision);
    w.entry = KvEntry{key, w.revision, value, deleted, now * 1000000};
    return w;
}

void LocalKv::put(const QString& key, const std::string& value, std::optional<std::uint64_t> expectedRevision,
                  PutCallback done, const QString& msgId)
{
    const Written w = write(key, value, false, expectedRevision, msgId);
    later([this, done = std::move(done), w] {
        if (w.entry && m_watching)
            Q_EMIT changed(*w.entry);
        done(w.revision, w.error);
    });
}

void LocalKv::remove(const QString& key, std::function<void(std::optional<KvError>)> done)
{
    const Written w = write(key, {}, true, std::nullopt, {});
    later([this, done = std::move(done), w] {
        if (w.entry && m_watching)
            Q_EMIT changed(*w.entry);
        done(w.error);
    });
}

void LocalKv::history(const QString& key, std::function<void(Result<std::vector<KvEntry>>)> done)
{
    sqlite::Statement q(m_store.connection(),
                        std::string(kEntryColumns) + "WHERE bucket = ? AND key = ? ORDER BY revision");
    q.bind(1, m_bucket.toStdString()).bind(2, key.toStdString());
    auto r = sqlite::readAll<KvEntry>(q, "read the history of " + key.toStdString(), readEntry);
    later([done = std::move(done), r] { done(r); });
}

void LocalKv::watch()
{
    if (m_watching)
        return;
    m_watching = true;
    // Every key's current entry (a delete marker included, as a last-per-subject consumer gives it), in
    // revision order, then each change as it is written.
    sqlite::Statement q(m_store.connection(),
                        std::string(kEntryColumns) +
                            "WHERE bucket = ? AND revision IN (SELECT max(revision) FROM local_kv WHERE bucket = ? "
                            "GROUP BY key) ORDER BY revision");
    q.bind(1, m_bucket.toStdString()).bind(2, m_bucket.toStdString());
    auto current = sqlite::readAll<KvEntry>(q, "read the local KV bucket " + m_bucket.toStdString(), readEntry);
    later([this, current] {
        if (!current || !m_watching)
            return;
        for (const KvEntry& e : *current)
            Q_EMIT changed(e);
    });
}

void LocalKv::stopWatch()
{
    m_watching = false;
}

} // namespace payops::sync
