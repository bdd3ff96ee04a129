// The console's anomaly triage: lifecycle, snooze, silences with preview, re-notification on an injected clock,
// and persistence with audit records in a real SQLite file.

#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "triage/triage_book.h"
#include "triage/triage_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace payops;

namespace {

constexpr TimeMs kMinute = 60 * 1000;

Anomaly anomaly(std::int64_t id, const std::string& dimension, Pattern pattern, SeverityClass severity)
{
    Anomaly a;
    a.id = id;
    a.dimension = dimension;
    a.kind = dimension.rfind("method:", 0) == 0 ? DimensionKind::Method : DimensionKind::Issuer;
    a.patterns = {pattern};
    a.severityClass = severity;
    a.severity = severity == SeverityClass::Critical ? 0.9 : 0.4;
    a.confidence = 0.8;
    a.maxAbsZ = 4.2;
    a.startedMs = 1000 * id;
    a.lastSeenMs = a.startedMs;
    a.cycles = 1;
    Evidence e;
    e.pattern = pattern;
    e.rule = "success rate z 4.20 >= 2.00";
    e.metric = "success_rate";
    e.value = 0.4;
    e.baseline = 0.95;
    e.baselineStd = 0.02;
    e.z = 4.2;
    e.dimension = dimension;
    a.evidence = {e};
    return a;
}

CycleSnapshot snapshotWith(std::vector<Anomaly> active, std::vector<Anomaly> cleared = {}, std::int64_t cycle = 1)
{
    CycleSnapshot s;
    s.cycle = cycle;
    s.timeMs = cycle * 8000;
    s.anomalies = std::move(active);
    s.clearedAnomalies = std::move(cleared);
    for (Anomaly& a : s.anomalies)
        a.lastSeenMs = s.timeMs; // as the detector does for every anomaly it flags this cycle
    for (const Anomaly& a : s.anomalies) {
        Hypothesis h;
        h.id = a.id * 10;
        h.anomalyId = a.id;
        h.dimension = a.dimension;
        h.cause = "issuer_downtime";
        h.rootCause = "HDFC's authorisation host is unavailable";
        h.failure = "approvals fail with 91";
        h.impact = "success rate 0.40 vs 0.95";
        s.hypotheses.push_back(h);
        InterventionOption o;
        o.type = "suppress_path";
        o.target = a.dimension;
        o.nrv = 1994.45;
        o.anomalyIds = {a.id};
        s.options.push_back(o);
    }
    return s;
}

} // namespace

class TestTriage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newAnomalyOpensAnItemWithItsReasoning();
    void clearedPatternResolvesAutomatically();
    void aClearTheBookMissedIsTakenFromTheActiveSet();
    void anAnomalyFlaggedAgainReopensItsItem();
    void anItemKeepsItsWorstSeverity();
    void acknowledgeSkipsDoneItemsAndRefusesUnknownIds();
    void resolveByHandNeedsANote();
    void snoozeHidesUntilItsTimeAndThenReturns();
    void globMatching_data();
    void globMatching();
    void silencePreviewsAndSuppressesNotification();
    void silenceThatMatchesEverythingIsRefused();
    void unacknowledgedCriticalAnomaliesRenotifyAfterTimeout();
    void anAcknowledgedAnomalyThatTurnsCriticalIsAnnounced();
    void aResolvedOrNewAnomalyThatTurnsCriticalIsOpenAndAnnounced();
    void triageSurvivesReopenWithAuditRecords();
    void newRunStartsEmptyButKeepsTheOldOne();
};

