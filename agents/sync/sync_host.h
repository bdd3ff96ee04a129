#pragma once
// Runs the console's sync (connection, ordered consumers, SQLite batches, outbox) on its own thread, so network
// bursts and commits never touch the GUI thread. Like RuntimeHost: calls are queued to the worker, presence comes
// back as queued signals carrying values. Without a server ("offline (local)") the same sync runs on
// LocalBackend, the streams kept in the console's database, with LocalServices answering its commands.

#include "runtime/cycle_snapshot.h"
#include "sync/nats_options.h"
#include "sync/sync_client.h"

#include <QObject>
#include <QThread>
#include <nlohmann/json.hpp>

namespace payops::sync {

struct SyncHostConfig {
    QString dbPath;
    NatsConnectionOptions connection;
    std::vector<SyncStreamSpec> streams{{QStringLiteral("EVENTS"), {}}};
    QString consoleId;
    QString operatorName;
    QString followTenant;                 // non-empty: follow this tenant's remote agent cycles (remoteCycle)
    int localDemoEventIntervalMs = 45000; // without a server: how often the local services add a demo event
};

class SyncWorker;

class SyncHost : public QObject {
    Q_OBJECT
public:
    explicit SyncHost(QObject* parent = nullptr);
    ~SyncHost() override;

    // (Re)connects with this configuration; an empty URL list means offline (local): the local backend.
    void configure(const SyncHostConfig& config);
    void disconnectRemote();
    bool configured() const { return m_configured; } // a server, not the local backend
    const SyncPresence& presence() const { return m_presence; }
    void queueCommand(const QString& subject, const nlohmann::json& payload);

Q_SIGNALS:
    void presenceChanged(const payops::sync::SyncPresence& presence);
    void eventsApplied(const QString& stream, int inserted);
    void failed(const QString& message);
    // A cycle of the followed remote agent (SyncHostConfig::followTenant), in the agent's order, each once.
    void remoteCycle(const QString& run, const payops::CycleSnapshotPtr& snapshot);
    // A service (remote, or the local services offline) answered a command this console queued.
    void commandSettled(const QString& commandId, bool rejected, const QString& resultJson);
    // Following the remote agent is not working (yet): no telemetry stream, a malformed cycle.
    void remoteProblem(const QString& message);

private:
    QThread m_thread;
    SyncWorker* m_worker = nullptr;
    SyncPresence m_presence;
    bool m_configured = false;
};

} // namespace payops::sync
