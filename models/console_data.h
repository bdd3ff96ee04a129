#pragma once
// Everything the console shows, kept on the GUI thread and fed by the runtime's snapshots: metric history for
// the charts, the triage book and its store, and the item models over them. Operator actions go through here so
// each one is applied, persisted with its audit record, and reflected in the models in one place.
//
// Persistence: operator actions are saved at once; the agent's own updates to triage items (new evidence every
// cycle) are saved at most once a second, so a fast simulation does not put a disk sync per cycle on the GUI
// thread. A crash loses at most that second of refreshed evidence, never an operator's action.

#include "approvals/operator_role.h"
#include "core/clock.h"
#include "models/anomaly_filter_proxy.h"
#include "models/anomaly_table_model.h"
#include "models/issuer_health_model.h"
#include "models/metric_history.h"
#include "runtime/cycle_snapshot.h"
#include "triage/triage_book.h"
#include "triage/triage_store.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace payops {

class ConsoleData : public QObject {
    Q_OBJECT
public:
    explicit ConsoleData(const Clock& clock, QObject* parent = nullptr);
    ~ConsoleData() override;

    // Opens the triage tables of the database the runtime uses, for the run the agent state belongs to (each run its
    // own triage; the previous run's stays in the database). newRun only matters for a database whose run began
    // before runs were recorded: the runtime started a new run, so the triage starts empty.
    Status attach(const QString& dbPath, bool newRun);
    // Opens the triage of a given run that is not the local runtime's (a remote agent's run, "remote:acme:run-…"),
    // leaving the local current run as it is. Triage decisions on a remote run are kept under its id.
    Status attachRun(const QString& dbPath, const QString& runId);
    bool attached() const { return m_store != nullptr && !m_attachFailed; }

    void applySnapshot(const CycleSnapshotPtr& snapshot);
    // The language changed: the health rows keep the words of the cycle that filled them ("suppressed by #9", the
    // evidence), so they are filled again from the latest one (a paused agent sends no other).
    void rewordForLanguage();
    CycleSnapshotPtr latest() const { return m_latest; }
    // Another process runs the agent on this database (a headless `payops-agent run`, another console): the cycles it
    // saved since the last one shown go through applySnapshot, as live cycles would, and a run it started anew is
    // attached from its beginning. Returns how many cycles were shown.
    Result<int> showNewSavedCycles();

    // Operator actions; the error is also emitted as actionFailed for the message bar. An action done but not saved
    // (the file refused the write) succeeds, says "Not saved" through actionFailed, and is saved with the next write
    // the file takes; lastActionSaved() tells a view not to cover that message with its own.
    // How many were acknowledged: only new ones are (the others were acknowledged or resolved already).
    Result<std::size_t> acknowledge(const std::vector<std::int64_t>& ids);
    Status resolve(std::int64_t id, const QString& note);
    Status snooze(std::int64_t id, TimeMs untilMs);
    Status unsnooze(std::int64_t id);
    Status assign(std::int64_t id, const QString& owner);
    Status addNote(std::int64_t id, const QString& text);
    Result<Silence> addSilence(const Silence& silence);
    Status removeSilence(std::int64_t id);
    bool lastActionSaved() const { return m_lastActionSaved; }

    // Checks for unacknowledged critical anomalies due another notification (the console calls this on a timer;
    // tests call it after moving their clock).
    void checkRenotifications();
    Status flush(); // saves pending triage now

    // Why triage must not be written to the database now (the local agent found the file damaged), or empty. Changes
    // are then kept in memory and each one says it was not saved: written into a file that is to be restored from a
    // backup they would be lost without a word, and every write to a damaged file risks more damage.
    void setSaveRefused(const QString& why) { m_saveRefused = why; }
    QString saveRefused() const { return m_saveRefused; }
    // Saving may go on: the file opened again. What was held back is written into the store the next attach opens,
    // not through the connection to the damaged file (a file restored by replacing it would not get it).
    void resumeSaving();

    void setActor(const QString& actor) { m_actor = actor.toStdString(); }
    // What the operator may do (approvals/operator_role.h). Every triage action below checks it and refuses with a
    // message saying which role may not do what: the buttons and menu entries are disabled too, but a command typed
    // into the palette reaches the action all the same.
    void setRole(approvals::OperatorRole role);
    approvals::OperatorRole role() const { return m_role; }
    bool may(approvals::Permission permission) const
    {
        return !(m_following &&
                 (permission == approvals::Permission::Triage || permission == approvals::Permission::Annotate)) &&
               approvals::allows(m_role, permission);
    }
    // The run shown is another process's (DataSourceRouter follows it): triage is read, never written here. The
    // process that runs it (or its console) keeps it; two writers overwrote each other's acknowledgements and logged
    // every automatic transition twice. Views redraw through roleChanged.
    void setFollowing(bool following);
    bool following() const { return m_following; }
    // Empty when the role may; else the refusal, also said through actionFailed. For views that ask something
    // (a note, an owner) before acting: asked and then refused would waste the answer.
    Status permitted(approvals::Permission permission);
    void setRenotifyAfterMs(TimeMs ms) { m_book->setRenotifyAfterMs(ms); }
    const std::string& actor() const { return m_actor; }