void TestTriage::newAnomalyOpensAnItemWithItsReasoning()
{
    ManualClock clock(1'000'000);
    TriageBook book(clock);
    auto update = book.applySnapshot(
        snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical)}));
    QCOMPARE(update.added, std::vector<std::int64_t>{1});
    QCOMPARE(update.notify, std::vector<std::int64_t>{1});
    const TriageItem* item = book.item(1);
    QVERIFY(item);
    QCOMPARE(item->state, TriageState::New);
    QCOMPARE(item->context.hypotheses.size(), std::size_t{1});
    QCOMPARE(item->context.options.size(), std::size_t{1});
    QCOMPARE(item->context.options.front().nrv, 1994.45);
    QCOMPARE(item->notifiedAt, TimeMs{1'000'000});
    const auto events = book.takeEvents();
    QCOMPARE(events.size(), std::size_t{1});
    QCOMPARE(events.front().kind, std::string("triage_opened"));

    // The same anomaly next cycle updates, it does not open again or notify again.
    update = book.applySnapshot(
        snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical)}, {}, 2));
    QVERIFY(update.added.empty());
    QVERIFY(update.notify.empty());
    QCOMPARE(update.changed, std::vector<std::int64_t>{1});
}

void TestTriage::clearedPatternResolvesAutomatically()
{
    ManualClock clock(5000);
    TriageBook book(clock);
    const Anomaly a = anomaly(3, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::High);
    (void)book.applySnapshot(snapshotWith({a}));
    (void)book.acknowledge({3}, "operator:alice");
    auto update = book.applySnapshot(snapshotWith({}, {a}, 5));
    QCOMPARE(update.changed, std::vector<std::int64_t>{3});
    const TriageItem* item = book.item(3);
    QCOMPARE(item->state, TriageState::Resolved);
    QVERIFY(!item->active);
    QCOMPARE(item->resolvedBy, std::string("agent"));
    QCOMPARE(item->resolution, std::string("pattern cleared"));
    QCOMPARE(item->clearedMs, TimeMs{5 * 8000});
    QCOMPARE(item->owner, std::string("alice")); // acknowledging took ownership, as the person, not the audit actor
}

void TestTriage::aClearTheBookMissedIsTakenFromTheActiveSet()
{
    // Each cycle's anomalies are its whole active set: an item active here but missing there cleared in a cycle this
    // book never saw (another source was shown, the console quit, a save was lost), and must not stay open.
    ManualClock clock(5000);
    TriageBook book(clock);
    const Anomaly a = anomaly(3, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Critical);
    const Anomaly b = anomaly(4, "issuer:AXIS", Pattern::IssuerDegradation, SeverityClass::Low);
    (void)book.applySnapshot(snapshotWith({a, b}));
    (void)book.takeEvents();
    auto update = book.applySnapshot(snapshotWith({b}, {}, 9)); // no word of #3's clear
    QCOMPARE(update.changed, (std::vector<std::int64_t>{4, 3}));
    const TriageItem* item = book.item(3);
    QVERIFY(!item->active);
    QCOMPARE(item->state, TriageState::Resolved);
    QCOMPARE(item->resolvedBy, std::string("agent"));
    QCOMPARE(item->clearedMs, TimeMs{9 * 8000});
    QVERIFY(book.item(4)->active);
    const auto events = book.takeEvents();
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].kind, std::string("triage_resolved"));
    // Nothing to re-notify for an incident that is over.
    clock.advanceMs(TriageBook::kDefaultRenotifyMs * 3);
    QVERIFY(book.takeDueRenotifications().empty());

    // A remote stream read again from its start replays cycles from before #4: they clear nothing.
    (void)book.applySnapshot(snapshotWith({}, {}, 1));
    QVERIFY(book.item(4)->active);
}

