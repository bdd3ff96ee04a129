#include "local_backend.h"

#include "contract_streams.h"
#include "core/logging.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

#include <QDateTime>
#include <QTimer>

namespace payops::sync {

namespace {

// The epoch of a local stream: it is never deleted and recreated behind the console's back. Schema migration 5
// finds the local backend's cursors by this value.
constexpr const char* kLocalEpoch = "local";
constexpr std::size_t kReadChunk = 512;

std::vector<std::string_view> tokens(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '.') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

// Delivers one stream from a sequence on: what is stored, in chunks (one per event-loop turn, so a long replay
// never blocks the thread), then each append as the backend announces it.
class LocalStreamReader : public StreamReader {
public:
    LocalStreamReader(LocalBackend* backend, StreamReaderOptions options, QObject* parent)
        : StreamReader(parent), m_backend(backend), m_options(std::move(options)),
          m_filter(m_options.filterSubject.toStdString())
    {
        connect(backend, &LocalBackend::appended, this, [this](const QString& stream) {
            if (m_running && stream == m_options.stream) {
                // Counted again at the next turn: a row appended during a long replay was not in the count, and
                // "nothing pending" (caught up) came a row early.
                m_pendingKnown = false;
                schedule();
            }
        });
    }

    void start(std::uint64_t nextSeq, std::string /*epoch*/ = {}) override
    {
        // A local stream has one epoch for good (kLocalEpoch): nothing to check.
        m_running = true;
        m_next = std::max<std::uint64_t>(1, nextSeq);
        m_announced = false;
        m_pendingKnown = false;
        schedule();
    }
    void stop() override { m_running = false; }
    bool isActive() const override { return m_running; }
    std::uint64_t nextStreamSeq() const override { return m_next; }

private:
    void failed(const std::string& why)
    {
        // A read error (I/O): say so and try again shortly from the same place.
        m_pendingKnown = false;
        Q_EMIT recreating(QString::fromStdString(why));
        QTimer::singleShot(1000, this, [this] { schedule(); });
    }

    void schedule()
    {
        if (m_scheduled)
            return;
        m_scheduled = true;
        QTimer::singleShot(0, this, [this] {
            m_scheduled = false;
            pump();
        });
    }

    void pump()
    {
        if (!m_running)
            return;
        // Counted once per catch-up (and again after an append), then counted down: a long replay is not recounted
        // for every chunk.
        if (!m_pendingKnown) {
            auto pending = m_backend->countFrom(m_options.stream, m_next, m_filter);
            if (!pending) {
                failed(pending.error());
                return;
            }
            m_pending = *pending;
            m_pendingKnown = true;
        }
        auto batch = m_backend->read(m_options.stream, m_next, m_filter, kReadChunk);
        if (!batch) {
            failed(batch.error());
            return;
        }
        if (!m_announced) {
            m_announced = true;
            Q_EMIT ready(m_pending);
        }
        for (JsMessage& m : *batch) {
            if (!m_running)
                return; // stopped by a handler (a failed commit)
            m.consumerSeq = ++m_delivered;
            m_pending = m_pending > 0 ? m_pending - 1 : 0;
            m.pending = m_pending;
            m_next = m.streamSeq + 1;
            Q_EMIT message(m);
        }
        if (batch->size() < kReadChunk)
            m_pendingKnown = false; // caught up: what comes next is counted when it is appended
        if (batch->size() == kReadChunk)
            schedule();
    }

    LocalBackend* m_backend;
    StreamReaderOptions m_options;
    std::string m_filter;
    bool m_running = false;
    bool m_scheduled = false;
    bool m_announced = false;
    bool m_pendingKnown = false;
    std::uint64_t m_pending = 0;
    std::uint64_t m_next = 1;
    std::uint64_t m_delivered = 0;
};

} // namespace

bool subjectMatches(std::string_view filter, std::string_view subject)
{
    if (filter.empty())
        return true;
    const auto f = tokens(filter);
    const auto s = tokens(subject);
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] == ">")
            return i + 1 == f.size() && s.size() > i;
        if (i >= s.size() || (f[i] != "*" && f[i] != s[i]))
            return false;
    }
    return f.size() == s.size();
}

