#include "console_data.h"

#include "models/phrase_text.h"
#include "models/role_label.h"

#include <QLoggingCategory>
#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

Q_LOGGING_CATEGORY(lcConsoleData, "payops.models", QtWarningMsg)

namespace payops {

namespace {
// A refused or failed action in the reader's language where the agent said it as a phrase (triage refusals), else as
// written (a database error).
QString sayError(const Error& e)
{
    return sayPhrase(e.phrase, e.message);
}
} // namespace

ConsoleData::ConsoleData(const Clock& clock, QObject* parent)
    : QObject(parent), m_clock(clock), m_book(std::make_unique<TriageBook>(clock))
{
    m_health = new IssuerHealthModel(m_history, this);
    m_anomalies = new AnomalyTableModel(*m_book, this);
    m_proxy = new AnomalyFilterProxy(this);
    m_proxy->setSourceModel(m_anomalies);
    m_persistTimer.setSingleShot(true);
    m_persistTimer.setInterval(1000);
    connect(&m_persistTimer, &QTimer::timeout, this, [this] {
        if (Status s = persistNow(); !s)
            Q_EMIT actionFailed(sayError(s.failure()));
    });
}

ConsoleData::~ConsoleData()
{
    if (savesIntoCurrentStore()) {
        if (Status s = persistNow(); !s)
            qCWarning(lcConsoleData) << "triage not saved on exit:" << s.error().c_str();
    }
}

bool ConsoleData::savesIntoCurrentStore() const
{
    return m_store && m_saveRefused.isEmpty() && !m_heldBack && !m_following;
}

void ConsoleData::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    if (following)
        m_persistTimer.stop();
    Q_EMIT roleChanged(); // what may be done changed: buttons and the pane follow
}

void ConsoleData::resumeSaving()
{
    if (m_saveRefused.isEmpty())
        return;
    m_saveRefused.clear();
    m_heldBack = true;
}

Status ConsoleData::open(const QString& dbPath)
{
    if (savesIntoCurrentStore()) {
        if (Status s = persistNow(); !s)
            return s;
    }
    // The file the book's run is saved in stays open until the next one is: a book without a store took actions as
    // done and saved nothing.
    auto db = AgentStore::open(dbPath.toStdString());
    if (!db.ok())
        return db.failure();
    m_store.reset();
    m_db = std::move(db.value());
    m_store = std::make_unique<TriageStore>(*m_db);
    if (m_heldBack) { // into the file as it is now (load() reads it back)
        if (Status s = persistNow(); !s)
            return s;
        m_heldBack = false;
    }
    return {};
}

Status ConsoleData::attach(const QString& dbPath, bool newRun)
{
    m_attachFailed = true; // until the run is loaded: nothing of the new source goes into the book of the old one
    m_localAgent = true;
    if (Status s = open(dbPath); !s)
        return s;
    auto current = m_store->currentRun();
    if (!current.ok())
        return current.failure();
    auto agentRun = m_db->runId();
    if (!agentRun.ok())
        return agentRun.failure();
    if (const std::optional<std::string>& run = agentRun.value()) {
        // The triage follows the agent's run, so a run that payops-agent restarted since this console last showed the
        // database starts with an empty list here too, and its saved cycles are the charts' past.
        if (current.value() != run) {
            if (Status s = m_store->setCurrentRun(*run); !s)
                return s;
        }
        return load(*run, true);
    }
    // A database whose run began before runs were recorded: the console's own run, new when the runtime says so.
    std::string runId;
    if (newRun || !current.value()) {
        runId = AgentStore::newRunId(current.value());
        if (Status s = m_store->setCurrentRun(runId); !s)
            return s;
    } else {
        runId = *current.value();
    }
    return load(runId, !newRun);
}

Status ConsoleData::attachRun(const QString& dbPath, const QString& runId)
{
    m_attachFailed = true;
    m_localAgent = false;
    if (Status s = open(dbPath); !s)
        return s;
    return load(runId.toStdString(), false);
}