void TestTriage::anAnomalyFlaggedAgainReopensItsItem()
{
    // The same id flagged again after its item cleared (a runtime resumed from an older checkpoint): open again,
    // whoever resolved it, recorded, and a critical one announced again.
    ManualClock clock(5000);
    TriageBook book(clock);
    const Anomaly a = anomaly(3, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Critical);
    (void)book.applySnapshot(snapshotWith({a}));
    (void)book.applySnapshot(snapshotWith({}, {a}, 2));
    QCOMPARE(book.item(3)->state, TriageState::Resolved);
    (void)book.takeEvents();
    auto update = book.applySnapshot(snapshotWith({a}, {}, 3));
    const TriageItem* item = book.item(3);
    QVERIFY(item->active);
    QCOMPARE(item->state, TriageState::New);
    QVERIFY(item->resolvedBy.empty());
    QCOMPARE(item->clearedMs, TimeMs{0});
    QCOMPARE(update.notify, std::vector<std::int64_t>{3});
    const auto events = book.takeEvents();
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].kind, std::string("triage_reopened"));
    // Still flagged next cycle: nothing more to announce.
    QVERIFY(book.applySnapshot(snapshotWith({a}, {}, 4)).notify.empty());

    // A cycle from before its clear, replayed, leaves a cleared item as it is.
    (void)book.applySnapshot(snapshotWith({}, {a}, 5));
    QCOMPARE(book.item(3)->state, TriageState::Resolved);
    (void)book.takeEvents();
    (void)book.applySnapshot(snapshotWith({a}, {}, 4));
    QVERIFY(!book.item(3)->active);
    QCOMPARE(book.item(3)->state, TriageState::Resolved);
    QVERIFY(book.takeEvents().empty());
}

void TestTriage::anItemKeepsItsWorstSeverity()
{
    // The anomaly's own severity follows its latest cycle; the item keeps the worst, so a mitigated outage still
    // sorts and reads as what it was. Saved and loaded with the item; an item saved before peaks were kept starts
    // from its last figures.
    ManualClock clock(1'700'000'000'000);
    TriageBook book(clock);
    Anomaly a = anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical);
    a.maxAbsZ = 15.6;
    (void)book.applySnapshot(snapshotWith({a}, {}, 1));
    a.severityClass = SeverityClass::Low;
    a.severity = 0.1;
    a.maxAbsZ = 0.2;
    (void)book.applySnapshot(snapshotWith({a}, {}, 2));
    const TriageItem& item = *book.item(1);
    QCOMPARE(item.anomaly().severityClass, SeverityClass::Low);
    QCOMPARE(item.peak.severityClass, SeverityClass::Critical);
    QCOMPARE(item.peak.severity, 0.9);
    QCOMPARE(item.peak.z, 15.6);
    QVERIFY(item.pastItsPeak());

    const nlohmann::json saved = item;
    TriageItem loaded = saved.get<TriageItem>();
    QCOMPARE(loaded.peak.severityClass, SeverityClass::Critical);
    QCOMPARE(loaded.peak.z, 15.6);
    nlohmann::json old = saved;
    old.erase("peak_class");
    old.erase("peak_severity");
    old.erase("peak_z");
    loaded = old.get<TriageItem>();
    QCOMPARE(loaded.peak.severityClass, SeverityClass::Low);
    QCOMPARE(loaded.peak.z, 0.2);
    QVERIFY(!loaded.pastItsPeak());
    nlohmann::json bad = saved;
    bad["peak_class"] = "SEVERE";
    QVERIFY_THROWS_EXCEPTION(nlohmann::json::exception, (void)bad.get<TriageItem>());

    // A console opened on a run whose anomaly is still open: the cycles replayed before the last one count too.
    TriageBook reopened(clock);
    Anomaly worst = anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Critical);
    worst.maxAbsZ = 12.5;
    const std::set<std::int64_t> openAtTheEnd{2};
    reopened.replaySnapshot(snapshotWith({worst}, {}, 1), openAtTheEnd);
    QVERIFY(!reopened.item(2)); // left to the last cycle
    Anomaly now = worst;
    now.severityClass = SeverityClass::Low;
    now.severity = 0.1;
    now.maxAbsZ = 0.4;
    (void)reopened.applySnapshot(snapshotWith({now}, {}, 2));
    QCOMPARE(reopened.item(2)->peak.severityClass, SeverityClass::Critical);
    QCOMPARE(reopened.item(2)->peak.z, 12.5);
}

