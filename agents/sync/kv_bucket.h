#pragma once
// A JetStream key-value bucket (SYNC.md 2.2 "KV is just a stream", 5.5): bucket B is stream KV_B on subjects
// $KV.B.<key>; the revision is the stream sequence. Get by DIRECT.GET, compare-and-set puts with
// Nats-Expected-Last-Subject-Sequence, history and watch through ordered consumers, and rollback as a new
// revision carrying the old value (history stays linear and auditable; a retried rollback is a no-op).

#include "core/result.h"
#include "key_value_store.h"
#include "ordered_consumer.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace payops::sync {

class NatsWsConnection;
class JsApi;

class KvBucket : public KeyValueStore {
    Q_OBJECT
public:
    // watchHeartbeatMs: how often the server says the watch's consumer is alive; two missed re-create it.
    KvBucket(NatsWsConnection* connection, JsApi* api, QString bucket, int watchHeartbeatMs = 5000,
             QObject* parent = nullptr);

    const QString& name() const override { return m_bucket; }
    QString streamName() const { return QStringLiteral("KV_") + m_bucket; }

    void create(int history, std::function<void(Status)> done) override;
    // nullopt: no such key (or deleted).
    void get(const QString& key, EntryCallback done) override;
    void getRevision(std::uint64_t revision, EntryCallback done) override;
    // expectedRevision: nullopt = unconditional, 0 = create only, r = only if the key is still at r.
    void put(const QString& key, const std::string& value, std::optional<std::uint64_t> expectedRevision,
             PutCallback done, const QString& msgId = {}) override;
    void remove(const QString& key, std::function<void(std::optional<KvError>)> done) override;
    // Every revision of key still kept, oldest first.
    void history(const QString& key, std::function<void(Result<std::vector<KvEntry>>)> done) override;

    // Streams the current value of every key, then every change, to changed() until stopWatch().
    void watch() override;
    void stopWatch() override;

private:
    QString subject(const QString& key) const { return QStringLiteral("$KV.") + m_bucket + QLatin1Char('.') + key; }
    void direct(const nlohmann::json& request, std::function<void(Result<std::optional<KvEntry>>)> done);

    NatsWsConnection* m_conn;
    JsApi* m_api;
    QString m_bucket;
    int m_watchHeartbeatMs;
    OrderedConsumer* m_watch = nullptr;
};

} // namespace payops::sync