Status ConsoleData::load(const std::string& runId, bool localRun)
{
    // Read before anything changes: a read that fails leaves the book with its own run, saved under that run's id.
    // The audit log's head first: an action recorded between the two reads is then taken in twice, not missed.
    auto auditSeq = m_store->lastAuditSeq();
    if (!auditSeq.ok())
        return auditSeq.failure();
    auto items = m_store->loadItems(runId);
    if (!items.ok())
        return items.failure();
    auto silences = m_store->loadSilences();
    if (!silences.ok())
        return silences.failure();
    auto lastSilence = m_store->lastSilenceId();
    if (!lastSilence.ok())
        return lastSilence.failure();
    m_runId = runId;
    m_followedCycle = -1;
    m_othersAuditSeq = auditSeq.value();
    m_othersWaiting.clear();
    m_othersSilences = false;
    m_othersErrors.clear();
    m_attachFailed = false;
    m_book->load(std::move(items.value()), std::move(silences.value()), lastSilence.value());
    m_history.clear();
    m_health->clear();
    m_anomalies->reload();
    m_latest.reset();
    const std::vector<std::int64_t> announce = localRun ? showSavedCycles() : std::vector<std::int64_t>{};
    silencesMayHaveChanged(true);
    Q_EMIT reloaded();
    // Once the pages show the reopened run: anomalies that turned critical while no console watched (a headless
    // `payops-agent run`) are announced as a live cycle would. The book counted them as told, so the first word of
    // them came as a reminder five minutes later.
    for (std::int64_t id : announce)
        Q_EMIT notifyAnomaly(id, false);
    return {};
}

namespace {

// One row of cycle_history; one that cannot be read is said and skipped by the callers.
Result<CycleSnapshot> readSavedCycle(const std::string& text)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    Result<CycleSnapshot> snap = j.is_discarded() ? Result<CycleSnapshot>(Error{"not JSON"}) : snapshotFromJson(j);
    if (!snap.ok())
        qCWarning(lcConsoleData) << "a saved cycle cannot be read, skipped:" << snap.error().c_str();
    return snap;
}

} // namespace

std::vector<std::int64_t> ConsoleData::showSavedCycles()
{
    // A reopened console's charts and table continue from the cycles the database kept (an hour of them at the
    // default 8-second cycle, the charts' full resolution), not from an empty chart at the next cycle. A new run has
    // only its lead-in (the reset cleared the rest), which gives the demo's charts their past.
    constexpr int kSavedCycles = 450;
    auto saved = m_db->recentSnapshots(kSavedCycles);
    if (!saved.ok()) {
        qCWarning(lcConsoleData) << "cannot read the saved cycles:" << saved.error().c_str();
        return {};
    }
    const auto read = [](const std::string& text) { return readSavedCycle(text); };
    // The triage takes in every saved cycle: the list then holds each anomaly the chart marks, also those that opened
    // and cleared before the last cycle (a run `payops-agent run` left showed only those still open at its end, beside
    // markers of others with no row). The past is replayed quietly (no audit records, no announcements); the
    // anomalies still open at the last readable cycle are opened by it, as before, so it is read first.
    CycleSnapshotPtr last;
    std::size_t lastIndex = saved.value().size();
    while (!last && lastIndex > 0)
        if (Result<CycleSnapshot> snap = read(saved.value()[--lastIndex]); snap.ok())
            last = std::make_shared<const CycleSnapshot>(std::move(snap.value()));
    std::set<std::int64_t> openAtTheEnd;
    if (last)
        for (const Anomaly& a : last->anomalies)
            openAtTheEnd.insert(a.id);
    for (std::size_t i = 0; i < lastIndex; ++i) {
        Result<CycleSnapshot> snap = read(saved.value()[i]);
        if (!snap.ok())
            continue;
        m_history.append(snap.value());
        m_book->replaySnapshot(snap.value(), openAtTheEnd);
    }
    std::vector<std::int64_t> announce;
    if (last) {
        m_history.append(*last);
        announce = m_book->applySnapshot(*last).notify;
        m_latest = last;
        m_health->applySnapshot(*last);
        m_anomalies->reload();
        if (m_store && !m_persistTimer.isActive())
            m_persistTimer.start();
    }
    return announce;
}

void ConsoleData::rewordForLanguage()
{
    if (m_latest)
        m_health->applySnapshot(*m_latest);
}

void ConsoleData::applySnapshot(const CycleSnapshotPtr& snapshot)
{
    for (std::int64_t id : takeSnapshot(snapshot))
        Q_EMIT notifyAnomaly(id, false);
}

