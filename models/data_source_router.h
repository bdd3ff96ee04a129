#pragma once
// Decides where the pages' cycles come from and feeds ConsoleData from there alone: the agent embedded in this
// console (with the simulator), a remote agent followed through the sync server, or the Python original's feed.
// Each source keeps its own triage run in the database, so switching back and forth loses no one's decisions.
//
// While a remote source is shown, the local agent is paused (it would otherwise simulate unseen) and resumes on
// the way back if it was running.

#include "feed/python_feed_client.h"
#include "models/console_data.h"
#include "models/console_settings.h"
#include "runtime/runtime_host.h"
#include "sync/sync_host.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace payops {

struct SourceInfo {
    ConsoleSettings::Source source = ConsoleSettings::Source::Local;
    QString name; // tenant, or the feed's URL; empty for local
    QString run;  // the remote run being shown (empty until its first cycle)
    std::int64_t cycle = 0;
    TimeMs timeMs = 0;       // the agent's clock at that cycle
    std::int64_t cycles = 0; // received from this source since it was chosen
    // Local, but another process runs the agent on this database: its saved cycles are followed (read, not run).
    bool following = false;
    bool followedStopped = false; // no process holds the file any more: Run agent may take the run over
    // The Python feed's own link and what it last said (the sync server's link has its own status field).
    feed::FeedStatus feedStatus;
    feed::FeedSummary feedSummary;
};

class DataSourceRouter : public QObject {
    Q_OBJECT
public:
    DataSourceRouter(ConsoleData& data, RuntimeHost& runtime, QString dbPath, QObject* parent = nullptr);

    // The remote agent's cycles come through the sync connection (SyncHostConfig::followTenant).
    void attachSync(sync::SyncHost* host);
    void setSource(ConsoleSettings::Source source, const QString& name);
    const SourceInfo& info() const { return m_info; }
    bool remote() const { return m_info.source != ConsoleSettings::Source::Local; }

    // A remote cycle (from SyncHost::remoteCycle or the Python feed); ignored unless that source is chosen.
    void applyRemote(ConsoleSettings::Source from, const QString& run, const CycleSnapshotPtr& snapshot);

Q_SIGNALS:
    void infoChanged(const payops::SourceInfo& info);
    // The chosen source is not delivering (cleared by the window when its next cycle arrives).
    void failed(const QString& message);

private:
    void onOpened(bool resumed);
    void onLocal(const CycleSnapshotPtr& snapshot);
    void report(Status status);
    void startFeed(const QString& url);
    // This console's agent cannot open the file another process runs: show that run, and follow what it saves.
    void startFollowing();
    void followTick();
    // The local run into ConsoleData; one that fails is tried again every second (no cycle need come: the runtime may
    // be paused), and ConsoleData stays read only until it succeeds if it showed a followed run.
    void attachLocal(bool newRun);

    ConsoleData& m_data;
    RuntimeHost& m_runtime;
    QString m_dbPath;
    SourceInfo m_info;
    bool m_localOpen = false;     // the runtime has opened its run
    bool m_localAttached = false; // ConsoleData shows the local run
    bool m_resumeLocal = false;   // the local agent was running when a remote source took over
    std::unique_ptr<feed::PythonFeedClient> m_feed;
    bool m_following = false; // the local source shows another process's run (until this console's agent opens)
    QTimer m_followTimer;
    QTimer m_attachRetry;
    bool m_retryNewRun = false; // what the failed attachLocal was asked
};

} // namespace payops