void TestTriage::acknowledgeSkipsDoneItemsAndRefusesUnknownIds()
{
    ManualClock clock(0);
    TriageBook book(clock);
    (void)book.applySnapshot(snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Low),
                                           anomaly(2, "issuer:AXIS", Pattern::LatencySpike, SeverityClass::Low)}));
    auto first = book.acknowledge({1}, "operator:bob");
    QVERIFY(first.ok());
    auto both = book.acknowledge({1, 2}, "operator:bob");
    QVERIFY(both.ok());
    QCOMPARE(both.value(), std::vector<std::int64_t>{2}); // 1 was already acknowledged
    auto unknown = book.acknowledge({2, 99}, "operator:bob");
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().find("anomaly 99") != std::string::npos);
}

void TestTriage::resolveByHandNeedsANote()
{
    ManualClock clock(0);
    TriageBook book(clock);
    (void)book.applySnapshot(snapshotWith({anomaly(4, "method:upi", Pattern::MethodFatigue, SeverityClass::Medium)}));
    Status noNote = book.resolve(4, "operator:carol", "   ");
    QVERIFY(!noNote.ok());
    QVERIFY(noNote.error().find("note") != std::string::npos);
    QCOMPARE(book.item(4)->state, TriageState::New);
    QVERIFY(book.resolve(4, "operator:carol", "NPCI confirmed the UPI switch restart").ok());
    QCOMPARE(book.item(4)->state, TriageState::Resolved);
    QCOMPARE(book.item(4)->notes.size(), std::size_t{1});
    QVERIFY(book.item(4)->active); // still flagged by the detector: resolving by hand does not hide the data
    QVERIFY(!book.resolve(4, "operator:carol", "again").ok());
}

void TestTriage::snoozeHidesUntilItsTimeAndThenReturns()
{
    ManualClock clock(10 * kMinute);
    TriageBook book(clock);
    (void)book.applySnapshot(snapshotWith({anomaly(5, "issuer:ICICI", Pattern::RetryStorm, SeverityClass::Critical)}));
    QVERIFY(!book.snooze(5, clock.nowMs() - 1, "operator:dan").ok()); // the past is refused
    QVERIFY(book.snooze(5, clock.nowMs() + 60 * kMinute, "operator:dan").ok());
    QVERIFY(book.item(5)->snoozed(clock.nowMs()));
    clock.advanceMs(61 * kMinute);
    QVERIFY(!book.item(5)->snoozed(clock.nowMs()));
    // The next snapshot clears the stale snooze and reports the item changed, so tables show it again.
    auto update = book.applySnapshot(
        snapshotWith({anomaly(5, "issuer:ICICI", Pattern::RetryStorm, SeverityClass::Critical)}, {}, 2));
    QCOMPARE(book.item(5)->snoozedUntil, TimeMs{0});
    QVERIFY(std::find(update.changed.begin(), update.changed.end(), 5) != update.changed.end());
}

void TestTriage::globMatching_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << "issuer:HDFC"
                           << "issuer:HDFC" << true;
    QTest::newRow("exact differs") << "issuer:HDFC"
                                   << "issuer:HDFC2" << false;
    QTest::newRow("star suffix") << "issuer:*"
                                 << "issuer:SBI" << true;
    QTest::newRow("star other kind") << "issuer:*"
                                     << "method:upi" << false;
    QTest::newRow("star middle") << "issuer:*/method:upi"
                                 << "issuer:HDFC/method:upi" << true;
    QTest::newRow("question") << "issuer:SB?"
                              << "issuer:SBI" << true;
    QTest::newRow("question too short") << "issuer:SB?"
                                        << "issuer:SB" << false;
    QTest::newRow("case sensitive") << "issuer:hdfc"
                                    << "issuer:HDFC" << false;
    QTest::newRow("backtracking") << "*a*b"
                                  << "xaxxab" << true;
}

void TestTriage::globMatching()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(globMatch(pattern.toStdString(), text.toStdString()), matches);
}