std::vector<std::int64_t> ConsoleData::takeSnapshot(const CycleSnapshotPtr& snapshot)
{
    if (m_attachFailed) {
        // The book holds the run shown before the attach that failed (said on the message bar): another run's anomaly
        // 1 would reopen its anomaly 1, and be saved under that run.
        qCDebug(lcConsoleData) << "cycle" << snapshot->cycle << "not shown: its run could not be opened";
        return {};
    }
    m_latest = snapshot;
    // A cycle the saved ones already showed (the runtime can commit one between the read and this) is not charted
    // twice.
    if (snapshot->timeMs > m_history.latestMs())
        m_history.append(*snapshot);
    m_health->applySnapshot(*snapshot);
    const TriageUpdate update = m_book->applySnapshot(*snapshot);
    // The proxy filters inserted and changed rows by itself (dynamic filter): no full refilter per snapshot.
    m_anomalies->applyUpdate(update);
    if (m_store && !m_persistTimer.isActive())
        m_persistTimer.start();
    Q_EMIT snapshotApplied(snapshot);
    return update.notify;
}

Result<int> ConsoleData::showNewSavedCycles()
{
    if (!m_db)
        return Error{"no database is open"};
    auto agentRun = m_db->runId();
    if (!agentRun.ok())
        return agentRun.failure();
    if (agentRun.value() && *agentRun.value() != m_runId) {
        // A new run in the other process (its demo was reset): its triage and its charts, from its saved cycles.
        if (Status s = attach(dbPath(), false); !s)
            return s.failure();
        return 0;
    }
    // A few bursts at most per call: a process far ahead (a fast run) is caught up over a few calls, not in one freeze.
    constexpr int kBatch = 200;
    constexpr int kBatchesPerCall = 5;
    int shown = 0;
    bool caughtUp = false;
    for (int batch = 0; batch < kBatchesPerCall && !caughtUp; ++batch) {
        // From the last cycle read, shown or not: one that cannot be read is not read again on every call.
        const std::int64_t after = std::max(m_followedCycle, m_latest ? m_latest->cycle : std::int64_t{-1});
        auto saved = m_db->snapshotsAfter(after, kBatch);
        if (!saved.ok())
            return saved.failure();
        if (saved.value().empty()) {
            caughtUp = true;
            break;
        }
        // The other process keeps only its newest cycles (history_cycles): those it pruned before this console read
        // them are gone, and their anomalies with them. Said, not passed over.
        if (after >= 0 && saved.value().front().first > after + 1)
            Q_EMIT actionFailed(tr("Cycles %1 to %2 of the followed run were removed from the database before this "
                                   "console read them; anomalies that opened and cleared in them are not shown.")
                                    .arg(after + 1)
                                    .arg(saved.value().front().first - 1));
        m_followedCycle = saved.value().back().first;
        shown += showSaved(saved.value());
        caughtUp = static_cast<int>(saved.value().size()) < kBatch;
    }
    // After the cycles: an acknowledgement of an anomaly that opened in the newest of them finds its item.
    adoptOthersTriage(caughtUp);
    return shown;
}

void ConsoleData::adoptOthersTriage(bool caughtUp)
{
    if (!m_store)
        return;
    // What cannot be read now is read again at the next look: the items and the silences named since wait here, each
    // on its own (a silence row this console cannot read must not hold back acknowledgements). Each error is said
    // once while it lasts (a damaged file failing both reads said two things every second).
    bool failedNow = false;
    const auto failed = [&](const std::string& error) {
        failedNow = true;
        if (m_othersErrors.insert(error).second)
            qCWarning(lcConsoleData) << "cannot read the other console's triage:" << error.c_str();
    };
    auto actions = m_store->operatorActionsAfter(m_othersAuditSeq, m_runId);
    if (!actions.ok())
        return failed(actions.error());
    m_othersAuditSeq = actions.value().lastSeq;
    m_othersWaiting.insert(actions.value().items.begin(), actions.value().items.end());
    m_othersSilences = m_othersSilences || actions.value().silences;
    // Taken in once this console has shown every saved cycle: the saved items are as of the other console's latest
    // cycle, and a follower behind it (far behind a fast run) would take in a later state and then undo it itself,
    // replaying the cycles between (an acknowledgement reopened by a cycle the other console had seen long before).
    if (caughtUp && !m_othersWaiting.empty()) {
        if (auto items = m_store->loadItems(m_runId); !items.ok()) {
            failed(items.error());
        } else {
            if (const std::vector<std::int64_t> changed = m_book->adoptOperatorState(items.value(), m_othersWaiting);
                !changed.empty()) {
                m_anomalies->itemsChanged(changed);
                m_proxy->refilter();
                Q_EMIT triageChanged(changed);
            }
            m_othersWaiting.clear();
        }
    }
    if (m_othersSilences) {
        auto silences = m_store->loadSilences();
        auto lastSilence = silences.ok() ? m_store->lastSilenceId() : Result<std::int64_t>(silences.failure());
        if (!lastSilence.ok()) {
            failed(lastSilence.error());
        } else {
            m_book->adoptSilences(std::move(silences.value()), lastSilence.value());
            m_anomalies->allChanged(); // "silenced" in the State column and its tooltip
            m_proxy->refilter();
            silencesMayHaveChanged();
            m_othersSilences = false;
        }
    }
    if (!failedNow)
        m_othersErrors.clear();
}

