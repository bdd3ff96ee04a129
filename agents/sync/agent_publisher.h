#pragma once
// The headless agent as a remote service (SYNC.md intro, docs/sync.md): it runs the runtime next to the payment
// stream, publishes telemetry, anomalies, approval requests and interventions to the contract, and takes
// consoles' approval decisions from the COMMANDS stream - deduplicated on command id forever, applied through
// the same operator-command path as `payops-agent approvals approve`, and answered with a result event carrying
// caused_by. Events go through the outbox, so an offline agent loses none; telemetry is last-value and is only
// sent while connected.

#include "runtime/agent_session.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

namespace payops::sync {

class NatsWsConnection;

struct PublisherOptions {
    QString tenant = QStringLiteral("acme");
    int cycleIntervalMs = 1000;  // wall time between cycles
    std::int64_t maxCycles = -1; // stop after this many cycles (-1: run until stopped)
    int idleHeartbeatMs = 5000;
};

struct PublisherCounters {
    std::int64_t cycles = 0;
    std::int64_t telemetrySent = 0;
    std::int64_t telemetrySkippedOffline = 0;
    std::int64_t cyclesSent = 0; // whole-cycle telemetry (tel.<tenant>.cycle)
    std::int64_t eventsQueued = 0;
    std::int64_t commandsReceived = 0;
    std::int64_t commandsApplied = 0;
    std::int64_t commandsRefused = 0;
    // Events of ours the server will never take (larger than it allows): gone, and said on stderr and in the summary.
    std::int64_t eventsRefused = 0;
};

class AgentPublisher : public QObject {
    Q_OBJECT
public:
    AgentPublisher(AgentSession& session, NatsWsConnection* connection, PublisherOptions options,
                   QObject* parent = nullptr);
    ~AgentPublisher() override;

    Status start();
    void stop();

    const PublisherCounters& counters() const { return m_counters; }
    const std::string& runId() const { return m_runId; }
    nlohmann::json summary() const;
    SyncClient& syncClient() { return *m_sync; }

Q_SIGNALS:
    void finished();
    void failed(const QString& message);

private:
    void cycle();
    void takeNewCommands();
    void answerFinishedCommands();
    void publishSnapshot(const CycleSnapshot& snap);
    // One event through the outbox; enqueue() joins the caller's transaction, queue() says a failure itself.
    Status enqueue(const QString& subject, nlohmann::json payload, const std::string& id);
    void queue(const QString& subject, nlohmann::json payload, const std::string& id);
    Status prepareRun();

    AgentSession& m_session;
    NatsWsConnection* m_conn;
    PublisherOptions m_options;
    std::unique_ptr<SyncStore> m_store;
    SyncClient* m_sync = nullptr;
    QTimer m_timer;
    std::string m_runId;
    PublisherCounters m_counters;
    bool m_streamsReady = false;
    std::set<std::int64_t> m_announcedInterventions;
};

} // namespace payops::sync