void TestTriage::silencePreviewsAndSuppressesNotification()
{
    ManualClock clock(0);
    TriageBook book(clock);
    (void)book.applySnapshot(snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::High),
                                           anomaly(2, "issuer:SBI", Pattern::RetryStorm, SeverityClass::High),
                                           anomaly(3, "method:upi", Pattern::MethodFatigue, SeverityClass::High)}));
    Silence s;
    s.dimension = "issuer:*";
    QCOMPARE(book.preview(s), (std::vector<std::int64_t>{1, 2}));
    s.pattern = Pattern::RetryStorm;
    QCOMPARE(book.preview(s), std::vector<std::int64_t>{2});
    s.expiresAt = 30 * kMinute;
    auto added = book.addSilence(s, "operator:erin");
    QVERIFY(added.ok());
    QCOMPARE(added->id, std::int64_t{1});
    QVERIFY(book.silencedBy(*book.item(2)) != nullptr);
    QVERIFY(book.silencedBy(*book.item(1)) == nullptr);

    // A new critical retry storm on a silenced dimension opens an item but notifies nobody.
    auto update = book.applySnapshot(
        snapshotWith({anomaly(7, "issuer:AXIS", Pattern::RetryStorm, SeverityClass::Critical)}, {}, 2));
    QCOMPARE(update.added, std::vector<std::int64_t>{7});
    QVERIFY(update.notify.empty());
    QVERIFY(book.takeDueRenotifications().empty());
    // When the silence expires, the unacknowledged critical one is due at once.
    clock.setMs(31 * kMinute);
    QVERIFY(book.silencedBy(*book.item(7)) == nullptr);
    QCOMPARE(book.takeDueRenotifications(), std::vector<std::int64_t>{7});
    QVERIFY(book.removeSilence(1, "operator:erin").ok());
    QVERIFY(!book.removeSilence(1, "operator:erin").ok());
}

void TestTriage::silenceThatMatchesEverythingIsRefused()
{
    ManualClock clock(0);
    TriageBook book(clock);
    Silence all;
    QVERIFY(!book.addSilence(all, "operator:x").ok());
    all.dimension = "*";
    QVERIFY(!book.addSilence(all, "operator:x").ok());
    Silence past;
    past.dimension = "issuer:HDFC";
    past.expiresAt = -1;
    clock.setMs(100);
    QVERIFY(!book.addSilence(past, "operator:x").ok());
}

void TestTriage::unacknowledgedCriticalAnomaliesRenotifyAfterTimeout()
{
    ManualClock clock(0);
    TriageBook book(clock, 5 * kMinute);
    (void)book.applySnapshot(
        snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical),
                      anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::High),
                      anomaly(3, "issuer:AXIS", Pattern::IssuerDegradation, SeverityClass::Critical)}));
    QVERIFY(book.acknowledge({3}, "operator:f").ok());
    clock.setMs(5 * kMinute - 1);
    QVERIFY(book.takeDueRenotifications().empty());
    clock.setMs(5 * kMinute);
    QCOMPARE(book.takeDueRenotifications(), std::vector<std::int64_t>{1}); // not 2 (high), not 3 (acknowledged)
    QCOMPARE(book.item(1)->notifications, 2);
    QVERIFY(book.takeDueRenotifications().empty()); // once per timeout
    QVERIFY(book.snooze(1, 20 * kMinute, "operator:f").ok());
    clock.setMs(15 * kMinute);
    QVERIFY(book.takeDueRenotifications().empty()); // snoozed
    clock.setMs(20 * kMinute);
    QCOMPARE(book.takeDueRenotifications(), std::vector<std::int64_t>{1});
}

