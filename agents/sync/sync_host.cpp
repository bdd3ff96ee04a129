#include "sync_host.h"

#include "core/logging.h"
#include "store/agent_store.h"
#include "sync/local_backend.h"
#include "sync/local_services.h"
#include "sync/nats_backend.h"
#include "sync/nats_ws_connection.h"
#include "sync/remote_agent_feed.h"
#include "sync/sync_store.h"

#include <QDateTime>
#include <QTimer>

namespace payops::sync {

// Lives on the sync thread; owns everything that talks to the network or the database there.
class SyncWorker : public QObject {
    Q_OBJECT
public:
    void configure(const SyncHostConfig& config)
    {
        shutdown();
        auto store = AgentStore::open(config.dbPath.toStdString());
        if (!store) {
            Q_EMIT failed(QString::fromStdString(store.error()));
            return;
        }
        m_store = std::move(*store);
        m_syncStore = std::make_unique<SyncStore>(*m_store);
        m_syncStore->useBackgroundCheckpoints();
        SyncClientOptions so;
        so.streams = config.streams;
        so.consoleId = config.consoleId;
        so.operatorName = config.operatorName;
        if (config.connection.urls.isEmpty()) {
            // No server: the same sync on the streams kept in this database, with the local services answering.
            m_backend = std::make_unique<LocalBackend>(*m_store);
            LocalServicesOptions lo;
            lo.demoEventIntervalMs = config.localDemoEventIntervalMs;
            m_services = std::make_unique<LocalServices>(static_cast<LocalBackend*>(m_backend.get()), *m_store, lo);
            connect(m_services.get(), &LocalServices::failed, this, &SyncWorker::failed);
            startServices();
        } else {
            m_connection = std::make_unique<NatsWsConnection>(config.connection);
            m_backend = std::make_unique<NatsBackend>(m_connection.get());
        }
        m_client = std::make_unique<SyncClient>(m_backend.get(), m_syncStore.get(), so);
        connect(m_client.get(), &SyncClient::presenceChanged, this, &SyncWorker::forward);
        connect(m_client.get(), &SyncClient::eventsApplied, this, &SyncWorker::eventsApplied);
        connect(m_client.get(), &SyncClient::storeError, this, &SyncWorker::failed);
        connect(m_client.get(), &SyncClient::commandSettled, this, &SyncWorker::commandSettled);
        // Presence also carries the queue length and the reconnect attempt, which change without a state change.
        m_tick = std::make_unique<QTimer>();
        m_tick->setInterval(1000);
        connect(m_tick.get(), &QTimer::timeout, this, [this] { forward(m_client->presence()); });
        m_tick->start();
        m_client->start();
        if (!config.followTenant.isEmpty() && m_connection) {
            m_feed = std::make_unique<RemoteAgentFeed>(m_connection.get(), config.followTenant);
            connect(m_feed.get(), &RemoteAgentFeed::cycle, this, &SyncWorker::remoteCycle);
            connect(m_feed.get(), &RemoteAgentFeed::problem, this, &SyncWorker::remoteProblem);
            m_feed->start();
        }
    }

    // A read error at the start (a busy or damaged file) left the local services off for the whole session: offline
    // commands then waited for good. Said, and tried again every few seconds until it works.
    void startServices()
    {
        if (!m_services)
            return;
        if (Status st = m_services->start(); !st) {
            // Said once: said at every try, it pushed every other message off the message bar within 5 s.
            if (!m_servicesFailing)
                Q_EMIT failed(tr("The local services cannot start, trying again every 5 s: %1")
                                  .arg(QString::fromStdString(st.error())));
            m_servicesFailing = true;
            QTimer::singleShot(5000, m_services.get(), [this] { startServices(); });
            return;
        }
        m_servicesFailing = false;
    }

    void shutdown()
    {
        m_tick.reset();
        m_feed.reset();
        if (m_client)
            m_client->stop();
        m_client.reset();
        if (m_services)
            m_services->stop();
        m_services.reset();
        m_backend.reset();
        if (m_connection)
            m_connection->close();
        m_connection.reset();
        m_syncStore.reset();
        m_store.reset();
    }

