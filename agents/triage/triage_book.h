#pragma once
// The console's triage of the runtime's anomalies. Fed every cycle snapshot, it opens an item for each new
// anomaly, keeps the agent's reasoning about it current, and resolves it when its pattern clears; operators
// acknowledge, assign, snooze, resolve with a note, annotate, and silence by matcher. Unacknowledged critical
// anomalies are notified again after a timeout.
//
// Pure logic on an injectable clock (wall time): no threads, no storage. Every change is reported as an audit
// event and marks its item dirty, and TriageStore persists both.

#include "core/clock.h"
#include "core/result.h"
#include "runtime/cycle_snapshot.h"
#include "triage/silence.h"
#include "triage/triage_item.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace payops {

struct TriageAuditEvent {
    TimeMs timeMs = 0;
    std::string actor; // "operator:alice", "agent"
    std::string kind;  // triage_acknowledged, triage_resolved, silence_added, ...
    nlohmann::json inputs;
    nlohmann::json outcome;
};

struct TriageUpdate {
    std::vector<std::int64_t> added;   // new items, in id order
    std::vector<std::int64_t> changed; // existing items whose data or state changed
    std::vector<std::int64_t> notify;  // new critical anomalies to notify about (not silenced)
};

class TriageBook {
public:
    static constexpr TimeMs kDefaultRenotifyMs = 5 * 60 * 1000;

    explicit TriageBook(const Clock& clock, TimeMs renotifyAfterMs = kDefaultRenotifyMs);

    // Restores persisted items and active silences (no events, nothing dirty). New silences are numbered after
    // lastSilenceId, the highest id ever stored (removed silences keep theirs).
    void load(std::vector<TriageItem> items, std::vector<Silence> silences, std::int64_t lastSilenceId = 0);

    TriageUpdate applySnapshot(const CycleSnapshot& snapshot);
    // A saved cycle from before this book was opened on the run (a console reopened on a database): its anomalies
    // become items as they were, but nothing is recorded in the audit log and nobody is told; one it saw clear is
    // resolved as "cleared before this console opened". Anomalies in `openAtTheEnd` are left to the last cycle's
    // applySnapshot(), which records and announces them as it always did.
    void replaySnapshot(const CycleSnapshot& snapshot, const std::set<std::int64_t>& openAtTheEnd);

    // Operator actions. Errors name the anomaly and why ("anomaly 7 is already resolved").
    // acknowledge() takes a selection: items already acknowledged or resolved are skipped, unknown ids refused.
    Result<std::vector<std::int64_t>> acknowledge(const std::vector<std::int64_t>& ids, const std::string& actor);
    Status resolve(std::int64_t id, const std::string& actor, const std::string& note);
    Status snooze(std::int64_t id, TimeMs untilMs, const std::string& actor);
    Status unsnooze(std::int64_t id, const std::string& actor);
    Status assign(std::int64_t id, const std::string& owner, const std::string& actor);
    Status addNote(std::int64_t id, const std::string& actor, const std::string& text);

    Result<Silence> addSilence(Silence silence, const std::string& actor);
    Status removeSilence(std::int64_t id, const std::string& actor);
    // Items the silence would hide now (unresolved ones first matter most, but all are listed), in id order.
    std::vector<std::int64_t> preview(const Silence& silence) const;
    // The active silence hiding the item, if any.
    const Silence* silencedBy(const TriageItem& item) const;

    // What an operator did in another console, read back from the store by a console that follows its run: each named
    // item takes the stored one's operator part (state, owner, snooze, resolution, notes); the figures stay this
    // book's, from the cycles it showed. Nothing is recorded or marked for saving: the other console saved it. Returns
    // the items that changed. An item this book has not seen yet is skipped: the caller names it again once the cycle
    // that opens it is shown.
    std::vector<std::int64_t> adoptOperatorState(const std::vector<TriageItem>& stored,
                                                 const std::set<std::int64_t>& ids);
    // The same for silences: the stored set replaces this book's.
    void adoptSilences(std::vector<Silence> silences, std::int64_t lastSilenceId);

    // Unacknowledged critical anomalies whose last notification is older than the timeout; marks them notified.
    std::vector<std::int64_t> takeDueRenotifications();

    const std::map<std::int64_t, TriageItem>& items() const { return m_items; }
    const TriageItem* item(std::int64_t id) const;
    const std::vector<Silence>& silences() const { return m_silences; }
    std::vector<Silence> activeSilences() const;
    TimeMs renotifyAfterMs() const { return m_renotifyAfterMs; }
    void setRenotifyAfterMs(TimeMs ms) { m_renotifyAfterMs = ms; }
    TimeMs nowMs() const { return m_clock.nowMs(); }

    std::vector<TriageAuditEvent> takeEvents() { return std::exchange(m_events, {}); }
    std::set<std::int64_t> takeDirtyItems() { return std::exchange(m_dirty, {}); }
    // Gives back what a failed persist took, ahead of anything newer.
    void returnPending(std::set<std::int64_t> dirty, std::vector<TriageAuditEvent> events);
    bool silencesDirty() const { return m_silencesDirty; }
    void clearSilencesDirty() { m_silencesDirty = false; }

private:
    void notePeaks(TriageItem& item); // the current figures and any replayed before the last cycle
    // `refusal`: the message when there is no such item, a phrase template with the id as %1.
    Result<TriageItem*> find(std::int64_t id, const char* refusal);
    void record(const std::string& actor, const std::string& kind, nlohmann::json inputs, nlohmann::json outcome);
    AnomalyContext contextFor(const Anomaly& anomaly, const CycleSnapshot& snapshot) const;
    // Back to New, with no acknowledgement or resolution (reopened, or escalated after a resolution by hand).
    static void makeNew(TriageItem& item);
    void reopen(TriageItem& item, TriageUpdate& update);
    void escalate(TriageItem& item, SeverityClass before, TriageUpdate& update);
    // A critical anomaly nobody silenced is announced (toast, desktop notification) as it opens or reopens.
    // Returns whether a silence hides it.
    bool announceIfCritical(TriageItem& item, TriageUpdate& update);

    const Clock& m_clock;
    TimeMs m_renotifyAfterMs;
    std::map<std::int64_t, TriageItem> m_items;
    std::vector<Silence> m_silences;
    std::int64_t m_nextSilenceId = 1;
    std::vector<TriageAuditEvent> m_events;
    std::set<std::int64_t> m_dirty;
    std::set<std::int64_t> m_snoozed; // items with a snooze set, so each cycle checks only those for expiry
    std::set<std::int64_t> m_active;  // items the detector still flags, so each cycle checks only those for a clear
    bool m_silencesDirty = false;
    // Set during replaySnapshot(): no audit events, no announcements, and these ids left alone.
    const std::set<std::int64_t>* m_replaySkipping = nullptr;
    // The worst figures of the ids left alone, from the cycles replayed before the last, for the item the last cycle
    // opens or updates: a mitigated outage still open when the console opened read "Low, z 0.0".
    std::map<std::int64_t, SeverityPeak> m_replayedPeaks;
};

} // namespace payops