// HDFC flagged for something small, acknowledged; then its outage makes the same anomaly critical. Nothing new
// opens, so without this nobody would be told.
void TestTriage::anAcknowledgedAnomalyThatTurnsCriticalIsAnnounced()
{
    ManualClock clock(0);
    TriageBook book(clock, 5 * kMinute);
    (void)book.applySnapshot(
        snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Medium),
                      anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Medium),
                      anomaly(3, "issuer:AXIS", Pattern::IssuerDegradation, SeverityClass::Medium)}));
    QVERIFY(book.acknowledge({1}, "operator:f").ok());
    QVERIFY(book.snooze(2, 60 * kMinute, "operator:f").ok());
    Silence s;
    s.dimension = "issuer:AXIS";
    s.expiresAt = 60 * kMinute;
    s.comment = "known: AXIS maintenance";
    QVERIFY(book.acknowledge({3}, "operator:f").ok());
    QVERIFY(book.addSilence(s, "operator:f").ok());
    (void)book.takeEvents();

    const auto critical = [](std::int64_t id, const char* dim) {
        return anomaly(id, dim, Pattern::IssuerDegradation, SeverityClass::Critical);
    };
    TriageUpdate u = book.applySnapshot(
        snapshotWith({critical(1, "issuer:HDFC"), critical(2, "issuer:SBI"), critical(3, "issuer:AXIS")}, {}, 2));
    QCOMPARE(u.notify, (std::vector<std::int64_t>{1, 2})); // not AXIS: silenced
    QCOMPARE(book.item(1)->state, TriageState::Acknowledged);
    QCOMPARE(book.item(2)->snoozedUntil, TimeMs(0)); // the escalation ends the snooze
    const auto events = book.takeEvents();
    QCOMPARE(std::count_if(events.begin(), events.end(),
                           [](const TriageAuditEvent& e) { return e.kind == "triage_escalated"; }),
             3);
    // Critical already: the next cycle announces nothing again.
    u = book.applySnapshot(
        snapshotWith({critical(1, "issuer:HDFC"), critical(2, "issuer:SBI"), critical(3, "issuer:AXIS")}, {}, 3));
    QVERIFY(u.notify.empty());

    // A resync replays older cycles (medium, then critical), here after a reminder interval: they neither take the
    // item back nor announce its escalation again.
    const auto medium = [](std::int64_t id, const char* dim) {
        return anomaly(id, dim, Pattern::IssuerDegradation, SeverityClass::Medium);
    };
    clock.setMs(6 * kMinute);
    (void)book.takeEvents();
    QVERIFY(book.applySnapshot(snapshotWith({medium(1, "issuer:HDFC")}, {}, 1)).notify.empty());
    QVERIFY(book.applySnapshot(snapshotWith({critical(1, "issuer:HDFC")}, {}, 2)).notify.empty());
    QVERIFY(book.item(1)->critical());
    QVERIFY(book.takeEvents().empty());

    // Severity hovering at the line: the first new rise is news (the last announcement is older than the reminder
    // interval); a fall and a rise again within the interval announce nothing more.
    QVERIFY(book.applySnapshot(snapshotWith({medium(1, "issuer:HDFC")}, {}, 4)).notify.empty());
    QCOMPARE(book.applySnapshot(snapshotWith({critical(1, "issuer:HDFC")}, {}, 5)).notify,
             std::vector<std::int64_t>{1});
    QVERIFY(book.applySnapshot(snapshotWith({medium(1, "issuer:HDFC")}, {}, 6)).notify.empty());
    QVERIFY(book.applySnapshot(snapshotWith({critical(1, "issuer:HDFC")}, {}, 7)).notify.empty());
}