LocalBackend::LocalBackend(AgentStore& store, QObject* parent) : SyncBackend(parent), m_store(store) {}

void LocalBackend::open()
{
    if (m_state == LinkState::Connected)
        return;
    m_state = LinkState::Connecting;
    // Connected on the next turn, as a server connection would be: callers set up before they hear of it.
    QTimer::singleShot(0, this, [this] {
        m_state = LinkState::Connected;
        Q_EMIT stateChanged(m_state);
        Q_EMIT connected();
    });
}

QString LocalBackend::streamFor(std::string_view subject)
{
    static const auto streams = [] {
        std::vector<std::pair<std::string, std::string>> out; // name, subject filter
        for (const auto& config : contractStreamConfigs())
            for (const auto& filter : config.at("subjects"))
                out.emplace_back(config.at("name").get<std::string>(), filter.get<std::string>());
        return out;
    }();
    for (const auto& [name, filter] : streams)
        if (subjectMatches(filter, subject))
            return QString::fromStdString(name);
    return {};
}

Result<StreamInfoReply> LocalBackend::streamInfoNow(const QString& stream) const
{
    sqlite::Statement q(m_store.connection(),
                        "SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM local_stream WHERE stream = ?");
    q.bind(1, stream.toStdString());
    auto row = q.next("read the local stream " + stream.toStdString());
    if (!row)
        return row.failure();
    StreamInfoReply r;
    r.ok = true;
    r.created = kLocalEpoch;
    r.firstSeq = static_cast<std::uint64_t>(q.int64(0));
    r.lastSeq = static_cast<std::uint64_t>(q.int64(1));
    return r;
}

void LocalBackend::streamInfo(const QString& stream, QObject* context, std::function<void(const StreamInfoReply&)> done,
                              int)
{
    auto info = streamInfoNow(stream);
    StreamInfoReply r = info.ok() ? info.value() : StreamInfoReply{};
    if (!info.ok())
        r.error = QString::fromStdString(info.error());
    QTimer::singleShot(0, context ? context : this, [done = std::move(done), r] { done(r); });
}

StreamReader* LocalBackend::createReader(const StreamReaderOptions& options, QObject* parent)
{
    return new LocalStreamReader(this, options, parent);
}

void LocalBackend::publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers,
                           QObject* context, std::function<void(const PublishAck&)> done, int)
{
    const PublishAck ack = publishNow(subject.toStdString(), payload.toStdString(), headers);
    QTimer::singleShot(0, context ? context : this, [done = std::move(done), ack] { done(ack); });
}

