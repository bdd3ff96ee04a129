#include "data_source_router.h"

#include "store/agent_store.h"

namespace payops {

DataSourceRouter::DataSourceRouter(ConsoleData& data, RuntimeHost& runtime, QString dbPath, QObject* parent)
    : QObject(parent), m_data(data), m_runtime(runtime), m_dbPath(std::move(dbPath))
{
    connect(&runtime, &RuntimeHost::opened, this, &DataSourceRouter::onOpened);
    connect(&runtime, &RuntimeHost::snapshotReady, this, &DataSourceRouter::onLocal);
    // Every source's triage is kept in this one file: once the agent finds it damaged, none is written into it (a
    // restore from a backup would lose it, and each write risks more damage) until the agent opens it again.
    connect(&runtime, &RuntimeHost::failed, this, [this](const QString&, bool damaged, bool busy) {
        if (damaged)
            m_data.setSaveRefused(tr("Not saved: %1 is damaged. The change stays in this window until it closes; "
                                     "restore the file from a backup, or start the console with another --db.")
                                      .arg(m_dbPath));
        m_localOpen = false;  // a runtime that failed has closed its run
        m_attachRetry.stop(); // nothing of its run to attach now: following (below) attaches on its own
        // Another agent holds the file (its runner lock), not a lock SQLite waited out: that run is followed.
        if (busy && RunnerLock::isHeld(m_dbPath.toStdString()))
            startFollowing();
    });
    // Polled: the other process gives no word when it commits. A cycle is 8 s of simulated time; at the demo's speeds a
    // second apart is a few cycles at most, each shown as it was.
    m_followTimer.setInterval(1000);
    connect(&m_followTimer, &QTimer::timeout, this, &DataSourceRouter::followTick);
    m_attachRetry.setInterval(1000);
    connect(&m_attachRetry, &QTimer::timeout, this, [this] {
        // Only for the run this console's agent has open: following another process's run attaches in followTick,
        // and an attach from here would make that run's book writable.
        if (remote() || !m_localOpen || m_following || !m_localAttached || m_data.attached())
            m_attachRetry.stop();
        else
            attachLocal(m_retryNewRun);
    });
}

void DataSourceRouter::attachLocal(bool newRun)
{
    const Status attached = m_data.attach(m_dbPath, newRun);
    if (!attached) {
        // Said once, then tried again quietly: a message a second would hide every other one.
        if (!m_attachRetry.isActive())
            report(attached);
        m_retryNewRun = newRun;
        m_attachRetry.start();
        return;
    }
    m_attachRetry.stop();
    m_data.setFollowing(false); // only now: until then the book holds the followed run, which is not written here
}

void DataSourceRouter::startFollowing()
{
    const bool wasFollowing = m_following;
    m_following = true;
    if (remote())
        return; // followed once the local source is chosen again
    if (!wasFollowing || !m_followTimer.isActive()) {
        m_data.setFollowing(true); // before attach: nothing of the followed run is written from here
        report(m_data.attach(m_dbPath, false));
        m_followTimer.start();
    }
    m_info.following = true;
    m_info.followedStopped = false;
    if (const CycleSnapshotPtr latest = m_data.latest()) {
        m_info.cycle = latest->cycle;
        m_info.timeMs = latest->timeMs;
    }
    Q_EMIT infoChanged(m_info);
}

void DataSourceRouter::followTick()
{
    if (!m_following || remote() || m_localOpen) {
        m_followTimer.stop();
        return;
    }
    if (!m_data.attached()) {
        // Its attach failed (said then): tried again each tick, quietly. The cycles wait in the file meanwhile.
        if (!m_data.attach(m_dbPath, false))
            return;
    }
    Result<int> shown = m_data.showNewSavedCycles();
    if (!shown) {
        report(shown.failure());
        return;
    }
    // The banner says what holds the file; once nothing does, that this console may take the run over.
    const bool stopped = !RunnerLock::isHeld(m_dbPath.toStdString());
    const CycleSnapshotPtr latest = m_data.latest();
    if (stopped != m_info.followedStopped) {
        m_info.followedStopped = stopped;
        Q_EMIT infoChanged(m_info);
    }
    if (latest && latest->cycle != m_info.cycle) {
        m_info.cycle = latest->cycle;
        m_info.timeMs = latest->timeMs;
        m_info.cycles += shown.value();
        Q_EMIT infoChanged(m_info);
    }
}

void DataSourceRouter::attachSync(sync::SyncHost* host)
{
    connect(host, &sync::SyncHost::remoteCycle, this, [this](const QString& run, const CycleSnapshotPtr& snapshot) {
        applyRemote(ConsoleSettings::Source::RemoteAgent, run, snapshot);
    });
    connect(host, &sync::SyncHost::remoteProblem, this, [this](const QString& message) {
        if (m_info.source == ConsoleSettings::Source::RemoteAgent)
            Q_EMIT failed(message);
    });
}

void DataSourceRouter::startFeed(const QString& url)
{
    m_feed = std::make_unique<feed::PythonFeedClient>(QUrl(url));
    connect(m_feed.get(), &feed::PythonFeedClient::cycle, this, [this](const QString& run, const CycleSnapshotPtr& s) {
        m_info.feedSummary = m_feed->summary();
        applyRemote(ConsoleSettings::Source::PythonFeed, run, s);
    });
    connect(m_feed.get(), &feed::PythonFeedClient::statusChanged, this, [this](const feed::FeedStatus& status) {
        m_info.feedStatus = status;
        Q_EMIT infoChanged(m_info);
    });
    connect(m_feed.get(), &feed::PythonFeedClient::problem, this, &DataSourceRouter::failed);
    m_feed->start();
}

void DataSourceRouter::report(Status status)
{
    if (!status)
        Q_EMIT failed(QString::fromStdString(status.error()));
}

void DataSourceRouter::onOpened(bool resumed)
{
    m_localOpen = true;
    // This console's agent has the file now: it runs the run it followed. ConsoleData stays read only until it has
    // attached (below): what it computed while following is not written, the attach reads the file again.
    m_following = false;
    m_followTimer.stop();
    if (m_info.following) {
        m_info.following = false;
        Q_EMIT infoChanged(m_info);
    }
    if (remote()) {
        // The runtime starts running on open; it stays paused while another source is shown and runs on the way back.
        // Its status cannot say so yet: the worker starts it just after opened(), so "running" read here was always
        // false, and a console started on another source left its agent paused for good.
        m_resumeLocal = true;
        m_runtime.setRunning(false);
        m_localAttached = false;
        return;
    }
    m_data.resumeSaving(); // the agent opened the file again (restored): what was held back goes into it here
    m_localAttached = true;
    attachLocal(!resumed);
}

void DataSourceRouter::onLocal(const CycleSnapshotPtr& snapshot)
{
    if (remote() || !m_localAttached)
        return;
    m_data.applySnapshot(snapshot); // dropped while the attach is retried: the run's saved cycles show it then
}

void DataSourceRouter::setSource(ConsoleSettings::Source source, const QString& name)
{
    if (source == m_info.source && name == m_info.name)
        return;
    const bool wasRemote = remote();
    m_info = SourceInfo{};
    m_info.source = source;
    m_info.name = source == ConsoleSettings::Source::Local ? QString() : name;
    m_feed.reset(); // a feed that is no longer the source is not followed
    if (source == ConsoleSettings::Source::PythonFeed)
        startFeed(name);
    if (remote()) {
        if (!wasRemote) {
            m_resumeLocal = m_runtime.status().running;
            m_runtime.setRunning(false);
        }
        // Nothing of the previous source stays on screen while the new one has not sent its first cycle. A remote
        // run's triage is this console's own (read only until attached: nothing of a followed run is written).
        const Status attached = m_data.attachRun(m_dbPath, QStringLiteral("remote:") + m_info.name);
        report(attached);
        if (attached) // else read only (a followed run's book) until the first cycle's attach succeeds
            m_data.setFollowing(false);
        m_localAttached = false;
        m_followTimer.stop();
        m_attachRetry.stop();
    } else if (m_localOpen) {
        m_localAttached = true;
        attachLocal(false);
        if (m_resumeLocal)
            m_runtime.setRunning(true);
        m_resumeLocal = false;
    } else if (m_following) {
        startFollowing();
        return; // it says the new info
    }
    Q_EMIT infoChanged(m_info);
}

void DataSourceRouter::applyRemote(ConsoleSettings::Source from, const QString& run, const CycleSnapshotPtr& snapshot)
{
    if (from != m_info.source || !remote())
        return;
    if (run != m_info.run) {
        // A new remote run (or the first cycle of this source): its own triage, its own charts.
        const Status attached = m_data.attachRun(m_dbPath, QStringLiteral("remote:%1:%2").arg(m_info.name, run));
        report(attached);
        if (!attached)
            return; // tried again with the next cycle
        m_data.setFollowing(false);
        m_info.run = run;
    }
    m_data.applySnapshot(snapshot);
    m_info.cycle = snapshot->cycle;
    m_info.timeMs = snapshot->timeMs;
    ++m_info.cycles;
    Q_EMIT infoChanged(m_info);
}

} // namespace payops
