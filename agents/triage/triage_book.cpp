#include "triage_book.h"

#include "runtime/json_codec.h"

#include <algorithm>
#include <tuple>

namespace payops {

namespace {
// A refused action's message, as a phrase the console says in the reader's language; `id` is the anomaly's or the
// silence's number, when the template names one.
Error refused(const char* text, std::optional<std::int64_t> id = std::nullopt)
{
    Phrase p = makePhrase(text, id ? std::vector<Phrase::Arg>{phrase::whole(static_cast<double>(*id))}
                                   : std::vector<Phrase::Arg>{});
    Error e{p.english()};
    e.phrase = std::move(p);
    return e;
}
} // namespace

using nlohmann::json;

TriageBook::TriageBook(const Clock& clock, TimeMs renotifyAfterMs) : m_clock(clock), m_renotifyAfterMs(renotifyAfterMs)
{
}

void TriageBook::load(std::vector<TriageItem> items, std::vector<Silence> silences, std::int64_t lastSilenceId)
{
    m_items.clear();
    m_replayedPeaks.clear(); // another run's ids start at 1 again
    for (TriageItem& item : items)
        m_items.emplace(item.anomalyId, std::move(item));
    m_silences = std::move(silences);
    m_snoozed.clear();
    m_active.clear();
    for (const auto& [id, item] : m_items) {
        if (item.snoozedUntil != 0)
            m_snoozed.insert(id);
        if (item.active)
            m_active.insert(id);
    }
    m_nextSilenceId = std::max<std::int64_t>(1, lastSilenceId + 1);
    for (const Silence& s : m_silences)
        m_nextSilenceId = std::max(m_nextSilenceId, s.id + 1);
    m_events.clear();
    m_dirty.clear();
    m_silencesDirty = false;
}

std::vector<std::int64_t> TriageBook::adoptOperatorState(const std::vector<TriageItem>& stored,
                                                         const std::set<std::int64_t>& ids)
{
    std::vector<std::int64_t> changed;
    for (const TriageItem& theirs : stored) {
        if (!ids.count(theirs.anomalyId))
            continue;
        auto it = m_items.find(theirs.anomalyId);
        if (it == m_items.end())
            continue;
        TriageItem& mine = it->second;
        const auto operatorPart = [](auto& i) {
            return std::tie(i.state, i.owner, i.acknowledgedAt, i.snoozedUntil, i.resolvedAt, i.resolvedBy,
                            i.resolution, i.notes);
        };
        if (operatorPart(mine) == operatorPart(theirs))
            continue;
        operatorPart(mine) = operatorPart(theirs);
        if (mine.snoozedUntil != 0)
            m_snoozed.insert(mine.anomalyId);
        else
            m_snoozed.erase(mine.anomalyId);
        changed.push_back(mine.anomalyId);
    }
    return changed;
}

void TriageBook::adoptSilences(std::vector<Silence> silences, std::int64_t lastSilenceId)
{
    m_silences = std::move(silences);
    m_nextSilenceId = std::max(m_nextSilenceId, lastSilenceId + 1);
    for (const Silence& s : m_silences)
        m_nextSilenceId = std::max(m_nextSilenceId, s.id + 1);
}

AnomalyContext TriageBook::contextFor(const Anomaly& anomaly, const CycleSnapshot& snapshot) const
{
    AnomalyContext c;
    c.anomaly = anomaly;
    c.cycle = snapshot.cycle;
    for (const Hypothesis& h : snapshot.hypotheses) {
        if (h.anomalyId == anomaly.id)
            c.hypotheses.push_back(h);
    }
    for (const InterventionOption& o : snapshot.options) {
        if (std::find(o.anomalyIds.begin(), o.anomalyIds.end(), anomaly.id) != o.anomalyIds.end())
            c.options.push_back(o);
    }
    std::stable_sort(c.options.begin(), c.options.end(),
                     [](const InterventionOption& a, const InterventionOption& b) { return a.nrv > b.nrv; });
    c.decisionKind = decisionKindName(snapshot.decision.kind);
    c.decisionReason = snapshot.decision.reason;
    c.decisionReasonPhrase = snapshot.decision.reasonPhrase;
    if (const auto& chosen = snapshot.decision.chosen) {
        if (std::find(chosen->anomalyIds.begin(), chosen->anomalyIds.end(), anomaly.id) != chosen->anomalyIds.end())
            c.chosen = chosen;
    }
    return c;
}

void TriageBook::makeNew(TriageItem& item)
{
    item.state = TriageState::New;
    item.acknowledgedAt = 0;
    item.resolvedAt = 0;
    item.resolvedBy.clear();
    item.resolution.clear();
}

void TriageBook::reopen(TriageItem& item, TriageUpdate& update)
{
    // Flagged again under the id of an item that had cleared (a runtime resumed from an older checkpoint, a clear
    // this book missed): it is open again, whoever resolved it, and a critical one is announced again.
    const bool wasResolved = item.state == TriageState::Resolved;
    makeNew(item);
    const bool silenced = announceIfCritical(item, update);
    record("agent", "triage_reopened", json{{"anomaly_id", item.anomalyId}, {"was_resolved", wasResolved}},
           json{{"state", "new"}, {"silenced", silenced}});
}

void TriageBook::escalate(TriageItem& item, SeverityClass before, TriageUpdate& update)
{
    // An anomaly has become critical while its item was open: an outage on an issuer already flagged for something
    // small opens nothing new. Whoever acknowledged, resolved or snoozed it as minor is told, and a snooze ends; an
    // item resolved by hand is open again (New, so the Open filter shows it and reminders follow). A New item
    // nobody was told about yet is announced now rather than at the next reminder. At most once per reminder
    // interval for an item that stayed open: a severity hovering at the critical line must not announce every rise.
    // An item someone put away since (snoozed or resolved) comes back whenever it rises: the limit skipped the whole
    // escalation, and an item resolved within minutes of its first announcement stayed resolved, critical and hidden.
    const TimeMs now = m_clock.nowMs();
    const bool told = item.notifications > 0 && now - item.notifiedAt < m_renotifyAfterMs;
    // A snooze that ran out while no cycle came (paused) is over, though only a cycle clears it.
    const bool wasSnoozed = item.snoozed(now);
    const bool quietNew = item.state == TriageState::New && !wasSnoozed && item.notifications > 0;
    const bool wasResolved = item.state == TriageState::Resolved;
    if (quietNew || (told && !wasSnoozed && !wasResolved))
        return;
    item.snoozedUntil = 0;
    if (wasResolved)
        makeNew(item);
    const bool silenced = announceIfCritical(item, update);
    record("agent", "triage_escalated",
           json{{"anomaly_id", item.anomalyId},
                {"from", severityClassName(before)},
                {"to", severityClassName(item.context.anomaly.severityClass)}},
           json{{"state", triageStateName(item.state)},
                {"snooze_ended", wasSnoozed},
                {"was_resolved", wasResolved},
                {"silenced", silenced}});
}

bool TriageBook::announceIfCritical(TriageItem& item, TriageUpdate& update)
{
    const bool silenced = silencedBy(item) != nullptr;
    if (item.critical() && !silenced && !m_replaySkipping) {
        item.notifiedAt = m_clock.nowMs();
        ++item.notifications;
        update.notify.push_back(item.anomalyId);
    }
    return silenced;
}

void TriageBook::notePeaks(TriageItem& item)
{
    item.notePeak();
    if (auto it = m_replayedPeaks.find(item.anomalyId); it != m_replayedPeaks.end()) {
        item.peak.note(it->second);
        m_replayedPeaks.erase(it);
    }
}

void TriageBook::replaySnapshot(const CycleSnapshot& snapshot, const std::set<std::int64_t>& openAtTheEnd)
{
    m_replaySkipping = &openAtTheEnd;
    (void)applySnapshot(snapshot);
    m_replaySkipping = nullptr;
}

TriageUpdate TriageBook::applySnapshot(const CycleSnapshot& snapshot)
{
    TriageUpdate update;
    for (const Anomaly& a : snapshot.anomalies) {
        if (m_replaySkipping && m_replaySkipping->count(a.id)) {
            m_replayedPeaks[a.id].note(a);
            continue;
        }
        auto it = m_items.find(a.id);
        if (it == m_items.end()) {
            TriageItem item;
            item.anomalyId = a.id;
            item.context = contextFor(a, snapshot);
            notePeaks(item);
            const bool silenced = announceIfCritical(item, update);
            record("agent", "triage_opened",
                   json{{"anomaly_id", a.id}, {"dimension", a.dimension}, {"pattern", patternName(a.primary())}},
                   json{{"state", "new"}, {"severity", severityClassName(a.severityClass)}, {"silenced", silenced}});
            m_items.emplace(a.id, std::move(item));
            m_active.insert(a.id);
            update.added.push_back(a.id);
            m_dirty.insert(a.id);
            continue;
        }
        TriageItem& item = it->second;
        // A cycle from before the item cleared (a remote stream replayed from its start) says nothing new about it.
        if (!item.active && snapshot.timeMs <= item.clearedMs)
            continue;
        // Nor does one from before its last sighting while it is open (a resync replays the last cycles): it would
        // take the item back to older figures and announce an escalation that was announced long ago.
        if (item.active && snapshot.timeMs <= item.context.anomaly.lastSeenMs)
            continue;
        const bool wasCritical = item.critical();
        const SeverityClass before = item.context.anomaly.severityClass;
        item.context = contextFor(a, snapshot);
        notePeaks(item);
        if (!item.active)
            reopen(item, update);
        else if (!wasCritical && item.critical())
            escalate(item, before, update);
        item.active = true;
        item.clearedMs = 0;
        m_active.insert(a.id);
        update.changed.push_back(a.id);
        m_dirty.insert(a.id);
    }
    // The anomalies are the whole active set of the cycle: an item still active but not among them cleared in a
    // cycle this book never saw (cycles of a source while another was shown, the last ones before a quit, a save
    // lost to a crash). Without this it stayed open, and a critical one was re-notified every few minutes for an
    // incident long over. Only a cycle later than the item's last sighting can say so: a replayed older one (a
    // remote stream read again from its start) comes from before the anomaly, not after it.
    std::vector<Anomaly> cleared = snapshot.clearedAnomalies;
    if (!m_active.empty()) {
        std::set<std::int64_t> listed;
        for (const Anomaly& a : snapshot.anomalies)
            listed.insert(a.id);
        for (const Anomaly& a : snapshot.clearedAnomalies)
            listed.insert(a.id);
        for (std::int64_t id : m_active) {
            const Anomaly& last = m_items.at(id).context.anomaly;
            if (!listed.count(id) && last.lastSeenMs < snapshot.timeMs)
                cleared.push_back(last);
        }
    }
    for (const Anomaly& a : cleared) {
        auto it = m_items.find(a.id);
        if (it == m_items.end() || !it->second.active)
            continue;
        TriageItem& item = it->second;
        item.active = false;
        m_active.erase(a.id);
        item.clearedMs = snapshot.timeMs;
        // Hypotheses resolve in the same cycle; keep them with the item so the detail pane shows how it ended.
        for (const Hypothesis& h : snapshot.resolvedHypotheses) {
            for (Hypothesis& mine : item.context.hypotheses) {
                if (mine.id == h.id)
                    mine = h;
            }
        }
        if (item.state != TriageState::Resolved) {
            item.state = TriageState::Resolved;
            item.resolvedAt = m_clock.nowMs();
            item.resolvedBy = "agent";
            item.resolution = m_replaySkipping ? kResolvedBeforeConsoleOpened : kResolvedPatternCleared;
            item.snoozedUntil = 0;
            record("agent", "triage_resolved", json{{"anomaly_id", a.id}, {"automatic", true}},
                   json{{"state", "resolved"}, {"resolution", item.resolution}});
        }
        update.changed.push_back(a.id);
        m_dirty.insert(a.id);
    }
    // Snoozes that ran out while nothing else touched the item still need the table to show it again.
    const TimeMs now = m_clock.nowMs();
    for (auto it = m_snoozed.begin(); it != m_snoozed.end();) {
        TriageItem& item = m_items.at(*it);
        if (item.snoozedUntil != 0 && item.snoozedUntil > now) {
            ++it;
            continue;
        }
        if (item.snoozedUntil != 0) {
            item.snoozedUntil = 0;
            m_dirty.insert(*it);
            if (std::find(update.changed.begin(), update.changed.end(), *it) == update.changed.end())
                update.changed.push_back(*it);
        }
        it = m_snoozed.erase(it);
    }
    return update;
}

void TriageBook::returnPending(std::set<std::int64_t> dirty, std::vector<TriageAuditEvent> events)
{
    m_dirty.insert(dirty.begin(), dirty.end());
    events.insert(events.end(), std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events = std::move(events);
}

Result<TriageItem*> TriageBook::find(std::int64_t id, const char* refusal)
{
    auto it = m_items.find(id);
    if (it == m_items.end())
        return refused(refusal, id);
    return &it->second;
}

const TriageItem* TriageBook::item(std::int64_t id) const
{
    auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : &it->second;
}

void TriageBook::record(const std::string& actor, const std::string& kind, json inputs, json outcome)
{
    if (m_replaySkipping)
        return; // a replayed past is not something this console did or saw happen
    m_events.push_back({m_clock.nowMs(), actor, kind, std::move(inputs), std::move(outcome)});
}

Result<std::vector<std::int64_t>> TriageBook::acknowledge(const std::vector<std::int64_t>& ids,
                                                          const std::string& actor)
{
    for (std::int64_t id : ids) {
        if (!m_items.count(id))
            return refused(QT_TRANSLATE_NOOP("payops::Phrase", "cannot acknowledge anomaly %1: no such anomaly"), id);
    }
    std::vector<std::int64_t> done;
    for (std::int64_t id : ids) {
        TriageItem& item = m_items.at(id);
        if (item.state != TriageState::New)
            continue;
        item.state = TriageState::Acknowledged;
        item.acknowledgedAt = m_clock.nowMs();
        // The owner is the person ("alice"), as Assign names one; the actor is their audit identity ("operator:alice").
        // The table read "operator:operator" beside "alice" for the same kind of owner.
        if (item.owner.empty())
            item.owner = personOf(actor);
        record(actor, "triage_acknowledged", json{{"anomaly_id", id}},
               json{{"state", "acknowledged"}, {"owner", item.owner}});
        m_dirty.insert(id);
        done.push_back(id);
    }
    return done;
}

Status TriageBook::resolve(std::int64_t id, const std::string& actor, const std::string& note)
{
    auto found = find(id, QT_TRANSLATE_NOOP("payops::Phrase", "cannot resolve anomaly %1: no such anomaly"));
    if (!found)
        return found.failure();
    TriageItem& item = **found;
    if (item.state == TriageState::Resolved)
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "anomaly %1 is already resolved"), id);
    if (note.find_first_not_of(" \t\r\n") == std::string::npos)
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "resolving anomaly %1 by hand needs a note saying why"), id);
    item.state = TriageState::Resolved;
    item.resolvedAt = m_clock.nowMs();
    item.resolvedBy = actor;
    item.resolution = note;
    item.snoozedUntil = 0;
    item.notes.push_back({item.resolvedAt, actor, note});
    record(actor, "triage_resolved", json{{"anomaly_id", id}, {"automatic", false}, {"note", note}},
           json{{"state", "resolved"}, {"still_flagged", item.active}});
    m_dirty.insert(id);
    return {};
}