// Resolved by hand as minor, then critical: open again (the Open filter shows it, reminders follow). A New item
// that turns critical is announced at once, not at the next reminder.
void TestTriage::aResolvedOrNewAnomalyThatTurnsCriticalIsOpenAndAnnounced()
{
    ManualClock clock(0);
    TriageBook book(clock, 5 * kMinute);
    (void)book.applySnapshot(
        snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Medium),
                      anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Medium)}));
    QVERIFY(book.resolve(1, "operator:f", "known slow bank, nothing to do").ok());
    const TriageUpdate u =
        book.applySnapshot(snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical),
                                         anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, SeverityClass::Critical)},
                                        {}, 2));
    QCOMPARE(u.notify, (std::vector<std::int64_t>{1, 2}));
    QCOMPARE(book.item(1)->state, TriageState::New);
    QVERIFY(book.item(1)->resolution.empty());
    QVERIFY(book.takeDueRenotifications().empty()); // just announced
    clock.setMs(5 * kMinute);
    QCOMPARE(book.takeDueRenotifications(), (std::vector<std::int64_t>{1, 2}));

    // Put away within minutes of that announcement (resolved by hand, snoozed), then critical again after a dip:
    // back in the open list and announced. The reminder interval limited the whole escalation, and both stayed
    // hidden, critical, with no reminder.
    const auto at = [](std::int64_t cycle, SeverityClass severity) {
        return snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, severity),
                             anomaly(2, "issuer:SBI", Pattern::IssuerDegradation, severity)},
                            {}, cycle);
    };
    (void)book.applySnapshot(at(3, SeverityClass::High));
    clock.setMs(6 * kMinute);
    QVERIFY(book.resolve(1, "operator:f", "bank confirmed fine").ok());
    QVERIFY(book.snooze(2, 240 * kMinute, "operator:f").ok());
    (void)book.takeEvents();
    QCOMPARE(book.applySnapshot(at(4, SeverityClass::Critical)).notify, (std::vector<std::int64_t>{1, 2}));
    QCOMPARE(book.item(1)->state, TriageState::New);
    QCOMPARE(book.item(2)->snoozedUntil, TimeMs(0));
    const auto events = book.takeEvents();
    QCOMPARE(std::count_if(events.begin(), events.end(),
                           [](const TriageAuditEvent& e) { return e.kind == "triage_escalated"; }),
             2);
}

