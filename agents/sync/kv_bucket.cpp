#include "kv_bucket.h"

#include "core/json_field.h"
#include "js_api.h"
#include "nats_ws_connection.h"

#include <memory>
#include <nlohmann/json.hpp>

namespace payops::sync {

namespace {

constexpr int kWrongLastSequence = 10071;

bool isDelete(const NatsHeaders& h)
{
    const auto op = h.value("KV-Operation");
    return op && (*op == "DEL" || *op == "PURGE");
}

KvError putError(const NatsReply& r)
{
    return KvError{r.apiErrorCode == kWrongLastSequence, r.error};
}

} // namespace

KvBucket::KvBucket(NatsWsConnection* connection, JsApi* api, QString bucket, int watchHeartbeatMs, QObject* parent)
    : KeyValueStore(parent), m_conn(connection), m_api(api), m_bucket(std::move(bucket)),
      m_watchHeartbeatMs(watchHeartbeatMs)
{
}

void KvBucket::create(int history, std::function<void(Status)> done)
{
    const nlohmann::json config = {{"name", streamName().toStdString()},
                                   {"subjects", {"$KV." + m_bucket.toStdString() + ".>"}},
                                   {"storage", "file"},
                                   {"retention", "limits"},
                                   {"max_msgs_per_subject", std::clamp(history, 1, 64)},
                                   {"discard", "new"},
                                   {"allow_rollup_hdrs", true},
                                   {"deny_delete", true},
                                   {"allow_direct", true},
                                   {"duplicate_window", std::int64_t{120} * 1000000000},
                                   {"num_replicas", 1}};
    m_api->requestJson(QStringLiteral("$JS.API.STREAM.CREATE.") + streamName(), config, this,
                       [done = std::move(done)](const NatsReply& r) {
                           done(r.ok || r.apiErrorCode == 10058 ? Status::success()
                                                                : Status(Error{r.error.toStdString()}));
                       });
}

void KvBucket::direct(const nlohmann::json& request, std::function<void(Result<std::optional<KvEntry>>)> done)
{
    RequestOptions o;
    o.expectJson = false;
    const QString prefix = QStringLiteral("$KV.") + m_bucket + QLatin1Char('.');
    m_api->request(
        QStringLiteral("$JS.API.DIRECT.GET.") + streamName(), QByteArray::fromStdString(request.dump()), this,
        [done = std::move(done), prefix](const NatsReply& r) {
            if (r.headers.status == 404) {
                done(std::optional<KvEntry>{});
                return;
            }
            if (!r.ok) {
                done(Error{r.error.toStdString()});
                return;
            }
            KvEntry e;
            const QString subject = QString::fromStdString(r.headers.value("Nats-Subject").value_or(std::string()));
            e.key = subject.startsWith(prefix) ? subject.mid(prefix.size()) : subject;
            e.revision = std::strtoull(r.headers.value("Nats-Sequence").value_or("0").c_str(), nullptr, 10);
            e.value = r.payload.toStdString();
            e.deleted = isDelete(r.headers);
            done(std::optional<KvEntry>{std::move(e)});
        },
        o);
}

void KvBucket::get(const QString& key, EntryCallback done)
{
    direct({{"last_by_subj", subject(key).toStdString()}}, [done = std::move(done)](Result<std::optional<KvEntry>> r) {
        if (r.ok() && r.value() && r.value()->deleted)
            r = std::optional<KvEntry>{};
        done(std::move(r));
    });
}

void KvBucket::getRevision(std::uint64_t revision, EntryCallback done)
{
    direct({{"seq", revision}}, std::move(done));
}

void KvBucket::put(const QString& key, const std::string& value, std::optional<std::uint64_t> expectedRevision,
                   PutCallback done, const QString& msgId)
{
    RequestOptions o;
    if (expectedRevision)
        o.headers.set("Nats-Expected-Last-Subject-Sequence", std::to_string(*expectedRevision));
    if (!msgId.isEmpty())
        o.headers.set("Nats-Msg-Id", msgId.toStdString());
    m_api->request(
        subject(key), QByteArray::fromStdString(value), this,
        [done = std::move(done)](const NatsReply& r) {
            if (!r.ok) {
                done(0, putError(r));
                return;
            }
            done(jsonFieldOr(r.json, "seq", std::uint64_t{0}), std::nullopt);
        },
        o);
}

void KvBucket::remove(const QString& key, std::function<void(std::optional<KvError>)> done)
{
    RequestOptions o;
    o.headers.set("KV-Operation", "DEL");
    m_api->request(
        subject(key), {}, this,
        [done = std::move(done)](const NatsReply& r) {
            done(r.ok ? std::nullopt : std::optional<KvError>(putError(r)));
        },
        o);
}

void KvBucket::history(const QString& key, std::function<void(Result<std::vector<KvEntry>>)> done)
{
    OrderedConsumerOptions co;
    co.stream = streamName();
    co.filterSubject = subject(key);
    auto* consumer = new OrderedConsumer(m_conn, m_api, co, this);
    auto entries = std::make_shared<std::vector<KvEntry>>();
    auto finish = std::make_shared<std::function<void(Result<std::vector<KvEntry>>)>>(std::move(done));
    auto complete = [consumer, entries, finish](Result<std::vector<KvEntry>> r) {
        if (!*finish)
            return;
        auto f = std::move(*finish);
        *finish = nullptr;
        consumer->stop();
        consumer->deleteLater();
        f(std::move(r));
    };
    connect(consumer, &OrderedConsumer::ready, this, [complete, entries](std::uint64_t pending) {
        if (pending == 0)
            complete(*entries);
    });
    connect(consumer, &OrderedConsumer::message, this, [complete, entries, key](const JsMessage& m) {
        entries->push_back({key, m.streamSeq, m.payload, isDelete(m.headers), m.timestampNs});
        if (m.pending == 0)
            complete(*entries);
    });
    connect(consumer, &OrderedConsumer::recreating, this,
            [complete](const QString& reason) { complete(Error{"cannot read the history: " + reason.toStdString()}); });
    consumer->start(1);
}

void KvBucket::watch()
{
    if (m_watch)
        return;
    OrderedConsumerOptions co;
    co.stream = streamName();
    co.filterSubject = QStringLiteral("$KV.") + m_bucket + QStringLiteral(".>");
    co.deliver = DeliverFrom::LastPerSubject;
    co.idleHeartbeatMs = m_watchHeartbeatMs;
    m_watch = new OrderedConsumer(m_conn, m_api, co, this);
    const QString prefix = QStringLiteral("$KV.") + m_bucket + QLatin1Char('.');
    connect(m_watch, &OrderedConsumer::message, this, [this, prefix](const JsMessage& m) {
        const QString subject = QString::fromStdString(m.subject);
        Q_EMIT changed({subject.mid(prefix.size()), m.streamSeq, m.payload, isDelete(m.headers), m.timestampNs});
    });
    connect(m_conn, &NatsWsConnection::connected, m_watch, [this] { m_watch->start(1); });
    // The bucket deleted and created anew: its current entries again, then its changes (its revisions restarted).
    connect(m_watch, &OrderedConsumer::streamRecreated, m_watch, [this] { m_watch->start(1); });
    m_watch->start(1);
}

void KvBucket::stopWatch()
{
    if (!m_watch)
        return;
    m_watch->stop();
    m_watch->deleteLater();
    m_watch = nullptr;
}

} // namespace payops::sync