Status TriageBook::snooze(std::int64_t id, TimeMs untilMs, const std::string& actor)
{
    auto found = find(id, QT_TRANSLATE_NOOP("payops::Phrase", "cannot snooze anomaly %1: no such anomaly"));
    if (!found)
        return found.failure();
    TriageItem& item = **found;
    if (item.state == TriageState::Resolved)
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "anomaly %1 is resolved: there is nothing to snooze"), id);
    if (untilMs <= m_clock.nowMs())
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "a snooze must end in the future"));
    item.snoozedUntil = untilMs;
    m_snoozed.insert(id);
    record(actor, "triage_snoozed", json{{"anomaly_id", id}, {"until_ms", untilMs}}, json{{"snoozed", true}});
    m_dirty.insert(id);
    return {};
}

Status TriageBook::unsnooze(std::int64_t id, const std::string& actor)
{
    auto found = find(id, QT_TRANSLATE_NOOP("payops::Phrase", "cannot unsnooze anomaly %1: no such anomaly"));
    if (!found)
        return found.failure();
    if (!(*found)->snoozed(m_clock.nowMs())) // never, or it ran out: nothing to wake, nothing to record
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "anomaly %1 is not snoozed"), id);
    (*found)->snoozedUntil = 0;
    record(actor, "triage_unsnoozed", json{{"anomaly_id", id}}, json{{"snoozed", false}});
    m_dirty.insert(id);
    return {};
}