int ConsoleData::showSaved(const std::vector<std::pair<std::int64_t, std::string>>& saved)
{
    // Caught up a burst at a time: an anomaly that opened and cleared inside it is not announced as if it were on now
    // (a fast run behind by a hundred cycles raised a toast for each); those still on at its end are.
    std::vector<std::int64_t> held;
    int shown = 0;
    for (const auto& row : saved) {
        Result<CycleSnapshot> snap = readSavedCycle(row.second);
        if (!snap.ok())
            continue;
        const std::vector<std::int64_t> notify =
            takeSnapshot(std::make_shared<const CycleSnapshot>(std::move(snap.value())));
        held.insert(held.end(), notify.begin(), notify.end());
        ++shown;
    }
    std::set<std::int64_t> on;
    if (m_latest)
        for (const Anomaly& a : m_latest->anomalies)
            on.insert(a.id);
    std::set<std::int64_t> told;
    for (std::int64_t id : held)
        if (on.count(id) > 0 && told.insert(id).second)
            Q_EMIT notifyAnomaly(id, false);
    return shown;
}

Status ConsoleData::persistNow()
{
    m_persistTimer.stop();
    if (!m_store)
        return {};
    if (!m_saveRefused.isEmpty())
        return Error{m_saveRefused.toStdString()};
    if (m_following)
        return {}; // read only: the process that runs it keeps its triage
    const std::int64_t version = m_latest ? m_latest->configVersion : 0;
    return m_store->persist(m_runId, *m_book, version);
}

Status ConsoleData::flush()
{
    return persistNow();
}

Status ConsoleData::afterAction(Status status, const std::vector<std::int64_t>& ids)
{
    if (!status) {
        Q_EMIT actionFailed(sayError(status.failure()));
        return status;
    }
    m_anomalies->itemsChanged(ids);
    m_proxy->refilter();
    Q_EMIT triageChanged(ids);
    m_lastActionSaved = true;
    if (Status s = persistNow(); !s) {
        // Done, and pending: the next save retries it. Not a refusal: a note refused stayed in its box, and each try
        // added it again.
        m_lastActionSaved = false;
        Q_EMIT actionFailed(sayNotSaved(s.failure()));
    }
    return {};
}

QString ConsoleData::sayNotSaved(const Error& error) const
{
    if (!m_saveRefused.isEmpty())
        return sayError(error); // it says "Not saved" and why already
    return tr("Not saved: %1. The change stays in this window and is saved with the next cycle or change the file "
              "takes.")
        .arg(sayError(error));
}

void ConsoleData::setRole(approvals::OperatorRole role)
{
    if (role == m_role)
        return;
    m_role = role;
    Q_EMIT roleChanged();
}

Status ConsoleData::permitted(approvals::Permission permission)
{
    if (may(permission))
        return {};
    if (m_following) {
        const Error refused{tr("Not done: this console follows a run another process holds, and only shows its triage. "
                               "Triage it in the console that runs it, or take the run over here with Run agent once "
                               "that process has stopped.")
                                .toStdString()};
        Q_EMIT actionFailed(sayError(refused));
        return refused;
    }
    const QString why =
        permission == approvals::Permission::Annotate
            ? tr("Not done: as %1 you may not add notes; this role is read only. Change your role under File > "
                 "Profile.")
            : tr("Not done: as %1 you may not acknowledge, snooze, assign, resolve or silence anomalies; the on-call "
                 "engineer and the admin may. Change your role under File > Profile.");
    const Error refused{why.arg(roleLabel(m_role)).toStdString()};
    Q_EMIT actionFailed(sayError(refused));
    return refused;
}