PublishAck LocalBackend::publishNow(const std::string& subject, const std::string& payload, const NatsHeaders& headers)
{
    PublishAck ack;
    const QString stream = streamFor(subject);
    if (stream.isEmpty()) {
        ack.error = QStringLiteral("no stream takes subject %1").arg(QString::fromStdString(subject));
        return ack;
    }
    const std::string name = stream.toStdString();
    const std::optional<std::string> msgId = headers.value("Nats-Msg-Id");
    sqlite3* db = m_store.connection();
    sqlite::Transaction tx(db);
    const auto fail = [&](const std::string& why) {
        ack.error = QString::fromStdString(why);
        m_lastError = ack.error;
        qCWarning(lcSync) << "local publish to" << subject.c_str() << "failed:" << why.c_str();
        return ack;
    };
    if (Status s = tx.begin(sqlite::Transaction::Kind::Immediate, "append to the local stream"); !s)
        return fail(s.error());
    if (msgId) {
        sqlite::Statement dup(db, "SELECT seq FROM local_stream WHERE stream = ? AND msg_id = ?");
        dup.bind(1, name).bind(2, *msgId);
        auto row = dup.next("look up a local message id");
        if (!row)
            return fail(row.error());
        if (*row) {
            ack.ok = true;
            ack.duplicate = true;
            ack.seq = static_cast<std::uint64_t>(dup.int64(0));
            return ack; // the transaction rolls back: nothing was written
        }
    }
    sqlite::Statement next(db, "SELECT coalesce(max(seq), 0) + 1 FROM local_stream WHERE stream = ?");
    next.bind(1, name);
    auto row = next.next("number a local message");
    if (!row)
        return fail(row.error());
    const std::int64_t seq = next.int64(0);
    sqlite::Statement insert(db, "INSERT INTO local_stream (stream, seq, subject, msg_id, headers, body, stored_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, name).bind(2, seq).bind(3, subject);
    if (msgId)
        insert.bind(4, *msgId);
    if (!headers.empty())
        insert.bindBlob(5, headers.serialize());
    insert.bindBlob(6, payload).bind(7, QDateTime::currentMSecsSinceEpoch());
    if (Status s = insert.run("append to the local stream"); !s)
        return fail(s.error());
    if (Status s = tx.commit("append to the local stream"); !s)
        return fail(s.error());
    ack.ok = true;
    ack.seq = static_cast<std::uint64_t>(seq);
    // Readers pick it up on their next turn, never inside the publisher's call.
    QMetaObject::invokeMethod(
        this, [this, stream] { Q_EMIT appended(stream); }, Qt::QueuedConnection);
    return ack;
}

Result<std::vector<JsMessage>> LocalBackend::read(const QString& stream, std::uint64_t fromSeq,
                                                  const std::string& filter, std::size_t limit) const
{
    std::vector<JsMessage> out;
    const std::string name = stream.toStdString();
    // A filter skips rows in C++ (subjects with wildcards are not SQL patterns), so read on until the chunk is full.
    std::uint64_t from = fromSeq;
    for (;;) {
        sqlite::Statement q(m_store.connection(), "SELECT seq, subject, headers, body, stored_at FROM local_stream "
                                                  "WHERE stream = ? AND seq >= ? ORDER BY seq LIMIT ?");
        q.bind(1, name).bind(2, static_cast<std::int64_t>(from)).bind(3, static_cast<std::int64_t>(limit));
        std::size_t rows = 0;
        for (;;) {
            auto row = q.next("read the local stream " + name);
            if (!row)
                return row.failure();
            if (!*row)
                break;
            ++rows;
            from = static_cast<std::uint64_t>(q.int64(0)) + 1;
            std::string subject = q.text(1);
            if (!subjectMatches(filter, subject))
                continue;
            JsMessage m;
            m.stream = stream;
            m.streamSeq = static_cast<std::uint64_t>(q.int64(0));
            m.subject = std::move(subject);
            m.rawHeaders = q.isNull(2) ? std::string() : q.blob(2);
            if (!m.rawHeaders.empty())
                m.headers = NatsHeaders::parse(m.rawHeaders).value_or(NatsHeaders{});
            m.payload = q.blob(3);
            m.timestampNs = q.int64(4) * 1000000;
            out.push_back(std::move(m));
            if (out.size() == limit)
                return out;
        }
        if (rows < limit)
            return out;
    }
}

Result<std::uint64_t> LocalBackend::countFrom(const QString& stream, std::uint64_t fromSeq,
                                              const std::string& filter) const
{
    const std::string name = stream.toStdString();
    if (filter.empty()) {
        sqlite::Statement q(m_store.connection(), "SELECT count(*) FROM local_stream WHERE stream = ? AND seq >= ?");
        q.bind(1, name).bind(2, static_cast<std::int64_t>(fromSeq));
        auto row = q.next("count the local stream " + name);
        if (!row)
            return row.failure();
        return static_cast<std::uint64_t>(q.int64(0));
    }
    sqlite::Statement q(m_store.connection(), "SELECT subject FROM local_stream WHERE stream = ? AND seq >= ?");
    q.bind(1, name).bind(2, static_cast<std::int64_t>(fromSeq));
    std::uint64_t n = 0;
    for (;;) {
        auto row = q.next("count the local stream " + name);
        if (!row)
            return row.failure();
        if (!*row)
            return n;
        n += subjectMatches(filter, q.text(0)) ? 1 : 0;
    }
}

} // namespace payops::sync