    void queueCommand(const QString& subject, const nlohmann::json& payload)
    {
        if (!m_client) {
            Q_EMIT failed(tr("no remote service is configured: the command was not queued"));
            return;
        }
        if (auto r = m_client->queueCommand(subject, payload); !r)
            Q_EMIT failed(QString::fromStdString(r.error()));
        forward(m_client->presence());
    }

Q_SIGNALS:
    void presenceChanged(const payops::sync::SyncPresence& presence);
    void eventsApplied(const QString& stream, int inserted);
    void failed(const QString& message);
    void remoteCycle(const QString& run, const payops::CycleSnapshotPtr& snapshot);
    void remoteProblem(const QString& message);
    void commandSettled(const QString& commandId, bool rejected, const QString& resultJson);

private:
    void forward(const SyncPresence& p)
    {
        SyncPresence out = p;
        out.attempt = m_connection ? m_connection->reconnectAttempt() : 0;
        if (out.state == SyncState::Live || out.state == SyncState::HistoryTruncated)
            m_lastLiveMs = QDateTime::currentMSecsSinceEpoch();
        out.disconnectedSinceMs = out.state == SyncState::Reconnecting ? m_lastLiveMs : 0;
        if (out.detail.isEmpty() && m_connection)
            out.detail = m_connection->lastError();
        Q_EMIT presenceChanged(out);
    }

    std::unique_ptr<AgentStore> m_store;
    std::unique_ptr<SyncStore> m_syncStore;
    std::unique_ptr<NatsWsConnection> m_connection;
    std::unique_ptr<SyncBackend> m_backend;
    std::unique_ptr<LocalServices> m_services;
    bool m_servicesFailing = false; // their start failed and was said; tried again every 5 s
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<RemoteAgentFeed> m_feed;
    std::unique_ptr<QTimer> m_tick;
    std::int64_t m_lastLiveMs = 0;
};

SyncHost::SyncHost(QObject* parent) : QObject(parent), m_worker(new SyncWorker)
{
    qRegisterMetaType<payops::sync::SyncPresence>();
    qRegisterMetaType<payops::CycleSnapshotPtr>();
    m_thread.setObjectName(QStringLiteral("payops-sync"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::presenceChanged, this, [this](const SyncPresence& p) {
        if (!m_configured) {
            // Offline (local), or a late report from before disconnectRemote(): the state stays "offline (local)",
            // but what was set aside is this database's either way, and the local services set aside too.
            if (p.setAside == m_presence.setAside && p.newestSetAside == m_presence.newestSetAside)
                return;
            m_presence.setAside = p.setAside;
            m_presence.newestSetAside = p.newestSetAside;
            Q_EMIT presenceChanged(m_presence);
            return;
        }
        m_presence = p;
        Q_EMIT presenceChanged(p);
    });
    connect(m_worker, &SyncWorker::eventsApplied, this, &SyncHost::eventsApplied);
    connect(m_worker, &SyncWorker::failed, this, &SyncHost::failed);
    connect(m_worker, &SyncWorker::remoteCycle, this, [this](const QString& run, const CycleSnapshotPtr& snapshot) {
        if (m_configured) // not a late one from before disconnectRemote()
            Q_EMIT remoteCycle(run, snapshot);
    });
    connect(m_worker, &SyncWorker::commandSettled, this, &SyncHost::commandSettled);
    connect(m_worker, &SyncWorker::remoteProblem, this, [this](const QString& message) {
        if (m_configured)
            Q_EMIT remoteProblem(message);
    });
    m_thread.start();
}

SyncHost::~SyncHost()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SyncHost::configure(const SyncHostConfig& config)
{
    if (config.connection.urls.isEmpty()) {
        // Offline (local): the same sync on the local backend; presence stays "offline (local)".
        m_configured = false;
        m_presence = SyncPresence{};
        m_presence.state = SyncState::Closed;
        Q_EMIT presenceChanged(m_presence);
        QMetaObject::invokeMethod(m_worker, [w = m_worker, config] { w->configure(config); });
        return;
    }
    m_configured = true;
    m_presence = SyncPresence{};
    Q_EMIT presenceChanged(m_presence);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, config] { w->configure(config); });
}

void SyncHost::disconnectRemote()
{
    m_configured = false;
    QMetaObject::invokeMethod(m_worker, &SyncWorker::shutdown);
    m_presence = SyncPresence{};
    m_presence.state = SyncState::Closed;
    Q_EMIT presenceChanged(m_presence);
}

void SyncHost::queueCommand(const QString& subject, const nlohmann::json& payload)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, subject, payload] { w->queueCommand(subject, payload); });
}

} // namespace payops::sync

#include "sync_host.moc"