Status TriageBook::assign(std::int64_t id, const std::string& owner, const std::string& actor)
{
    auto found = find(id, QT_TRANSLATE_NOOP("payops::Phrase", "cannot assign anomaly %1: no such anomaly"));
    if (!found)
        return found.failure();
    const std::string previous = (*found)->owner;
    // "operator:bob" is bob, as acknowledge() names him: the Owner column and a search by owner read one form.
    (*found)->owner = personOf(owner);
    record(actor, "triage_assigned", json{{"anomaly_id", id}, {"owner", (*found)->owner}},
           json{{"previous_owner", previous}});
    m_dirty.insert(id);
    return {};
}

Status TriageBook::addNote(std::int64_t id, const std::string& actor, const std::string& text)
{
    auto found = find(id, QT_TRANSLATE_NOOP("payops::Phrase", "cannot annotate anomaly %1: no such anomaly"));
    if (!found)
        return found.failure();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "a note cannot be empty"));
    (*found)->notes.push_back({m_clock.nowMs(), actor, text});
    record(actor, "triage_note", json{{"anomaly_id", id}, {"text", text}}, json{{"notes", (*found)->notes.size()}});
    m_dirty.insert(id);
    return {};
}

Result<Silence> TriageBook::addSilence(Silence silence, const std::string& actor)
{
    if (!silence.pattern && (silence.dimension.empty() || silence.dimension == "*"))
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "a silence needs a pattern or a dimension: one that matches "
                                                           "everything would hide every anomaly"));
    silence.createdAt = m_clock.nowMs();
    if (silence.expiresAt != 0 && silence.expiresAt <= silence.createdAt)
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "a silence must end in the future"));
    silence.id = m_nextSilenceId++;
    silence.author = actor;
    const std::vector<std::int64_t> hidden = preview(silence);
    m_silences.push_back(silence);
    m_silencesDirty = true;
    record(actor, "silence_added", json(silence), json{{"matches_now", hidden}});
    return silence;
}