    const MetricHistory& history() const { return m_history; }
    const TriageBook& triage() const { return *m_book; }
    IssuerHealthModel* healthModel() const { return m_health; }
    AnomalyTableModel* anomalyModel() const { return m_anomalies; }
    AnomalyFilterProxy* anomalyProxy() const { return m_proxy; }
    const Clock& clock() const { return m_clock; }
    QString runId() const { return QString::fromStdString(m_runId); }
    // The run shown is the local agent's (attach), not a remote one's (attachRun): its approval requests are decided
    // in the database at dbPath().
    bool showsLocalAgent() const { return m_localAgent && m_db; }
    QString dbPath() const { return m_db ? QString::fromStdString(m_db->path()) : QString(); }

Q_SIGNALS:
    void snapshotApplied(const payops::CycleSnapshotPtr& snapshot);
    // A critical anomaly to tell people about: first time, or again after the re-notification timeout.
    void notifyAnomaly(qint64 anomalyId, bool again);
    void triageChanged(const std::vector<std::int64_t>& ids);
    void silencesChanged();
    // The data was replaced by another run's or source's (attach, a source switch): every view redraws from it, and
    // nothing of the previous run may stay on screen.
    void reloaded();
    void actionFailed(const QString& message);
    void roleChanged();

private:
    Status open(const QString& dbPath);
    // localRun: the local runtime's run, continued: the charts start from its saved cycles.
    Status load(const std::string& runId, bool localRun);
    // Charts and triage take in the saved cycles; returns the anomalies the last of them announces.
    std::vector<std::int64_t> showSavedCycles();
    // applySnapshot without its announcements: the anomalies it would announce.
    std::vector<std::int64_t> takeSnapshot(const CycleSnapshotPtr& snapshot);
    // Following: what operators did in the console that runs the agent since the last look (the audit log), taken
    // into the book and the views. A read that fails is retried at the next look.
    // caughtUp: every saved cycle has been shown; until then the items acted on there wait.
    void adoptOthersTriage(bool caughtUp);
    // Applies saved cycles (cycle, snapshot JSON) as live ones; returns how many could be read.
    int showSaved(const std::vector<std::pair<std::int64_t, std::string>>& saved);
    Status persistNow();
    Status afterAction(Status status, const std::vector<std::int64_t>& ids);
    QString sayNotSaved(const Error& error) const;
    // Emits silencesChanged when the active silences differ from the last ones announced (always when forced).
    void silencesMayHaveChanged(bool force = false);

    const Clock& m_clock;
    bool m_localAgent = false;
    bool m_following = false;
    // The last attach did not get as far as loading its run: the book still holds the run before it.
    bool m_attachFailed = false;
    bool m_lastActionSaved = true;
    std::int64_t m_followedCycle = -1;      // the last saved cycle showNewSavedCycles read, of this run
    std::int64_t m_othersAuditSeq = 0;      // the audit log's newest record when the triage was last read from the file
    std::set<std::int64_t> m_othersWaiting; // acted on there, not yet taken in here (adoptOthersTriage)
    bool m_othersSilences = false;          // a silence was added or removed there, not yet read here
    std::set<std::string> m_othersErrors;   // what the looks since the last good one could not read (each said once)
    QString m_saveRefused;
    bool m_heldBack = false; // changes refused a save, to be written into the next store opened
    // Triage may be written through the store open now (none refused, none held back for the next one).
    bool savesIntoCurrentStore() const;
    std::string m_actor = "operator";
    approvals::OperatorRole m_role = approvals::OperatorRole::OnCall; // the local profile's default
    MetricHistory m_history;
    std::unique_ptr<TriageBook> m_book;
    std::unique_ptr<AgentStore> m_db;
    std::unique_ptr<TriageStore> m_store;
    std::string m_runId;
    std::vector<std::int64_t> m_activeSilences; // as last announced by silencesChanged
    std::vector<std::int64_t> m_snoozed;        // items snoozed at the last reminder check, by id
    CycleSnapshotPtr m_latest;
    IssuerHealthModel* m_health = nullptr;
    AnomalyTableModel* m_anomalies = nullptr;
    AnomalyFilterProxy* m_proxy = nullptr;
    QTimer m_persistTimer;
};

} // namespace payops