Result<std::size_t> ConsoleData::acknowledge(const std::vector<std::int64_t>& ids)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s.failure();
    auto done = m_book->acknowledge(ids, m_actor);
    if (!done.ok())
        return afterAction(done.failure(), {}).failure();
    if (Status s = afterAction({}, done.value()); !s)
        return s.failure();
    return done.value().size();
}

Status ConsoleData::resolve(std::int64_t id, const QString& note)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s;
    return afterAction(m_book->resolve(id, m_actor, note.toStdString()), {id});
}

Status ConsoleData::snooze(std::int64_t id, TimeMs untilMs)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s;
    return afterAction(m_book->snooze(id, untilMs, m_actor), {id});
}

Status ConsoleData::unsnooze(std::int64_t id)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s;
    return afterAction(m_book->unsnooze(id, m_actor), {id});
}

Status ConsoleData::assign(std::int64_t id, const QString& owner)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s;
    return afterAction(m_book->assign(id, owner.toStdString(), m_actor), {id});
}

Status ConsoleData::addNote(std::int64_t id, const QString& text)
{
    if (Status s = permitted(approvals::Permission::Annotate); !s)
        return s;
    return afterAction(m_book->addNote(id, m_actor, text.toStdString()), {id});
}

Result<Silence> ConsoleData::addSilence(const Silence& silence)
{
    if (Status s = permitted(approvals::Permission::Triage); !s)
        return s.failure();
    auto added = m_book->addSilence(silence, m_actor);
    if (!added.ok()) {
        Q_EMIT actionFailed(sayError(added.failure()));
        return added;
    }
    m_anomalies->allChanged();
    m_proxy->refilter();
    silencesMayHaveChanged(true);
    m_lastActionSaved = true;
    if (Status s = persistNow(); !s) {
        m_lastActionSaved = false;
        Q_EMIT actionFailed(sayNotSaved(s.failure()));
    }
    return added;
}

Status ConsoleData::removeSilence(std::int64_t id)
{
    if (Status refused = permitted(approvals::Permission::Triage); !refused)
        return refused;
    Status s = m_book->removeSilence(id, m_actor);
    if (!s) {
        Q_EMIT actionFailed(sayError(s.failure()));
        return s;
    }
    m_anomalies->allChanged();
    m_proxy->refilter();
    silencesMayHaveChanged(true);
    m_lastActionSaved = true;
    if (Status p = persistNow(); !p) {
        m_lastActionSaved = false;
        Q_EMIT actionFailed(sayNotSaved(p.failure()));
    }
    return {};
}

void ConsoleData::checkRenotifications()
{
    // Reminders are for whoever may acknowledge: the console that runs it. What ran out is shown here all the same.
    if (!m_following) {
        const std::vector<std::int64_t> due = m_book->takeDueRenotifications();
        for (std::int64_t id : due)
            Q_EMIT notifyAnomaly(id, true);
        if (!due.empty() && m_store && !m_persistTimer.isActive())
            m_persistTimer.start();
    }
    // Snoozes and silences that ran out change what the table shows even when no snapshot arrives (paused).
    m_anomalies->allChanged();
    m_proxy->refilter();
    silencesMayHaveChanged(); // one that ran out leaves the Silences list and the detail pane's "silenced by"
    // A snooze that ran out is a change of the item's triage: the detail pane said "Snoozed until" after the table
    // showed it New again.
    std::vector<std::int64_t> snoozed;
    const TimeMs now = m_clock.nowMs();
    for (const auto& [id, item] : m_book->items())
        if (item.snoozed(now))
            snoozed.push_back(id);
    std::vector<std::int64_t> woke;
    std::set_difference(m_snoozed.begin(), m_snoozed.end(), snoozed.begin(), snoozed.end(), std::back_inserter(woke));
    m_snoozed = std::move(snoozed);
    if (!woke.empty())
        Q_EMIT triageChanged(woke);
}

void ConsoleData::silencesMayHaveChanged(bool force)
{
    std::vector<std::int64_t> active;
    for (const Silence& s : m_book->activeSilences())
        active.push_back(s.id);
    if (!force && active == m_activeSilences)
        return;
    m_activeSilences = std::move(active);
    Q_EMIT silencesChanged();
}

} // namespace payops
