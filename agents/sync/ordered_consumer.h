#pragma once
// A JetStream ordered push consumer (SYNC.md 2.2 recipe, 5.3): an ephemeral, flow-controlled, heartbeat-
// monitored consumer created from a stream sequence. Any gap (consumer sequence not the expected one), two
// missed heartbeats, a reconnect or lame duck drops it and creates a new one from the next undelivered stream
// sequence, so the messages it hands out are exactly the stream's, in order, each once per consumer life. Each
// creation first asks for the stream's epoch: a stream deleted and created anew (its sequences restarted) is not
// read from the old position, which would skip what the new stream holds before it.

#include "nats_headers.h"
#include "sync_backend.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <string>

namespace payops::sync {

class NatsWsConnection;
class JsApi;
struct NatsFrame;

enum class DeliverFrom { Sequence, LastPerSubject };

struct OrderedConsumerOptions {
    QString stream;
    QString filterSubject;                       // one subject or wildcard (2.9 ignores filter_subjects, G13)
    DeliverFrom deliver = DeliverFrom::Sequence; // LastPerSubject: current state only (TELEMETRY, KV watch)
    int idleHeartbeatMs = 5000;
    int inactiveThresholdMs = 60000;
    int apiTimeoutMs = 5000;
};

class OrderedConsumer : public StreamReader {
    Q_OBJECT
public:
    OrderedConsumer(NatsWsConnection* connection, JsApi* api, OrderedConsumerOptions options,
                    QObject* parent = nullptr);
    ~OrderedConsumer() override;

    // (Re)starts delivering from stream sequence `nextSeq` (1 = from the beginning). Call it again after every
    // reconnect; within one connection it re-creates itself on gaps and missed heartbeats.
    void start(std::uint64_t nextSeq, std::string epoch = {}) override;
    void stop() override;

    bool isActive() const override { return m_active; }
    std::uint64_t nextStreamSeq() const override { return m_nextSeq; }
    std::uint64_t pending() const { return m_pending; }
    int recreations() const { return m_recreations; }
    const OrderedConsumerOptions& options() const { return m_options; }

private:
    void create();
    void createConsumer(std::uint64_t life);
    void createFailed(const QString& error, bool serverSaidNo);
    void recreate(const QString& reason);
    void onDelivery(const NatsFrame& frame);
    void checkHeartbeat();
    void dropServerSide();

    NatsWsConnection* m_conn;
    JsApi* m_api;
    OrderedConsumerOptions m_options;
    bool m_running = false;
    bool m_active = false;
    bool m_creating = false;
    std::uint64_t m_nextSeq = 1;
    std::uint64_t m_expectedConsumerSeq = 1;
    std::uint64_t m_pending = 0;
    std::uint64_t m_sid = 0;
    std::uint64_t m_life = 0; // which create() a reply belongs to
    int m_instance = 0;       // distinguishes consumers sharing a connection
    QString m_consumerName;
    std::string m_epoch; // the stream's `created` the sequences belong to; empty until the first creation finds it
    int m_recreations = 0;
    int m_createFailures = 0;
    QElapsedTimer m_lastActivity;
    QTimer m_heartbeatCheck;
    QTimer m_retryTimer;
};

} // namespace payops::sync