void TestTriage::triageSurvivesReopenWithAuditRecords()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("agent.db")).toStdString();
    ManualClock clock(1'700'000'000'000);
    {
        auto db = AgentStore::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
        TriageStore store(**db);
        QVERIFY(store.setCurrentRun("run-1").ok());
        TriageBook book(clock);
        (void)book.applySnapshot(
            snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Critical),
                          anomaly(2, "method:upi", Pattern::MethodFatigue, SeverityClass::Low)}));
        QVERIFY(book.acknowledge({1}, "operator:alice").ok());
        QVERIFY(book.addNote(1, "operator:alice", "HDFC says their switch is failing over").ok());
        QVERIFY(book.assign(2, "operator:bob", "operator:alice").ok());
        Silence s;
        s.dimension = "method:*";
        s.comment = "UPI maintenance";
        QVERIFY(book.addSilence(s, "operator:alice").ok());
        Status saved = store.persist("run-1", book, 3);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().c_str());
        QVERIFY(book.takeEvents().empty());
        QVERIFY(book.takeDirtyItems().empty());
    }
    auto db = AgentStore::open(path);
    QVERIFY(db.ok());
    TriageStore store(**db);
    auto run = store.currentRun();
    QVERIFY(run.ok() && run.value());
    QCOMPARE(*run.value(), std::string("run-1"));
    auto items = store.loadItems("run-1");
    QVERIFY2(items.ok(), items.ok() ? "" : items.error().c_str());
    QCOMPARE(items->size(), std::size_t{2});
    const TriageItem& hdfc = items->at(0);
    QCOMPARE(hdfc.state, TriageState::Acknowledged);
    QCOMPARE(hdfc.owner, std::string("alice"));
    QCOMPARE(hdfc.notes.size(), std::size_t{1});
    QCOMPARE(hdfc.context.anomaly.evidence.front().z, 4.2);
    QCOMPARE(hdfc.context.hypotheses.front().rootCause, std::string("HDFC's authorisation host is unavailable"));
    QCOMPARE(items->at(1).owner, std::string("bob")); // the person, as acknowledging names the owner
    auto silences = store.loadSilences();
    QVERIFY(silences.ok());
    QCOMPARE(silences->size(), std::size_t{1});
    QCOMPARE(silences->front().comment, std::string("UPI maintenance"));
    {
        // A record whose values are out of their domain is reported with its row, not thrown out of the store.
        sqlite::Statement damage((*db)->connection(), "UPDATE anomaly_triage SET item = json_set(item, "
                                                      "'$.anomaly.stats.kind', 'planet') WHERE anomaly_id = 2");
        QVERIFY(damage.run("damage a triage record").ok());
        auto damaged = store.loadItems("run-1");
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.error().find("anomaly 2 is damaged") != std::string::npos &&
                     damaged.error().find("planet") != std::string::npos,
                 damaged.error().c_str());
        sqlite::Statement mend((*db)->connection(), "UPDATE anomaly_triage SET item = json_set(item, "
                                                    "'$.anomaly.stats.kind', 'method') WHERE anomaly_id = 2");
        QVERIFY(mend.run("mend it").ok());
        QVERIFY(store.loadItems("run-1").ok());
    }

    // Every step is in the hash chain, and the chain verifies.
    auto audit = (*db)->auditEntries();
    QVERIFY(audit.ok());
    std::vector<std::string> kinds;
    for (const AuditEntry& e : *audit)
        kinds.push_back(e.kind);
    const std::vector<std::string> expected = {"triage_opened", "triage_opened",   "triage_acknowledged",
                                               "triage_note",   "triage_assigned", "silence_added"};
    QCOMPARE(kinds, expected);
    QCOMPARE(audit->at(2).actor, std::string("operator:alice"));
    QCOMPARE(audit->at(2).configVersion, std::int64_t{3});
    QVERIFY(audit->at(2).inputsJson.find("\"run_id\":\"run-1\"") != std::string::npos);
    QVERIFY((*db)->verifyAudit().ok);

    // Removing the silence keeps it in the table as removed.
    TriageBook book(clock);
    book.load(std::move(items.value()), std::move(silences.value()));
    QVERIFY(book.removeSilence(1, "operator:alice").ok());
    QVERIFY(store.persist("run-1", book, 3).ok());
    QVERIFY(store.loadSilences()->empty());

    // After a restart a new silence is numbered after the removed one, whose record stays as it was (saved under
    // the same id, it would have replaced the matcher an auditor reads for what #1 hid).
    auto last = store.lastSilenceId();
    QVERIFY(last.ok());
    QCOMPARE(*last, std::int64_t{1});
    TriageBook restarted(clock);
    restarted.load({}, {}, *last);
    Silence axis;
    axis.dimension = "issuer:AXIS";
    auto added = restarted.addSilence(axis, "operator:bob");
    QVERIFY(added.ok());
    QCOMPARE(added->id, std::int64_t{2});
    QVERIFY(store.persist("run-1", restarted, 3).ok());
    QCOMPARE(*store.lastSilenceId(), std::int64_t{2});
    QCOMPARE(store.loadSilences()->size(), std::size_t(1));
}

void TestTriage::newRunStartsEmptyButKeepsTheOldOne()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("agent.db")).toStdString();
    ManualClock clock(0);
    auto db = AgentStore::open(path);
    QVERIFY(db.ok());
    TriageStore store(**db);
    TriageBook book(clock);
    (void)book.applySnapshot(snapshotWith({anomaly(1, "issuer:HDFC", Pattern::IssuerDegradation, SeverityClass::Low)}));
    QVERIFY(store.persist("run-a", book, 1).ok());
    QVERIFY(store.setCurrentRun("run-b").ok());
    QCOMPARE(store.loadItems("run-b")->size(), std::size_t{0});
    QCOMPARE(store.loadItems("run-a")->size(), std::size_t{1});
}

QTEST_GUILESS_MAIN(TestTriage)
#include "test_triage.moc"