Status TriageBook::removeSilence(std::int64_t id, const std::string& actor)
{
    auto it = std::find_if(m_silences.begin(), m_silences.end(), [&](const Silence& s) { return s.id == id; });
    if (it == m_silences.end())
        return refused(QT_TRANSLATE_NOOP("payops::Phrase", "no silence %1"), id);
    record(actor, "silence_removed", json{{"silence_id", id}}, json{{"matcher", it->describe()}});
    m_silences.erase(it);
    m_silencesDirty = true;
    return {};
}

std::vector<std::int64_t> TriageBook::preview(const Silence& silence) const
{
    std::vector<std::int64_t> ids;
    for (const auto& [id, item] : m_items) {
        if (silence.matches(item.anomaly()))
            ids.push_back(id);
    }
    return ids;
}

const Silence* TriageBook::silencedBy(const TriageItem& item) const
{
    const TimeMs now = m_clock.nowMs();
    for (const Silence& s : m_silences) {
        if (s.activeAt(now) && s.matches(item.anomaly()))
            return &s;
    }
    return nullptr;
}

std::vector<Silence> TriageBook::activeSilences() const
{
    std::vector<Silence> out;
    const TimeMs now = m_clock.nowMs();
    for (const Silence& s : m_silences) {
        if (s.activeAt(now))
            out.push_back(s);
    }
    return out;
}

std::vector<std::int64_t> TriageBook::takeDueRenotifications()
{
    std::vector<std::int64_t> due;
    const TimeMs now = m_clock.nowMs();
    for (auto& [id, item] : m_items) {
        if (!item.critical() || !item.active || item.state != TriageState::New || item.snoozed(now))
            continue;
        if (silencedBy(item) != nullptr)
            continue;
        // An item that was silenced when it opened was never notified: it is due as soon as the silence ends.
        if (item.notifications > 0 && now - item.notifiedAt < m_renotifyAfterMs)
            continue;
        item.notifiedAt = now;
        ++item.notifications;
        record("agent", "triage_renotified", json{{"anomaly_id", id}}, json{{"notifications", item.notifications}});
        m_dirty.insert(id);
        due.push_back(id);
    }
    return due;
}

} // namespace payops
