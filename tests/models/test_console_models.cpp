// The console's models on real runtime snapshots (the issuer_outage scenario run in-process): every model under
// QAbstractItemModelTester, incremental updates that keep persistent indexes, triage through ConsoleData into a
// real SQLite file, filters, bounded history, fuzzy matching and typed settings.

#include "detect/gaussian_tail.h"
#include "models/console_data.h"
#include "models/console_settings.h"
#include "models/fuzzy_match.h"
#include "models/health_sort_proxy.h"
#include "models/number_format.h"
#include "models/phrase_text.h"
#include "models/secret_store.h"
#include "models/slow_share_band.h"
#include "reasoning/binomial.h"
#include "runtime/agent_runtime.h"
#include "runtime/agent_session.h"
#include "store/sqlite_statement.h"
#include "stream/scenario_loader.h"
#include "triage/triage_store.h"
#include "triage_writes_fail.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace payops;

namespace {

std::vector<CycleSnapshotPtr> scenarioSnapshots(const char* name, int cycles)
{
    AgentRuntime runtime(defaultAgentConfig(), 7);
    auto scenario = loadBuiltinScenario(name);
    if (!scenario.ok() || !runtime.setScenario(*scenario).ok())
        qFatal("cannot load the %s scenario", name);
    std::vector<CycleSnapshotPtr> out;
    for (int i = 0; i < cycles; ++i)
        out.push_back(runtime.runCycle());
    return out;
}

// Runs the outage once for all tests: 45 cycles cover warm-up, the outage and its detection.
const std::vector<CycleSnapshotPtr>& outage()
{
    static const std::vector<CycleSnapshotPtr> s = scenarioSnapshots("issuer_outage", 45);
    return s;
}

int rowWhere(const QAbstractItemModel& m, int role, const QVariant& value)
{
    for (int r = 0; r < m.rowCount(); ++r) {
        if (m.index(r, 0).data(role) == value)
            return r;
    }
    return -1;
}

// A snapshot of one dimension with traffic and an empty score.
CycleSnapshot oneDimension(const std::string& key, DimensionKind kind, std::uint32_t count)
{
    CycleSnapshot s;
    DimensionStats st;
    st.key = key;
    st.kind = kind;
    st.count = count;
    s.stats = {st};
    DimensionScore score;
    score.key = key;
    s.scores = {score};
    return s;
}
// A session on `db` running a built-in scenario; the scenario's error when it cannot be read.
Result<SessionOptions> scenarioSession(const QString& db, const char* scenario)
{
    auto source = builtinScenarioSource(scenario);
    if (!source.ok())
        return source.failure();
    SessionOptions options;
    options.dbPath = db.toStdString();
    options.scenario = source.value();
    return options;
}

// Another process's run on db: the scenario's session, stepped `cycles` times (each cycle saved as it runs).
Result<std::unique_ptr<AgentSession>> steppedSession(const QString& db, const char* scenario, int cycles)
{
    auto options = scenarioSession(db, scenario);
    if (!options.ok())
        return options.failure();
    auto session = AgentSession::open(options.value());
    if (!session.ok())
        return session.failure();
    for (int i = 0; i < cycles; ++i)
        if (auto step = session.value()->step(); !step.ok())
            return step.failure();
    return session;
}

// An anomaly still new in the console that keeps the triage and shown by the one following it (0: none).
std::int64_t newInBoth(const ConsoleData& owner, const ConsoleData& follower)
{
    for (const auto& [id, item] : owner.triage().items())
        if (item.state == TriageState::New && follower.triage().item(id))
            return id;
    return 0;
}

} // namespace

class TestConsoleModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthModelUpdatesInPlace();
    void anotherProcesssCyclesAreFollowed();
    void aFollowedBurstAnnouncesOnlyWhatIsStillOn();
    void aFollowerShowsWhatRanOut();
    void aFollowerShowsTheOwnersTriage();
    void aFollowerBehindTakesInActionsOnceCaughtUp();
    void aSilenceTheFollowerCannotReadHoldsNothingBack();
    void triageReadsAsMeant();
    void anActionNotSavedIsDoneOnce();
    void aFailedAttachTakesNothingIntoTheRunItHad();
    void healthReasonsAreSaidFromTheirPhrases();
    void aGatewayWideIncidentDegradesTheRowsItNames();
    void anomalyModelFollowsTheRuntimeAndTriage();
    void filtersSearchAndSilences();
    void aRoleMayOnlyWhatItIsAllowed();
    void anAnomalyShowsTheDimensionsThatJoinedIt();
    void triageIsPersistedAndReloaded();
    void aContinuedRunShowsItsSavedCycles();
    void historyIsBoundedByRetention();
    void historyKeepsMarkers();
    void noTrafficShowsNoRates();
    void aReroutedMethodSaysWhere();
    void slowShareOnlyWhereItWasCounted();
    void cycleFiguresKeepTheDetectorsBand();
    void slowShareBandIsBinomial();
    void thinningKeepsAMinutesSlowShare();
    void fuzzyRanking_data();
    void fuzzyRanking();
    void settingsAreTypedAndPersisted();
    void unreadableSettingsAreNeverOverwritten();
    void secretsGoToTheOsKeychain();
};

// A retry storm on all traffic names issuers and methods in its evidence: those rows read Degraded with that evidence
// (every row read Healthy through the storm, beside a High anomaly), never Down on another dimension's severity, and
// the runtime's issuer health (the CLI report, sync) says the same.
void TestConsoleModels::aGatewayWideIncidentDegradesTheRowsItNames()
{
    ManualClock clock(1'000'000);
    ConsoleData data(clock);
    IssuerHealthModel* model = data.healthModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int checked = 0;
    for (const CycleSnapshotPtr& s : scenarioSnapshots("retry_storm", 40)) {
        data.applySnapshot(s);
        for (const Anomaly& a : s->anomalies) {
            if (a.kind != DimensionKind::Global)
                continue;
            for (const Evidence& e : a.evidence) {
                if (e.dimension == a.dimension)
                    continue;
                const int row = rowWhere(*model, IssuerHealthModel::KeyRole, QString::fromStdString(e.dimension));
                QVERIFY2(row >= 0, e.dimension.c_str());
                const QModelIndex state = model->index(row, IssuerHealthModel::State);
                QVERIFY2(static_cast<HealthState>(state.data(IssuerHealthModel::StateRole).toInt()) !=
                             HealthState::Healthy,
                         e.dimension.c_str());
                QVERIFY2(state.data(Qt::ToolTipRole).toString().contains(QString::fromStdString(e.rule)),
                         qPrintable(state.data(Qt::ToolTipRole).toString()));
                if (e.dimension.rfind("issuer:", 0) == 0) {
                    const auto h = std::find_if(s->issuerHealth.begin(), s->issuerHealth.end(),
                                                [&](const auto& x) { return "issuer:" + x.issuer == e.dimension; });
                    QVERIFY(h != s->issuerHealth.end() && h->state != HealthState::Healthy);
                }
                ++checked;
            }
        }
    }
    QVERIFY2(checked > 0, "the storm named no issuer or method");
}

void TestConsoleModels::healthModelUpdatesInPlace()
{
    ManualClock clock(1'000'000);
    ConsoleData data(clock);
    IssuerHealthModel* model = data.healthModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    data.applySnapshot(outage().front());
    QCOMPARE(model->rowCount(), 4 + 5); // 4 issuers, 5 methods of the default config
    QCOMPARE(model->index(0, 0).data(IssuerHealthModel::KindRole).toString(), QStringLiteral("issuer"));
    QCOMPARE(model->index(8, 0).data(IssuerHealthModel::KindRole).toString(), QStringLiteral("method"));
    // The headers say which columns are the window's and which judge each cycle (side by side they read as a
    // contradiction after an incident: Healthy at 58 % success).
    QVERIFY(model->headerData(IssuerHealthModel::Success, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("transaction window")));
    QVERIFY(model->headerData(IssuerHealthModel::State, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("each cycle")));
    const int hdfcRow = rowWhere(*model, IssuerHealthModel::KeyRole, QStringLiteral("issuer:HDFC"));
    QVERIFY(hdfcRow >= 0);
    const QPersistentModelIndex hdfc(model->index(hdfcRow, IssuerHealthModel::Success));

    bool sawDegraded = false, sawSuppressed = false;
    for (std::size_t i = 1; i < outage().size(); ++i) {
        data.applySnapshot(outage()[i]);
        const auto state = static_cast<HealthState>(hdfc.data(IssuerHealthModel::StateRole).toInt());
        sawDegraded |= state != HealthState::Healthy;
        // What the row shows is exactly the snapshot's number, formatted.
        const DimensionStats* st = outage()[i]->statsFor("issuer:HDFC");
        QVERIFY(st);
        QCOMPARE(hdfc.data(IssuerHealthModel::SortRole).toDouble(), st->successRate);
        // An issuer the agent suppressed says so beside its state, and only while the suppression is in force.
        const auto& active = outage()[i]->activeInterventions;
        const bool suppressed = std::any_of(active.begin(), active.end(), [](const Intervention& iv) {
            return iv.state == InterventionState::Active && iv.option.type == "suppress_path" &&
                   iv.option.target == "issuer:HDFC";
        });
        const QString stateText = model->index(hdfc.row(), IssuerHealthModel::State).data().toString();
        QVERIFY2(stateText.contains(QStringLiteral(" — suppressed by #")) == suppressed, qPrintable(stateText));
        sawSuppressed |= suppressed;
    }
    QVERIFY(sawSuppressed);
    QVERIFY(hdfc.isValid());
    QCOMPARE(hdfc.row(), hdfcRow);
    QCOMPARE(resets.size(), 0);
    QVERIFY(sawDegraded);
    const QVariantList trend =
        hdfc.sibling(hdfc.row(), IssuerHealthModel::Trend).data(IssuerHealthModel::TrendRole).toList();
    QCOMPARE(trend.size(), std::min<int>(IssuerHealthModel::kTrendPoints, static_cast<int>(outage().size())));
    QVERIFY(trend.last().toDouble() < trend.first().toDouble()); // the outage shows in the sparkline
}

// A row's reasons are its anomaly's evidence rules, said from their phrases in the reader's language: here German
// numbers (the test has no translator, so the words stay English), where the snapshot's issuer health has them in
// English with decimal points.
void TestConsoleModels::healthReasonsAreSaidFromTheirPhrases()
{
    ManualClock clock(1'000'000);
    ConsoleData data(clock);
    IssuerHealthModel* model = data.healthModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    setNumberLanguage(QStringLiteral("de"));
    const auto restore = qScopeGuard([] { setNumberLanguage(QStringLiteral("en")); });
    int checked = 0;
    for (const CycleSnapshotPtr& s : outage()) {
        data.applySnapshot(s);
        for (const IssuerHealth& h : s->issuerHealth) {
            if (h.reasons.empty())
                continue;
            const int row = rowWhere(*model, IssuerHealthModel::KeyRole,
                                     QString(QStringLiteral("issuer:") + QString::fromStdString(h.issuer)));
            const QString tip = model->index(row, IssuerHealthModel::State).data(Qt::ToolTipRole).toString();
            QStringList expected;
            for (const Anomaly& a : s->anomalies)
                if (a.dimension == "issuer:" + h.issuer)
                    for (const Evidence& e : a.evidence)
                        expected << sayPhrase(e.phrase);
            QCOMPARE(tip, expected.join(QLatin1Char('\n')));
            QVERIFY2(QRegularExpression(QStringLiteral("\\d,\\d")).match(tip).hasMatch(), qPrintable(tip));
            QVERIFY2(!QRegularExpression(QStringLiteral("\\d\\.\\d")).match(tip).hasMatch(), qPrintable(tip));
            ++checked;
        }
    }
    QVERIFY(checked > 5);
    // A phrase that does not say the text beside it (a reason amended after its phrase was written) is not said.
    const Phrase rule = makePhrase("failure share %1", {phrase::fixed(0.25, 2)});
    QCOMPARE(sayPhrase(rule, "failure share 0.25"), QStringLiteral("failure share 0,25"));
    QCOMPARE(sayPhrase(rule, "failure share 0.25; not executed: disk full"),
             QStringLiteral("failure share 0.25; not executed: disk full"));
    QCOMPARE(sayPhrase(Phrase{}, "no phrase"), QStringLiteral("no phrase"));
    // An exact tie is rounded as the English text rounds it (to the even digit), not away from zero: the console
    // said 0,313 where the CLI and the audit log say 0.312.
    const Phrase tie = makePhrase("share %1, %2", {phrase::fixed(0.3125, 3), phrase::significant(0.0625, 1)});
    QCOMPARE(tie.english(), std::string("share 0.312, 0.06"));
    QCOMPARE(sayPhrase(tie, tie.english()), QStringLiteral("share 0,312, 0,06"));
}

void TestConsoleModels::anomalyModelFollowsTheRuntimeAndTriage()
{
    QTemporaryDir dir;
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    QVERIFY(data.attach(dir.filePath(QStringLiteral("c.db")), true).ok());
    AnomalyTableModel* model = data.anomalyModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(data.anomalyProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy notified(&data, &ConsoleData::notifyAnomaly);
    std::set<std::int64_t> critical;
    // Up to cycle 30: the outage's anomaly on HDFC is open (it clears once the outage is over, at cycle 35 on this
    // seed), and it is the one triaged below.
    for (std::size_t i = 0; i < 30; ++i) {
        const CycleSnapshotPtr& s = outage()[i];
        data.applySnapshot(s);
        for (const Anomaly& a : s->anomalies) {
            if (a.severityClass == SeverityClass::Critical)
                critical.insert(a.id);
        }
    }
    QCOMPARE(resets.size(), 0);
    // Each anomaly once it is critical (as it opens, or when it turns critical later), once: the clock stands
    // still, so a second rise falls inside the reminder interval.
    QCOMPARE(notified.size(), static_cast<qsizetype>(critical.size()));
    const int hdfc = rowWhere(*model, AnomalyTableModel::DimensionKeyRole, QStringLiteral("issuer:HDFC"));
    QVERIFY2(hdfc >= 0, "the outage raised no anomaly on issuer:HDFC");
    const std::int64_t id = model->idAt(hdfc);
    QCOMPARE(
        model->index(hdfc, AnomalyTableModel::Pattern).data().toString().contains(QStringLiteral("ISSUER_DEGRADATION")),
        true);
    QCOMPARE(static_cast<TriageState>(model->index(hdfc, 0).data(AnomalyTableModel::StateRole).toInt()),
             TriageState::New);

    const QPersistentModelIndex row(model->index(hdfc, AnomalyTableModel::State));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    data.setActor(QStringLiteral("operator:alice"));
    QVERIFY(data.acknowledge({id}).ok());
    QVERIFY(!changed.isEmpty());
    QCOMPARE(row.data().toString(), QStringLiteral("Acknowledged"));
    QCOMPARE(model->index(row.row(), AnomalyTableModel::Owner).data().toString(), QStringLiteral("alice"));

    QSignalSpy failed(&data, &ConsoleData::actionFailed);
    QVERIFY(!data.resolve(id, QString()).ok());
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("note")));
    QVERIFY(data.resolve(id, QStringLiteral("failover completed")).ok());
    QCOMPARE(row.data().toString(), QStringLiteral("Resolved"));
}

void TestConsoleModels::filtersSearchAndSilences()
{
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    for (const CycleSnapshotPtr& s : outage())
        data.applySnapshot(s);
    AnomalyFilterProxy* proxy = data.anomalyProxy();
    const int total = data.anomalyModel()->rowCount();
    QVERIFY(total >= 1);
    proxy->setStateFilter(AnomalyFilterProxy::StateFilter::All);
    QCOMPARE(proxy->rowCount(), total);

    proxy->setSearchText(QStringLiteral("hdfc degradation"));
    QVERIFY(proxy->rowCount() >= 1);
    for (int r = 0; r < proxy->rowCount(); ++r)
        QCOMPARE(proxy->index(r, 0).data(AnomalyTableModel::DimensionKeyRole).toString(),
                 QStringLiteral("issuer:HDFC"));
    proxy->setSearchText(QStringLiteral("no-such-issuer"));
    QCOMPARE(proxy->rowCount(), 0);
    proxy->setSearchText(QString());

    Silence s;
    s.dimension = "issuer:HDFC";
    const auto wouldHide = data.triage().preview(s);
    QVERIFY(!wouldHide.empty());
    QVERIFY(data.addSilence(s).ok());
    QCOMPARE(proxy->rowCount(), total - static_cast<int>(wouldHide.size()));
    const int hidden =
        rowWhere(*data.anomalyModel(), AnomalyTableModel::IdRole, QVariant::fromValue<qint64>(wouldHide.front()));
    QVERIFY(data.anomalyModel()->index(hidden, 0).data(AnomalyTableModel::SilencedRole).toBool());
    QVERIFY(data.anomalyModel()
                ->index(hidden, AnomalyTableModel::State)
                .data()
                .toString()
                .contains(QStringLiteral("silenced")));
    proxy->setShowSilenced(true);
    QCOMPARE(proxy->rowCount(), total);
}

// Roles are enforced where the action is carried out: a viewer's acknowledgement is refused with a reason and changes
// nothing, a support agent may add a note but not triage, the on-call engineer may do both.
void TestConsoleModels::aRoleMayOnlyWhatItIsAllowed()
{
    using approvals::OperatorRole;
    using approvals::Permission;
    QVERIFY(!approvals::allows(OperatorRole::Viewer, Permission::Annotate));
    QVERIFY(approvals::allows(OperatorRole::Support, Permission::Annotate));
    QVERIFY(!approvals::allows(OperatorRole::Success, Permission::ControlAgent));
    QVERIFY(!approvals::allows(OperatorRole::ConfigManager, Permission::Triage));
    QVERIFY(approvals::allows(OperatorRole::Admin, Permission::ControlAgent));
    for (OperatorRole r : {OperatorRole::Viewer, OperatorRole::Support, OperatorRole::Success, OperatorRole::OnCall,
                           OperatorRole::ConfigManager, OperatorRole::Admin})
        QCOMPARE(approvals::parseOperatorRole(approvals::operatorRoleKey(r)), std::optional<OperatorRole>(r));
    QCOMPARE(approvals::parseOperatorRole("Admin"), std::optional<OperatorRole>()); // the settings' spelling only

    QTemporaryDir dir;
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    QVERIFY(data.attach(dir.filePath(QStringLiteral("c.db")), true).ok());
    for (std::size_t i = 0; i < 30; ++i)
        data.applySnapshot(outage()[i]);
    const int hdfc = rowWhere(*data.anomalyModel(), AnomalyTableModel::DimensionKeyRole, QStringLiteral("issuer:HDFC"));
    QVERIFY(hdfc >= 0);
    const std::int64_t id = data.anomalyModel()->idAt(hdfc);
    QSignalSpy failed(&data, &ConsoleData::actionFailed);
    QSignalSpy roleChanged(&data, &ConsoleData::roleChanged);

    data.setRole(OperatorRole::Viewer);
    QCOMPARE(roleChanged.size(), 1);
    QVERIFY(!data.acknowledge({id}).ok());
    QVERIFY(!data.snooze(id, clock.nowMs() + 60'000).ok());
    QVERIFY(!data.assign(id, QStringLiteral("bob")).ok());
    QVERIFY(!data.resolve(id, QStringLiteral("fixed")).ok());
    QVERIFY(!data.addNote(id, QStringLiteral("seen")).ok());
    Silence s;
    s.dimension = "issuer:HDFC";
    QVERIFY(!data.addSilence(s).ok());
    QCOMPARE(failed.size(), 6);
    QVERIFY2(failed.first().at(0).toString().startsWith(
                 QStringLiteral("Not done: as Viewer you may not acknowledge, snooze, assign, resolve or silence")),
             qPrintable(failed.first().at(0).toString()));
    QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("File > Profile")),
             qPrintable(failed.last().at(0).toString()));
    QCOMPARE(data.triage().item(id)->state, TriageState::New);
    const std::size_t notesBefore = data.triage().item(id)->notes.size();
    QVERIFY(data.triage().item(id)->owner.empty());
    QVERIFY(data.triage().activeSilences().empty());

    data.setRole(OperatorRole::Support);
    QVERIFY(data.addNote(id, QStringLiteral("merchant called about HDFC")).ok());
    QCOMPARE(data.triage().item(id)->notes.size(), notesBefore + 1);
    QVERIFY(!data.acknowledge({id}).ok());
    QCOMPARE(data.triage().item(id)->state, TriageState::New);

    data.setRole(OperatorRole::OnCall);
    QVERIFY(data.acknowledge({id}).ok());
    QCOMPARE(data.triage().item(id)->state, TriageState::Acknowledged);
}

// HDFC's outage with card's failures joined to it (spillover): the row says "+1", its tooltip names card, and a
// search for card finds it.
void TestConsoleModels::anAnomalyShowsTheDimensionsThatJoinedIt()
{
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    auto snap = std::make_shared<CycleSnapshot>();
    snap->cycle = 1;
    snap->timeMs = 8000;
    Anomaly a;
    a.id = 1;
    a.dimension = "issuer:HDFC";
    a.kind = DimensionKind::Issuer;
    a.issuer = "HDFC";
    a.patterns = {Pattern::IssuerDegradation};
    a.severityClass = SeverityClass::High;
    a.startedMs = a.lastSeenMs = 8000;
    for (const char* d : {"issuer:HDFC", "method:card", "method:card"}) {
        Evidence e;
        e.pattern = d[0] == 'i' ? Pattern::IssuerDegradation : Pattern::MethodFatigue;
        e.rule = "a rule";
        e.dimension = d;
        a.evidence.push_back(e);
    }
    snap->anomalies = {a};
    data.applySnapshot(snap);
    AnomalyTableModel* model = data.anomalyModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex dim = model->index(0, AnomalyTableModel::Dimension);
    QCOMPARE(dim.data().toString(), QStringLiteral("issuer:HDFC +1"));
    QVERIFY2(dim.data(Qt::ToolTipRole).toString().contains(QStringLiteral("method:card")),
             qPrintable(dim.data(Qt::ToolTipRole).toString()));
    QCOMPARE(dim.data(AnomalyTableModel::DimensionKeyRole).toString(), QStringLiteral("issuer:HDFC"));
    data.anomalyProxy()->setSearchText(QStringLiteral("card"));
    QCOMPARE(data.anomalyProxy()->rowCount(), 1);

    // Mitigated: the anomaly reads Low now; the row keeps its worst, with an arrow and both in the tooltip.
    a.maxAbsZ = 15.6;
    a.severity = 0.7;
    snap = std::make_shared<CycleSnapshot>(*snap);
    snap->cycle = 2;
    snap->timeMs = a.lastSeenMs = 12000;
    snap->anomalies = {a};
    data.applySnapshot(snap);
    auto later = std::make_shared<CycleSnapshot>(*snap);
    later->cycle = 3;
    later->timeMs = a.lastSeenMs = 16000;
    a.severityClass = SeverityClass::Low;
    a.severity = 0.1;
    a.maxAbsZ = 0.3;
    later->anomalies = {a};
    data.applySnapshot(later);
    const QModelIndex severity = model->index(0, AnomalyTableModel::Severity);
    QCOMPARE(severity.data().toString(), QStringLiteral("High ↓"));
    QCOMPARE(severity.data(AnomalyTableModel::SortRole).toDouble(), 0.7);
    QCOMPARE(severity.data(AnomalyTableModel::SeverityClassRole).toInt(), static_cast<int>(SeverityClass::High));
    QCOMPARE(model->index(0, AnomalyTableModel::Z).data().toString(), QStringLiteral("15.6"));
    QCOMPARE(severity.data(Qt::ToolTipRole).toString(),
             QStringLiteral("High at its worst (z up to 15.6), now Low (z 0.3)"));
}

void TestConsoleModels::triageIsPersistedAndReloaded()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    ManualClock clock(1'700'000'000'000);
    std::int64_t id = 0;
    QString runId;
    {
        ConsoleData data(clock);
        QVERIFY(data.attach(db, true).ok());
        runId = data.runId();
        for (const CycleSnapshotPtr& s : outage())
            data.applySnapshot(s);
        id = data.anomalyModel()->idAt(0);
        QVERIFY(data.addNote(id, QStringLiteral("called the issuer")).ok());
        // Agent-side updates are batched; the destructor saves them (a clean exit loses nothing).
    }
    ConsoleData again(clock);
    QVERIFY(again.attach(db, false).ok());
    QCOMPARE(again.runId(), runId);
    QCOMPARE(again.anomalyModel()->rowCount(), static_cast<int>(again.triage().items().size()));
    QVERIFY(again.anomalyModel()->rowCount() >= 1);
    QCOMPARE(again.triage().item(id)->notes.size(), std::size_t{1});

    ConsoleData fresh(clock);
    QVERIFY(fresh.attach(db, true).ok()); // a new run starts with an empty triage
    QVERIFY(fresh.runId() != runId);
    QCOMPARE(fresh.anomalyModel()->rowCount(), 0);

    auto store = AgentStore::open(db.toStdString());
    QVERIFY(store.ok());
    QVERIFY((*store)->verifyAudit().ok);
}

// A console reopened on a run continues its charts, table and anomaly list from the cycles the database kept, as the
// agent continues the run, also a run begun by payops-agent (no triage run of the console's yet); a new run starts
// empty.
void TestConsoleModels::aContinuedRunShowsItsSavedCycles()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto scenario = scenarioSession(db, "issuer_outage");
    QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().c_str());
    SessionOptions options = scenario.value();
    std::size_t openAtTheEnd = 0;
    std::set<std::int64_t> raised;           // every anomaly of the run, also those cleared before its end
    std::vector<std::int64_t> criticalAtEnd; // the critical ones open at its end
    {
        auto session = AgentSession::open(options);
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        for (int i = 0; i < 20; ++i) {
            auto snap = session.value()->step();
            QVERIFY(snap.ok());
            openAtTheEnd = snap.value()->anomalies.size();
            criticalAtEnd.clear();
            for (const Anomaly& a : snap.value()->anomalies) {
                raised.insert(a.id);
                if (a.severityClass == SeverityClass::Critical)
                    criticalAtEnd.push_back(a.id);
            }
        }
    }
    QVERIFY2(openAtTheEnd > 0, "HDFC's outage is flagged by cycle 20");
    QVERIFY2(raised.size() > openAtTheEnd, "the run is meant to have an anomaly that cleared before its end");
    QVERIFY2(!criticalAtEnd.empty(), "HDFC's outage is critical at cycle 20");
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    // Critical while no console watched (a headless run): announced as the console opens, after the pages have the
    // run, once each. The book counted them as told, and nothing was said until a reminder five minutes later.
    QSignalSpy announced(&data, &ConsoleData::notifyAnomaly);
    bool reloadedFirst = false;
    connect(&data, &ConsoleData::reloaded, this, [&] { reloadedFirst = announced.isEmpty(); });
    QVERIFY(data.attach(db, false).ok());
    QVERIFY(reloadedFirst);
    std::vector<std::int64_t> announcedIds;
    for (const QList<QVariant>& args : announced) {
        announcedIds.push_back(args.at(0).toLongLong());
        QCOMPARE(args.at(1).toBool(), false); // news, not a reminder
    }
    QCOMPARE(announcedIds, criticalAtEnd);
    QVERIFY(data.latest());
    QCOMPARE(data.latest()->cycle, 20);
    QCOMPARE(data.history().points("issuer:HDFC", 0, data.latest()->timeMs).size(), std::size_t{20});
    QAbstractItemModelTester health(data.healthModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(data.healthModel()->rowCount() >= 4);
    // The list agrees with the chart's anomaly markers: every anomaly of the saved cycles, open or cleared.
    QAbstractItemModelTester anomalies(data.anomalyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(static_cast<std::size_t>(data.anomalyModel()->rowCount()), raised.size());
    std::size_t stillOpen = 0;
    for (const auto& [id, item] : data.triage().items()) {
        QVERIFY(raised.count(id));
        stillOpen += item.active;
        if (!item.active) // resolved as what it was, not as if this console had watched it clear
            QCOMPARE(QString::fromStdString(item.resolution), QStringLiteral("cleared before this console opened"));
    }
    QCOMPARE(stillOpen, openAtTheEnd);
    // The past is replayed quietly: the audit log gains the open ones' triage_opened records, as before, and no
    // records for anomalies that opened and cleared before this console was there.
    QVERIFY(data.flush().ok());
    {
        auto audit = AgentStore::open(db.toStdString());
        QVERIFY(audit.ok());
        std::size_t opened = 0, resolved = 0;
        // Held in a variable: the value of a temporary Result would dangle in the loop.
        const Result<std::vector<AuditEntry>> entries = audit.value()->auditEntries();
        QVERIFY(entries.ok());
        for (const AuditEntry& e : entries.value()) {
            opened += e.kind == "triage_opened";
            resolved += e.kind == "triage_resolved";
        }
        QCOMPARE(opened, openAtTheEnd);
        QCOMPARE(resolved, std::size_t{0});
    }
    // A cycle delivered live that the read already held is not charted twice.
    data.applySnapshot(data.latest());
    QCOMPARE(data.history().points("issuer:HDFC", 0, data.latest()->timeMs).size(), std::size_t{20});

    const QString firstRun = data.runId();
    QVERIFY(data.flush().ok());

    // payops-agent restarts the run (--new-run) while no console shows the database: the console reopened on it shows
    // the new run's cycles and anomalies, not the old run's triage beside them.
    options.newRun = true;
    std::set<std::int64_t> raisedInTheNewRun;
    {
        auto session = AgentSession::open(options);
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        for (int i = 0; i < 16; ++i) {
            auto snap = session.value()->step();
            QVERIFY(snap.ok());
            for (const Anomaly& a : snap.value()->anomalies)
                raisedInTheNewRun.insert(a.id);
        }
    }
    ConsoleData reopened(clock);
    QVERIFY(reopened.attach(db, false).ok());
    QVERIFY(reopened.runId() != firstRun);
    QCOMPARE(reopened.latest()->cycle, 16);
    QCOMPARE(reopened.history().points("issuer:HDFC", 0, reopened.latest()->timeMs).size(), std::size_t{16});
    QCOMPARE(static_cast<std::size_t>(reopened.anomalyModel()->rowCount()), raisedInTheNewRun.size());
    QCOMPARE(reopened.triage().items().size(), raisedInTheNewRun.size());
    auto store = AgentStore::open(db.toStdString());
    QVERIFY(store.ok());
    QCOMPARE(QString::fromStdString(store.value()->runId().value().value_or("")), reopened.runId());
    // The old run's triage stays in the database under its own run.
    TriageStore triage(*store.value());
    QCOMPARE(triage.loadItems(firstRun.toStdString()).value().size(), raised.size());
    store.value().reset();

    // The console starts a new run itself: the runtime resets first, then the console attaches.
    {
        auto session = AgentSession::open(options);
        QVERIFY(session.ok());
    }
    ConsoleData fresh(clock);
    QVERIFY(fresh.attach(db, true).ok());
    QVERIFY(!fresh.latest());
    QCOMPARE(fresh.anomalyModel()->rowCount(), 0);
    QVERIFY(fresh.runId() != reopened.runId());
}

void TestConsoleModels::historyIsBoundedByRetention()
{
    // 2 h retention, the last 10 min at full resolution, older data one point per minute.
    MetricHistory history(2 * 3600 * 1000, 10 * 60 * 1000, 60 * 1000);
    CycleSnapshot s = oneDimension("global", DimensionKind::Global, 100);
    const int cycles = 5 * 3600 / 8; // 5 hours of 8 s cycles
    for (int i = 0; i < cycles; ++i) {
        s.timeMs = TimeMs{i} * 8000;
        s.scores[0].anomalous = i == cycles - 600; // one anomalous cycle 80 min before the end
        history.append(s);
    }
    const TimeMs last = TimeMs{cycles - 1} * 8000;
    const auto all = history.points("global", 0, last);
    QVERIFY(all.front().timeMs >= last - 2 * 3600 * 1000); // nothing older than the retention
    QCOMPARE(all.back().timeMs, last);
    const auto recent = history.points("global", last - 10 * 60 * 1000 + 1, last);
    QCOMPARE(recent.size(), std::size_t{10 * 60 / 8}); // every cycle of the last 10 minutes
    const auto older = history.points("global", 0, last - 10 * 60 * 1000);
    QVERIFY(older.size() <= std::size_t{111} && older.size() >= std::size_t{105}); // ~one per minute for 110 min
    // Thinning keeps the fact that a minute held an anomalous cycle.
    QCOMPARE(std::count_if(older.begin(), older.end(), [](const MetricPoint& p) { return p.anomalous; }), 1);
    for (std::size_t i = 1; i < all.size(); ++i)
        QVERIFY(all[i].timeMs > all[i - 1].timeMs);
    QCOMPARE(history.pointCount(), all.size());
    QCOMPARE(history.tail("global", 5).size(), std::size_t{5});
    QCOMPARE(history.tail("global", 5).back().timeMs, last);
    QCOMPARE(history.tail("global", 100000).size(), all.size());
    QVERIFY(history.points("issuer:NOPE", 0, last).empty());
}

void TestConsoleModels::historyKeepsMarkers()
{
    MetricHistory history;
    for (const CycleSnapshotPtr& s : outage())
        history.append(*s);
    const auto markers = history.markers("issuer:HDFC", 0, history.latestMs());
    const bool anomalyMarker = std::any_of(markers.begin(), markers.end(), [](const ChartMarker& m) {
        return m.kind == ChartMarker::Kind::AnomalyStarted && m.dimension == "issuer:HDFC";
    });
    QVERIFY(anomalyMarker);
    QCOMPARE(MetricHistory::dimensionOfTarget("system"), std::string("global"));

    // A system-wide change of traffic is drawn on every chart. A page to on-call changes no traffic and is not
    // charted (repeated while an anomaly lasts, it hid the real intervention). A global anomaly is marked on the
    // global chart only, not on every healthy issuer's.
    MetricHistory quiet;
    CycleSnapshot s;
    s.timeMs = 48000;
    s.executed = Intervention{};
    s.executed->id = 7;
    s.executed->appliedMs = s.timeMs;
    s.executed->option.type = "alert_ops";
    s.executed->option.target = "ops_team";
    quiet.append(s);
    s.timeMs = 56000;
    s.executed->id = 8;
    s.executed->appliedMs = s.timeMs;
    s.executed->option.type = "reduce_retry_attempts";
    s.executed->option.target = "system";
    Anomaly global;
    global.id = 3;
    global.dimension = "global";
    global.patterns = {Pattern::LatencySpike};
    global.cycles = 1;
    global.startedMs = s.timeMs;
    s.anomalies = {global};
    quiet.append(s);
    const auto idsOn = [&quiet](const std::string& dimension) {
        std::vector<std::int64_t> ids;
        for (const ChartMarker& m : quiet.markers(dimension, 0, quiet.latestMs()))
            ids.push_back(m.id);
        return ids;
    };
    QCOMPARE(idsOn("global"), (std::vector<std::int64_t>{3, 8}));
    QCOMPARE(idsOn("issuer:HDFC"), (std::vector<std::int64_t>{8}));
    QCOMPARE(MetricHistory::dimensionOfTarget("issuer:SBI"), std::string("issuer:SBI"));
}

// The cycle's own figures are charted with the band the detector held them against, as it gave it (a half width, not a
// standard deviation for the chart to multiply), and only in cycles where it judged them.
void TestConsoleModels::cycleFiguresKeepTheDetectorsBand()
{
    MetricHistory history;
    CycleSnapshot s = oneDimension("issuer:AXIS", DimensionKind::Issuer, 40);
    s.timeMs = 8000; // nothing judged: no figure (not a rate of 0)
    history.append(s);
    s.timeMs = 16000;
    s.scores[0].cycle[DimensionScore::CycleSuccess] = {true, 0.42, 0.93, 0.2};
    s.scores[0].cycle[DimensionScore::CycleRetries] = {true, 1.5, 0.3, 0.4};
    history.append(s);
    const auto points = history.points(s.stats[0].key, 0, s.timeMs);
    QCOMPARE(points.size(), std::size_t{2});
    const int success = static_cast<int>(Metric::CycleSuccessRate);
    const int latency = static_cast<int>(Metric::CycleMeanLatency);
    const int retries = static_cast<int>(Metric::CycleMeanRetries);
    for (int m : {success, latency, retries})
        QVERIFY(std::isnan(points[0].value[m]));
    QCOMPARE(points[1].value[success], 0.42f);
    QCOMPARE(points[1].baselineMean[success], 0.93f);
    QCOMPARE(points[1].baselineStd[success], 0.2f);
    QCOMPARE(points[1].value[retries], 1.5f);
    QVERIFY(std::isnan(points[1].value[latency])); // not judged this cycle
    QCOMPARE(points[1].value[static_cast<int>(Metric::SuccessRate)], static_cast<float>(s.stats[0].successRate));
    QCOMPARE(std::string(metricName(Metric::CycleSuccessRate)), std::string("cycle_success_rate"));
    QVERIFY(isCycleFigure(Metric::CycleMeanLatency) && !isCycleFigure(Metric::P95Latency));
}

void TestConsoleModels::slowShareOnlyWhereItWasCounted()
{
    MetricHistory history;
    CycleSnapshot s = oneDimension("issuer:AXIS", DimensionKind::Issuer, 40);
    const DimensionStats axis = s.stats[0];
    s.timeMs = 8000; // no bar yet: no figure (not a share of 0)
    history.append(s);
    s.timeMs = 16000;
    s.scores[0].slowTested = 40;
    s.scores[0].slowTx = 4;
    s.scores[0].slowUsualShare = 0.01;
    history.append(s);
    const auto points = history.points(axis.key, 0, s.timeMs);
    QCOMPARE(points.size(), std::size_t{2});
    const int slow = static_cast<int>(Metric::SlowShare);
    QVERIFY(std::isnan(points[0].value[slow]));
    QCOMPARE(points[1].value[slow], 0.1f);
    QCOMPARE(points[1].baselineMean[slow], 0.01f);
    QCOMPARE(points[1].baselineStd[slow], static_cast<float>(std::sqrt(0.01 * 0.99 / 40))); // binomial spread
    QCOMPARE(std::string(metricName(Metric::SlowShare)), std::string("slow_share"));

    // The system has no bar of its own: its share is its issuers' together, with the spread of their sum.
    DimensionStats global = axis;
    global.key = "global";
    global.kind = DimensionKind::Global;
    DimensionStats hdfc = axis;
    hdfc.key = "issuer:HDFC";
    DimensionStats upi = axis; // a method: its transactions are the issuers' too, so it must not count twice
    upi.key = "method:upi";
    upi.kind = DimensionKind::Method;
    s.stats = {global, axis, hdfc, upi};
    const DimensionScore axisScore = s.scores[0]; // 4 of 40, usually 1 %
    DimensionScore globalScore;
    globalScore.key = global.key;
    DimensionScore hdfcScore = axisScore;
    hdfcScore.key = hdfc.key;
    hdfcScore.slowTested = 60;
    hdfcScore.slowTx = 1;
    hdfcScore.slowUsualShare = 0.02;
    DimensionScore upiScore = hdfcScore;
    upiScore.key = upi.key;
    s.scores = {globalScore, axisScore, hdfcScore, upiScore};
    s.timeMs = 24000;
    history.append(s);
    const MetricPoint g = history.points("global", s.timeMs, s.timeMs).at(0);
    QCOMPARE(g.value[slow], 0.05f);                            // 5 of 100
    QCOMPARE(g.baselineMean[slow], static_cast<float>(0.016)); // (40 x 0.01 + 60 x 0.02) / 100
    QCOMPARE(g.baselineStd[slow], static_cast<float>(std::sqrt(0.016 * 0.984 / 100)));
    QCOMPARE(g.slowTested, 100u);
}

void TestConsoleModels::slowShareBandIsBinomial()
{
    // One slow transaction of 40 at a usual 0.4 % happens in one cycle of seven: inside the band (mean + 2 sd
    // would end at 2.4 %). Two (P 1.1 %) are outside it.
    auto [low, high] = slowShareBand(0.004, 40, 2.0);
    QCOMPARE(low, 0.0);
    QCOMPARE(high, 1.0 / 40);
    // Each side leaves at most upperTail(z) outside; one count further in would leave more.
    const double alpha = detect::upperTail(2.0);
    for (const auto& [p, n] : {std::pair{0.3, 50u}, std::pair{0.05, 200u}, std::pair{0.7, 50u}}) {
        std::tie(low, high) = slowShareBand(p, n, 2.0);
        const auto lowK = static_cast<std::uint32_t>(std::lround(low * n));
        const auto highK = static_cast<std::uint32_t>(std::lround(high * n));
        QVERIFY(binomialUpperTail(highK + 1, n, p) < alpha);
        QVERIFY(binomialUpperTail(highK, n, p) >= alpha);
        QVERIFY(1 - binomialUpperTail(lowK, n, p) < alpha);      // P(X < low)
        QVERIFY(1 - binomialUpperTail(lowK + 1, n, p) >= alpha); // P(X <= low)
    }
    // Beyond a variance of 100 transactions, the normal band; none without transactions.
    std::tie(low, high) = slowShareBand(0.5, 1000, 2.0);
    QCOMPARE(high, 0.5 + 2 * std::sqrt(0.25 / 1000));
    QCOMPARE(slowShareBand(0.01, 0, 2.0), std::make_pair(0.01, 0.01));
}

void TestConsoleModels::thinningKeepsAMinutesSlowShare()
{
    // Beyond the full-resolution hour one point a minute survives; if the minute's first cycle had no slow share,
    // the survivor takes the first one the minute had.
    MetricHistory history(2 * 3600 * 1000, 3600 * 1000, 60 * 1000);
    CycleSnapshot s = oneDimension("issuer:AXIS", DimensionKind::Issuer, 40);
    const DimensionStats axis = s.stats[0];
    for (int cycle = 0; cycle < 600; ++cycle) { // 80 minutes of 8-second cycles
        s.timeMs = TimeMs{cycle} * 8000;
        s.scores[0].slowTested = cycle % 15 == 3 ? 40 : 0; // one cycle a few into every two minutes
        s.scores[0].slowTx = 2;
        s.scores[0].slowUsualShare = 0.01;
        // The cycle's own success rate likewise, judged in a pooled dimension's rows only (every third cycle).
        s.scores[0].cycle[DimensionScore::CycleSuccess] = {cycle % 3 == 2, 0.9, 0.93, 0.2};
        history.append(s);
    }
    const int slow = static_cast<int>(Metric::SlowShare);
    const int success = static_cast<int>(Metric::CycleSuccessRate);
    int withShare = 0, withSuccess = 0, points = 0;
    for (const MetricPoint& p : history.points(axis.key, 0, 15 * 60 * 1000)) {
        ++points;
        if (!std::isnan(p.value[slow])) {
            ++withShare;
            QCOMPARE(p.value[slow], 0.05f);
            QCOMPARE(p.slowTested, 40u);
        }
        if (!std::isnan(p.value[success])) {
            ++withSuccess;
            QCOMPARE(p.baselineStd[success], 0.2f);
        }
    }
    QVERIFY2(withShare >= 7, qPrintable(QString::number(withShare))); // every cycle 3 of 15 (7.5 in 15 minutes)
    QCOMPARE(withSuccess, points); // every minute has judged cycles (its first does not)
}

void TestConsoleModels::aReroutedMethodSaysWhere()
{
    // A method the agent rerouted says where its traffic went, by the name its row has; two actions on one row are
    // both named (one replaced the other).
    MetricHistory history;
    IssuerHealthModel model(history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CycleSnapshot s = oneDimension("method:upi", DimensionKind::Method, 40);
    s.stats.front().method = "upi";
    Intervention reroute;
    reroute.id = 3;
    reroute.option.type = "reroute_traffic";
    reroute.option.target = "method:upi";
    reroute.option.alternative = "method:card";
    Intervention suppress = reroute;
    suppress.id = 4;
    suppress.option.type = "suppress_path";
    suppress.option.alternative.clear();
    s.activeInterventions = {reroute, suppress};
    model.applySnapshot(s);
    QCOMPARE(model.index(0, IssuerHealthModel::State).data().toString(),
             QStringLiteral("Healthy — rerouted to card by #3, suppressed by #4"));
    s.activeInterventions.clear();
    model.applySnapshot(s);
    QCOMPARE(model.index(0, IssuerHealthModel::State).data().toString(), QStringLiteral("Healthy"));
}

void TestConsoleModels::noTrafficShowsNoRates()
{
    // A gateway the Python agent moved traffic away from (or an issuer idle for a whole window): "—", not 0 %,
    // and a gap in its chart rather than a fall to zero.
    MetricHistory history;
    IssuerHealthModel model(history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CycleSnapshot s;
    DimensionStats busy;
    busy.key = "issuer:payu";
    busy.kind = DimensionKind::Issuer;
    busy.issuer = "payu";
    busy.count = 40;
    busy.successRate = 0.9;
    DimensionStats idle = busy;
    idle.key = "issuer:razorpay";
    idle.issuer = "razorpay";
    idle.count = 0;
    idle.successRate = 0;
    s.stats = {busy, idle};
    s.timeMs = 1000;
    history.append(s);
    model.applySnapshot(s);
    const int idleRow = model.rowOf(QStringLiteral("issuer:razorpay"));
    const int busyRow = model.rowOf(QStringLiteral("issuer:payu"));
    QVERIFY(idleRow >= 0 && busyRow >= 0);
    for (int column : {IssuerHealthModel::Success, IssuerHealthModel::P95, IssuerHealthModel::Retries})
        QCOMPARE(model.index(idleRow, column).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(idleRow, IssuerHealthModel::Volume).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(busyRow, IssuerHealthModel::Success).data().toString(), QStringLiteral("90.0%"));
    // Sorted by its figures, the idle one goes after every issuer with figures: it sorted as 0 % success (above a real
    // outage, worst first) and 0 ms p95 (the fastest).
    // Either way: as none, Qt put it first descending, above the slowest issuers a triage sorts for.
    HealthSortProxy sorted;
    sorted.setSourceModel(&model);
    QAbstractItemModelTester sortedTester(&sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder})
        for (int column : {IssuerHealthModel::Success, IssuerHealthModel::P95, IssuerHealthModel::Retries}) {
            sorted.sort(column, order);
            QCOMPARE(sorted.index(sorted.rowCount() - 1, IssuerHealthModel::Name).data().toString(),
                     QStringLiteral("razorpay"));
        }
    // Its chart: no rates (a gap), but a volume of 0, not a gap as if the count were unknown; the sparkline of its
    // success rate leaves the cycle out.
    const std::vector<MetricPoint> idlePoints = history.points("issuer:razorpay", 0, 2000);
    QCOMPARE(idlePoints.size(), std::size_t{1});
    QCOMPARE(idlePoints[0].value[static_cast<int>(Metric::Volume)], 0.0f);
    for (Metric m : {Metric::SuccessRate, Metric::P95Latency, Metric::MeanRetries})
        QVERIFY(std::isnan(idlePoints[0].value[static_cast<int>(m)]));
    QVERIFY(model.index(idleRow, IssuerHealthModel::Trend).data(IssuerHealthModel::TrendRole).toList().isEmpty());
    QCOMPARE(history.points("issuer:payu", 0, 2000).size(), std::size_t{1});
}

void TestConsoleModels::fuzzyRanking_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("better");
    QTest::addColumn<QString>("worse");
    QTest::newRow("word start beats scattered") << "ack"
                                                << "Acknowledge selected anomalies"
                                                << "Go to Health (back)";
    QTest::newRow("initials") << "gta"
                              << "Go to Anomalies"
                              << "Single step";
    QTest::newRow("contiguous") << "theme"
                                << "Theme: dark"
                                << "Toggle help mode";
}

void TestConsoleModels::fuzzyRanking()
{
    QFETCH(QString, query);
    QFETCH(QString, better);
    QFETCH(QString, worse);
    const auto b = fuzzyScore(query, better);
    QVERIFY(b.has_value());
    const auto w = fuzzyScore(query, worse);
    QVERIFY(!w.has_value() || *b > *w);
    QVERIFY(!fuzzyScore(QStringLiteral("xyz"), QStringLiteral("Acknowledge")).has_value());
    QVERIFY(fuzzyScore(QString(), QStringLiteral("anything")).has_value());
}

void TestConsoleModels::settingsAreTypedAndPersisted()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    {
        // A first run: the settings' directory (~/.config/PayOps) does not exist yet, and QSettings makes it. The
        // console said "Settings cannot be saved: its directory is not writable" on every first run.
        const QString fresh = dir.filePath(QStringLiteral("config/PayOps/s.ini"));
        ConsoleSettings first(fresh);
        QCOMPARE(first.cannotSave(), QString());
        first.setTheme(ConsoleSettings::Theme::Dark);
        first.sync();
        QVERIFY(QFileInfo::exists(fresh));
    }
    {
        ConsoleSettings s(ini);
        QVERIFY(s.firstRun());
        QCOMPARE(s.theme(), ConsoleSettings::Theme::System);
        QCOMPARE(s.speed(), 16.0);
        QCOMPARE(s.scenario(), QStringLiteral("issuer_outage"));
        QSignalSpy theme(&s, &ConsoleSettings::themeChanged);
        s.setTheme(ConsoleSettings::Theme::Dark);
        s.setTheme(ConsoleSettings::Theme::Dark); // no change, no signal
        QCOMPARE(theme.size(), 1);
        s.setSpeed(5000);
        QCOMPARE(s.speed(), 1000.0); // clamped on read
        s.setViewState(QStringLiteral("health/table"), QByteArray("abc"));
        s.setLanguage(QStringLiteral("de"));
        s.sync();
    }
    ConsoleSettings s(ini);
    QVERIFY(!s.firstRun());
    QCOMPARE(s.theme(), ConsoleSettings::Theme::Dark);
    QCOMPARE(s.viewState(QStringLiteral("health/table")), QByteArray("abc"));
    QCOMPARE(s.language(), QStringLiteral("de"));

    // Values a hand-edited file may hold: the default stands for what cannot be used. NaN slipped past the clamp,
    // and the profile name goes into the audit log as who acted.
    for (const char* garbage : {"nan", "inf", "fast"}) {
        QSettings(ini, QSettings::IniFormat).setValue(QStringLiteral("agent/speed"), QString::fromLatin1(garbage));
        QCOMPARE(ConsoleSettings(ini).speed(), 16.0);
    }
    const QString fallback = ConsoleSettings(dir.filePath(QStringLiteral("fresh.ini"))).userName();
    QVERIFY(!fallback.isEmpty());
    for (const QString& forged :
         {QStringLiteral("alice\nsystem: approved by admin"), QStringLiteral("  "), QStringLiteral("agent\u200B"),
          QString(201, QLatin1Char('a')), QStringLiteral("agent"), QStringLiteral("remote:vera")}) {
        s.setUserName(forged);
        QCOMPARE(s.userName(), fallback);
    }
    s.setUserName(QStringLiteral(" Zoë "));
    QCOMPARE(s.userName(), QStringLiteral("Zoë"));
    // A tenant is one subject token: one saved before that was checked is not followed under another name.
    for (const char* tenant : {"acme.eu", "ac me", "ac\u202eme", ""}) {
        QSettings(ini, QSettings::IniFormat).setValue(QStringLiteral("source/tenant"), QString::fromUtf8(tenant));
        QCOMPARE(ConsoleSettings(ini).remoteTenant(), QStringLiteral("acme"));
    }
    QSettings(ini, QSettings::IniFormat).setValue(QStringLiteral("source/tenant"), QStringLiteral("globex"));
    QCOMPARE(ConsoleSettings(ini).remoteTenant(), QStringLiteral("globex"));

    // The profile's role: on-call by default; a key no version knows gives the role that may change nothing.
    QCOMPARE(ConsoleSettings(dir.filePath(QStringLiteral("fresh.ini"))).operatorRole(),
             approvals::OperatorRole::OnCall);
    s.setRole(QStringLiteral("admin"));
    QCOMPARE(s.operatorRole(), approvals::OperatorRole::Admin);
    s.setRole(QStringLiteral("superuser"));
    QCOMPARE(s.operatorRole(), approvals::OperatorRole::Viewer);
}

void TestConsoleModels::unreadableSettingsAreNeverOverwritten()
{
    // QSettings reads a file it cannot parse as empty and overwrites it at the first change: --settings agent.yaml
    // used to replace the user's YAML with an INI file.
    QTemporaryDir dir;
    const auto write = [](const QString& path, const QByteArray& bytes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    };
    const auto read = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
    };
    const QByteArray yaml("# comment\nversion: 1\nname: my agent config\n");
    const QString given = dir.filePath(QStringLiteral("agent.yaml"));
    write(given, yaml);
    {
        ConsoleSettings s(given);
        QVERIFY(s.wasUnreadable());
        QCOMPARE(s.unreadableFile(), given);
        QCOMPARE(s.unreadable(), QStringLiteral("line 1: \"# comment\"")); // QSettings' comments start with ';'

        QVERIFY(s.setAsideAs().isEmpty()); // a file named on the command line is not moved
        s.setTheme(ConsoleSettings::Theme::Dark);
        QCOMPARE(s.theme(), ConsoleSettings::Theme::Dark); // usable for the session
        s.sync();
    }
    QCOMPARE(read(given), yaml);

    // The user's own settings file: kept aside, and the console starts with defaults it can save.
    // Without an organisation name the default QSettings reads and writes nothing (AccessError); the console has one.
    // Both are the process's: put back when this test ends.
    const QString organisation = QCoreApplication::organizationName();
    const auto restore = qScopeGuard([organisation] {
        QCoreApplication::setOrganizationName(organisation);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation));
    });
    QCoreApplication::setOrganizationName(QStringLiteral("PayOps test"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath(QStringLiteral("config")));
    const QString own = QSettings().fileName();
    QVERIFY2(own.startsWith(dir.path()), qPrintable(own));
    QVERIFY(QDir().mkpath(QFileInfo(own).path()));
    const QByteArray garbage("\x01\x02garbage\n[[[\n");
    write(own, garbage);
    {
        ConsoleSettings s;
        QVERIFY(s.wasUnreadable());
        QCOMPARE(s.unreadable(), QStringLiteral("line 1: binary data"));
        QCOMPARE(s.setAsideAs(), own + QStringLiteral(".unreadable"));
        QVERIFY(s.firstRun());
        s.setTheme(ConsoleSettings::Theme::Dark);
        s.sync();
    }
    QCOMPARE(read(own + QStringLiteral(".unreadable")), garbage);
    {
        ConsoleSettings s;
        QVERIFY(!s.wasUnreadable());
        QCOMPARE(s.theme(), ConsoleSettings::Theme::Dark);
    }
    // Another PayOps program's broken file (~/.config/PayOps.conf, a fallback of QSettings) is not ours to judge: it
    // made this good file look unreadable, and it was set aside.
    write(dir.filePath(QStringLiteral("config/PayOps test.conf")), yaml);
    {
        ConsoleSettings s;
        QVERIFY(!s.wasUnreadable());
        QCOMPARE(s.theme(), ConsoleSettings::Theme::Dark);
    }
    QVERIFY(!QFile::exists(own + QStringLiteral(".unreadable.2")));
    write(own, QByteArray("[broken\n"));
    {
        ConsoleSettings s;
        QCOMPARE(s.setAsideAs(), own + QStringLiteral(".unreadable.2")); // the first one set aside is kept
    }
    QCOMPARE(read(own + QStringLiteral(".unreadable")), garbage);
    QCOMPARE(read(own + QStringLiteral(".unreadable.2")), QByteArray("[broken\n"));
}

void TestConsoleModels::secretsGoToTheOsKeychain()
{
    // The real keychain through qtkeychain: a second store (nothing in its session memory) must read what the
    // first wrote. Without a Secret Service on the session bus this says so and skips (scripts/with-keyring.sh
    // runs it against a throwaway gnome-keyring).
    const QString service = QStringLiteral("PayOps Console test %1").arg(QCoreApplication::applicationPid());
    const QString key = QStringLiteral("sync/ws://example:443");
    const auto readFresh = [&] {
        SecretStore store(service);
        std::optional<std::pair<QString, QString>> read;
        store.read(key, [&](const QString& secret, const QString& error) { read = std::pair{secret, error}; });
        (void)QTest::qWaitFor([&] { return read.has_value(); }, 10000);
        return read.value_or(std::pair{QString(), QStringLiteral("no answer")});
    };
    SecretStore writer(service);
    std::optional<QString> wrote;
    writer.write(key, QStringLiteral("s3cret-token"), [&](const QString& error) { wrote = error; });
    QTRY_VERIFY_WITH_TIMEOUT(wrote.has_value(), 10000);
    if (!wrote->isEmpty()) {
        if (qEnvironmentVariableIsSet("PAYOPS_REQUIRE_KEYCHAIN")) // the keychain_secret_service CTest
            QFAIL(qPrintable(*wrote));
        QSKIP(qPrintable(QStringLiteral("no OS keychain answers here: ") + *wrote));
    }
    const auto stored = readFresh();
    QCOMPARE(stored.second, QString());
    QCOMPARE(stored.first, QStringLiteral("s3cret-token"));
    writer.remove(key);
    QTest::qWait(500); // the delete job runs on the session bus
    QCOMPARE(readFresh().first, QString());
}

// Another process runs the agent on the database (a headless `payops-agent run`): the console shows what it saved, then
// takes in each cycle it saves afterwards, and a new run there from its beginning.
void TestConsoleModels::anotherProcesssCyclesAreFollowed()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto scenario = scenarioSession(db, "issuer_outage");
    QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().c_str());
    SessionOptions options = scenario.value();
    auto session = AgentSession::open(options);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    for (int i = 0; i < 5; ++i)
        QVERIFY(session.value()->step().ok());

    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    data.setFollowing(true); // as DataSourceRouter does: the run is the other process's
    QVERIFY(data.attach(db, false).ok());
    QCOMPARE(data.latest()->cycle, 5);
    QCOMPARE(data.showNewSavedCycles().value(), 0); // nothing new yet
    std::set<std::int64_t> raised;
    for (int i = 0; i < 20; ++i) {
        auto snap = session.value()->step();
        QVERIFY(snap.ok());
        for (const Anomaly& a : snap.value()->anomalies)
            raised.insert(a.id);
    }
    QSignalSpy applied(&data, &ConsoleData::snapshotApplied);
    QSignalSpy announced(&data, &ConsoleData::notifyAnomaly);
    QCOMPARE(data.showNewSavedCycles().value(), 20);
    QCOMPARE(applied.count(), 20); // each one, in order, as a live cycle
    // Announced once the burst is in, and only those still on at its end: one that opened and cleared inside it is
    // not news.
    std::set<std::int64_t> on;
    for (const Anomaly& a : data.latest()->anomalies)
        on.insert(a.id);
    for (const auto& call : announced)
        QVERIFY2(on.count(call.at(0).toLongLong()) == 1, qPrintable(call.at(0).toString()));
    QCOMPARE(data.latest()->cycle, 25);
    QCOMPARE(data.history().points("issuer:HDFC", 0, data.latest()->timeMs).size(), std::size_t{25});
    QVERIFY2(!raised.empty(), "HDFC's outage is flagged by cycle 25");
    for (std::int64_t id : raised)
        QVERIFY2(data.triage().item(id) != nullptr, qPrintable(QString::number(id)));
    // Shown, never written: the console that runs it keeps its triage (two writers overwrote each other's
    // acknowledgements and logged every automatic transition twice). Acting here is refused, saying why.
    QSignalSpy refused(&data, &ConsoleData::actionFailed);
    QVERIFY(!data.acknowledge({*raised.begin()}).ok());
    QVERIFY(refused.count() == 1 && refused.at(0).at(0).toString().contains(QStringLiteral("follows a run")));
    QVERIFY(data.flush().ok());
    {
        auto store = AgentStore::open(db.toStdString());
        QVERIFY(store.ok());
        sqlite::Statement rows(store.value()->connection(), "SELECT count(*) FROM anomaly_triage");
        QVERIFY(rows.next("count").value());
        QCOMPARE(rows.int64(0), std::int64_t{0});
        sqlite::Statement audit(store.value()->connection(), "SELECT count(*) FROM audit WHERE kind LIKE 'triage_%'");
        QVERIFY(audit.next("count").value());
        QCOMPARE(audit.int64(0), std::int64_t{0});
    }

    // The other process starts a new run: followed from its beginning, with its own triage.
    const QString firstRun = data.runId();
    session = Result<std::unique_ptr<AgentSession>>(Error{"closed"}); // lets go of the file first
    options.newRun = true;
    auto fresh = AgentSession::open(options);
    QVERIFY2(fresh.ok(), fresh.ok() ? "" : fresh.error().c_str());
    for (int i = 0; i < 3; ++i)
        QVERIFY(fresh.value()->step().ok());
    QVERIFY(data.showNewSavedCycles().ok());
    QVERIFY(data.runId() != firstRun);
    QCOMPARE(data.latest()->cycle, 3);
    QCOMPARE(data.history().points("issuer:HDFC", 0, data.latest()->timeMs).size(), std::size_t{3});
}

// A console far behind a fast run catches up a burst of saved cycles at a time: an anomaly that opened and cleared
// inside the burst is over, and was announced as news (a toast for each).
void TestConsoleModels::aFollowedBurstAnnouncesOnlyWhatIsStillOn()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto session = steppedSession(db, "flapping_issuer", 1);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    data.setFollowing(true);
    QVERIFY(data.attach(db, false).ok());
    std::set<std::int64_t> criticalOnce;
    for (int i = 0; i < 190; ++i) {
        auto snap = session.value()->step();
        QVERIFY(snap.ok());
        for (const Anomaly& a : snap.value()->anomalies)
            if (a.severityClass == SeverityClass::Critical)
                criticalOnce.insert(a.id);
    }
    QSignalSpy announced(&data, &ConsoleData::notifyAnomaly);
    QCOMPARE(data.showNewSavedCycles().value(), 190);
    std::set<std::int64_t> on;
    for (const Anomaly& a : data.latest()->anomalies)
        on.insert(a.id);
    std::size_t over = 0;
    for (std::int64_t id : criticalOnce)
        over += on.count(id) == 0 ? 1 : 0;
    QVERIFY2(over > 0, "the flapping issuer is meant to raise a critical anomaly that clears within the burst");
    for (const auto& call : announced)
        QVERIFY2(on.count(call.at(0).toLongLong()) == 1, qPrintable(call.at(0).toString()));
}

// A console following another process's run shows what ran out (a silence, a snooze) although it sends no reminders:
// it returned before refreshing anything, and listed an expired silence for as long as it followed.
void TestConsoleModels::aFollowerShowsWhatRanOut()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto session = steppedSession(db, "issuer_outage", 5);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    ManualClock clock(1'700'000'000'000);
    {
        ConsoleData owner(clock); // the console that runs it, silencing HDFC for a minute
        QVERIFY(owner.attach(db, false).ok());
        Silence s;
        s.dimension = "issuer:HDFC";
        s.expiresAt = clock.nowMs() + 60'000;
        QVERIFY(owner.addSilence(s).ok());
    }
    ConsoleData follower(clock);
    follower.setFollowing(true);
    QVERIFY(follower.attach(db, false).ok());
    QCOMPARE(follower.triage().activeSilences().size(), std::size_t{1});
    QSignalSpy silences(&follower, &ConsoleData::silencesChanged);
    QSignalSpy reminded(&follower, &ConsoleData::notifyAnomaly);
    clock.advanceMs(120'000);
    follower.checkRenotifications();
    QCOMPARE(silences.count(), 1);
    QVERIFY(follower.triage().activeSilences().empty());
    QCOMPARE(reminded.count(), 0);
}

// A console following another process's run shows what operators do in the console that runs it: an anomaly
// acknowledged there read "New" here for as long as this console followed, and two people worked on it.
void TestConsoleModels::aFollowerShowsTheOwnersTriage()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto session = steppedSession(db, "issuer_outage", 25);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    ManualClock clock(1'700'000'000'000);
    ConsoleData owner(clock);
    owner.setActor(QStringLiteral("operator:alice"));
    QVERIFY(owner.attach(db, false).ok());
    ConsoleData follower(clock);
    follower.setFollowing(true);
    QVERIFY(follower.attach(db, false).ok());
    QAbstractItemModelTester tester(follower.anomalyProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const std::int64_t acked = newInBoth(owner, follower);
    QVERIFY2(acked > 0, "HDFC's outage is open at cycle 25");

    QVERIFY(owner.acknowledge({acked}).ok());
    QVERIFY(owner.assign(acked, QStringLiteral("operator:bob")).ok());
    QVERIFY(owner.addNote(acked, QStringLiteral("bank says a switch is down")).ok());
    const TimeMs until = clock.nowMs() + 3'600'000;
    QVERIFY(owner.snooze(acked, until).ok());
    Silence silence;
    silence.dimension = "method:upi";
    silence.expiresAt = clock.nowMs() + 600'000;
    QVERIFY(owner.addSilence(silence).ok());
    QCOMPARE(follower.triage().item(acked)->state, TriageState::New); // not read yet

    QSignalSpy changed(&follower, &ConsoleData::triageChanged);
    QSignalSpy silences(&follower, &ConsoleData::silencesChanged);
    QVERIFY(follower.showNewSavedCycles().ok());
    const TriageItem* a = follower.triage().item(acked);
    QCOMPARE(a->state, TriageState::Acknowledged);
    QCOMPARE(a->owner, owner.triage().item(acked)->owner);
    QCOMPARE(a->acknowledgedAt, owner.triage().item(acked)->acknowledgedAt);
    QCOMPARE(a->notes.size(), std::size_t{1});
    QCOMPARE(a->notes[0].author, std::string("operator:alice"));
    QCOMPARE(a->snoozedUntil, until);
    QVERIFY(a->snoozed(clock.nowMs()));
    QCOMPARE(follower.triage().activeSilences().size(), std::size_t{1});
    QCOMPARE(silences.count(), 1);
    std::set<std::int64_t> told;
    for (const auto& call : changed)
        for (std::int64_t id : call.at(0).value<std::vector<std::int64_t>>())
            told.insert(id);
    QVERIFY(told.count(acked) == 1);
    AnomalyTableModel* model = follower.anomalyModel();
    const int row = rowWhere(*model, AnomalyTableModel::IdRole, QVariant::fromValue<qint64>(acked));
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, AnomalyTableModel::Owner).data().toString(), QStringLiteral("bob"));

    // Read once: nothing new, nothing told again; and resolving there reaches here too.
    changed.clear();
    QVERIFY(follower.showNewSavedCycles().ok());
    QCOMPARE(changed.count(), 0);
    QVERIFY(owner.unsnooze(acked).ok());
    QVERIFY(owner.resolve(acked, QStringLiteral("switch replaced")).ok());
    QVERIFY(follower.showNewSavedCycles().ok());
    QCOMPARE(follower.triage().item(acked)->state, TriageState::Resolved);
    QCOMPARE(follower.triage().item(acked)->resolution, std::string("switch replaced"));
    QVERIFY(!follower.triage().item(acked)->snoozed(clock.nowMs()));

    // The follower still writes nothing: each action is in the audit log once, the owner's.
    QVERIFY(follower.flush().ok());
    auto store = AgentStore::open(db.toStdString());
    QVERIFY(store.ok());
    sqlite::Statement audit(store.value()->connection(),
                            "SELECT count(*) FROM audit WHERE kind IN ('triage_acknowledged', 'triage_note', "
                            "'triage_resolved') AND json_extract(inputs, '$.anomaly_id') = ?");
    audit.bind(1, acked);
    QVERIFY(audit.next("count").value());
    QCOMPARE(audit.int64(0), std::int64_t{3});
}

// A follower far behind a fast run (it shows at most 1 000 saved cycles a look) takes in the other console's actions
// once it has caught up: the saved items are as of that console's latest cycle, and taken in early they were undone by
// the follower's own replay of the cycles between (an acknowledgement reopened by a cycle seen there long before).
void TestConsoleModels::aFollowerBehindTakesInActionsOnceCaughtUp()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto session = steppedSession(db, "flapping_issuer", 25);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    ManualClock clock(1'700'000'000'000);
    ConsoleData owner(clock); // the console that runs the agent: every cycle, and each action, saved
    owner.setActor(QStringLiteral("operator:alice"));
    QVERIFY(owner.attach(db, false).ok());
    ConsoleData follower(clock);
    follower.setFollowing(true);
    QVERIFY(follower.attach(db, false).ok());
    std::set<std::int64_t> acked;
    for (int i = 0; i < 1100; ++i) {
        auto snap = session.value()->step();
        QVERIFY(snap.ok());
        clock.advanceMs(8'000); // a cycle's wall time: each acknowledgement has its own time
        owner.applySnapshot(snap.value());
        // The operator acknowledges whatever is new, all along the run.
        std::vector<std::int64_t> fresh;
        for (const auto& [id, item] : owner.triage().items())
            if (item.state == TriageState::New && item.active)
                fresh.push_back(id);
        if (!fresh.empty()) {
            QVERIFY(owner.acknowledge(fresh).ok());
            acked.insert(fresh.begin(), fresh.end());
        }
    }
    QVERIFY(owner.flush().ok());
    QVERIFY2(acked.size() >= 3, "the flapping issuer opens anomalies again and again");

    QSignalSpy changed(&follower, &ConsoleData::triageChanged);
    QCOMPARE(follower.showNewSavedCycles().value(), 1000); // not caught up: nothing taken in yet
    QCOMPARE(changed.count(), 0);
    QCOMPARE(follower.showNewSavedCycles().value(), 100);
    for (const auto& [id, mine] : follower.triage().items()) {
        const TriageItem* theirs = owner.triage().item(id);
        QVERIFY(theirs);
        QVERIFY2(
            mine.state == theirs->state && mine.acknowledgedAt == theirs->acknowledgedAt,
            qPrintable(
                QStringLiteral("anomaly %1: %2 here, %3 there").arg(id).arg(int(mine.state)).arg(int(theirs->state))));
    }
}

// A silence row the follower cannot read (damaged, or written by a newer console) is read again at each look, and
// holds nothing else back: the acknowledgement made with it is taken in at once, the silence once it reads.
void TestConsoleModels::aSilenceTheFollowerCannotReadHoldsNothingBack()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    auto session = steppedSession(db, "issuer_outage", 25);
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
    ManualClock clock(1'700'000'000'000);
    ConsoleData owner(clock);
    QVERIFY(owner.attach(db, false).ok());
    ConsoleData follower(clock);
    follower.setFollowing(true);
    QVERIFY(follower.attach(db, false).ok());
    const std::int64_t id = newInBoth(owner, follower);
    QVERIFY2(id > 0, "HDFC's outage is open at cycle 25");
    QVERIFY(owner.acknowledge({id}).ok());
    Silence silence;
    silence.dimension = "method:upi";
    silence.expiresAt = clock.nowMs() + 600'000;
    QVERIFY(owner.addSilence(silence).ok());
    auto store = AgentStore::open(db.toStdString());
    QVERIFY(store.ok());
    std::string saved;
    {
        sqlite::Statement read(store.value()->connection(), "SELECT silence FROM silences");
        QVERIFY(read.next("read").value());
        saved = read.text(0);
        sqlite::Statement damage(store.value()->connection(), "UPDATE silences SET silence = '{\"dimension\":'");
        QVERIFY(damage.run("damage").ok());
    }
    QVERIFY(follower.showNewSavedCycles().ok());
    QCOMPARE(follower.triage().item(id)->state, TriageState::Acknowledged);
    QVERIFY(follower.triage().activeSilences().empty());
    QVERIFY(follower.showNewSavedCycles().ok()); // still unreadable: still waiting, nothing else changes
    QVERIFY(follower.triage().activeSilences().empty());
    {
        sqlite::Statement repair(store.value()->connection(), "UPDATE silences SET silence = ?");
        repair.bind(1, saved);
        QVERIFY(repair.run("repair").ok());
    }
    QVERIFY(follower.showNewSavedCycles().ok());
    QCOMPARE(follower.triage().activeSilences().size(), std::size_t{1});
}

// What the table says is what the operator did: a snooze ending another day names the day, an owner assigned as
// "operator:bob" reads as bob (as acknowledging names the owner), and "N silenced" counts the anomalies a silence
// hides, not resolved ones the Open filter hides.
void TestConsoleModels::triageReadsAsMeant()
{
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    for (std::size_t i = 0; i < 30; ++i)
        data.applySnapshot(outage()[i]);
    AnomalyTableModel* model = data.anomalyModel();
    const int hdfc = rowWhere(*model, AnomalyTableModel::DimensionKeyRole, QStringLiteral("issuer:HDFC"));
    QVERIFY(hdfc >= 0);
    const std::int64_t id = model->idAt(hdfc);
    const auto stateText = [&] { return model->index(hdfc, AnomalyTableModel::State).data().toString(); };

    const TimeMs tomorrow = clock.nowMs() + 24 * 3600 * 1000;
    QVERIFY(data.snooze(id, tomorrow).ok());
    QCOMPARE(stateText(), QStringLiteral("Snoozed until ") +
                              QDateTime::fromMSecsSinceEpoch(tomorrow).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    // The column is sized for "Acknowledged", so the end elides: the tooltip has it whole.
    QCOMPARE(model->index(hdfc, AnomalyTableModel::State).data(Qt::ToolTipRole).toString(), stateText());
    const TimeMs soon = clock.nowMs() + 60'000;
    QVERIFY(QDateTime::fromMSecsSinceEpoch(soon).date() == QDateTime::fromMSecsSinceEpoch(clock.nowMs()).date());
    QVERIFY(data.snooze(id, soon).ok());
    QCOMPARE(stateText(),
             QStringLiteral("Snoozed until ") + QDateTime::fromMSecsSinceEpoch(soon).toString(QStringLiteral("HH:mm")));
    QVERIFY(data.unsnooze(id).ok());

    QVERIFY(data.assign(id, QStringLiteral("operator:bob")).ok());
    QCOMPARE(model->index(hdfc, AnomalyTableModel::Owner).data().toString(), QStringLiteral("bob"));

    Silence s;
    s.dimension = "issuer:HDFC";
    QVERIFY(data.addSilence(s).ok());
    AnomalyFilterProxy* proxy = data.anomalyProxy();
    proxy->setStateFilter(AnomalyFilterProxy::StateFilter::All);
    const int silencedAll = proxy->silencedInFilter();
    QVERIFY(silencedAll >= 1);
    proxy->setStateFilter(AnomalyFilterProxy::StateFilter::Open);
    const int silencedOpen = proxy->silencedInFilter();
    QVERIFY(data.resolve(id, QStringLiteral("issuer confirmed the fix")).ok());
    QCOMPARE(proxy->silencedInFilter(), silencedOpen - 1); // the Open filter hides it now, not the silence
    proxy->setStateFilter(AnomalyFilterProxy::StateFilter::All);
    QCOMPARE(proxy->silencedInFilter(), silencedAll);
    proxy->setShowSilenced(true); // shown, marked: still counted
    QCOMPARE(proxy->silencedInFilter(), silencedAll);
}

// The file refuses the write of a note: the note is kept, once, and the call succeeds (the detail pane took a
// refusal and kept the text for another try, and each try added the note again).
void TestConsoleModels::anActionNotSavedIsDoneOnce()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    QVERIFY(data.attach(db, true).ok());
    for (std::size_t i = 0; i < 30; ++i)
        data.applySnapshot(outage()[i]);
    QVERIFY(data.flush().ok());
    const std::int64_t id = data.anomalyModel()->idAt(0);
    const std::size_t notes = data.triage().item(id)->notes.size();
    QSignalSpy failed(&data, &ConsoleData::actionFailed);
    {
        TriageWritesFail full(db);
        QVERIFY(data.addNote(id, QStringLiteral("called the issuer")).ok());
        QVERIFY(!data.lastActionSaved());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().startsWith(QStringLiteral("Not saved: ")) &&
                     failed.at(0).at(0).toString().contains(QStringLiteral("disk is full (test)")),
                 qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(data.triage().item(id)->notes.size(), notes + 1);
    }
    QVERIFY(data.flush().ok()); // the file takes it again: the kept note goes in
    QVERIFY(data.addNote(id, QStringLiteral("issuer says fixed")).ok());
    QVERIFY(data.lastActionSaved());
    ConsoleData again(clock);
    QVERIFY(again.attach(db, false).ok());
    QCOMPARE(again.triage().item(id)->notes.size(), notes + 2);
}

// A switch of source whose attach fails (the previous run's triage cannot be saved first) leaves the book with the
// run it had: the new source's cycles are not taken into it (its anomaly 1 reopened the old run's anomaly 1, and was
// saved under the old run). Once the file takes writes again, the switch goes through and both runs are as they were.
void TestConsoleModels::aFailedAttachTakesNothingIntoTheRunItHad()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("c.db"));
    ManualClock clock(1'700'000'000'000);
    ConsoleData data(clock);
    QVERIFY(data.attach(db, true).ok());
    const QString localRun = data.runId();
    for (std::size_t i = 0; i < 30; ++i)
        data.applySnapshot(outage()[i]);
    const std::int64_t id = data.anomalyModel()->idAt(0);
    QVERIFY(data.acknowledge({id}).ok());
    const std::size_t items = data.triage().items().size();
    QSignalSpy applied(&data, &ConsoleData::snapshotApplied);
    {
        TriageWritesFail full(db);
        QVERIFY(data.addNote(id, QStringLiteral("pending")).ok()); // kept, not saved
        QVERIFY(!data.attachRun(db, QStringLiteral("remote:acme:r1")).ok());
        QVERIFY(!data.attached());
        QCOMPARE(data.runId(), localRun);
        data.applySnapshot(outage()[0]); // the remote source's first cycle
        QCOMPARE(applied.count(), 0);
        QCOMPARE(data.triage().items().size(), items);
        QCOMPARE(data.triage().item(id)->state, TriageState::Acknowledged);
    }
    QVERIFY(data.attachRun(db, QStringLiteral("remote:acme:r1")).ok());
    QVERIFY(data.attached());
    QCOMPARE(data.runId(), QStringLiteral("remote:acme:r1"));
    QVERIFY(data.triage().items().empty());
    data.applySnapshot(outage()[0]);
    QCOMPARE(applied.count(), 1);
    ConsoleData local(clock);
    QVERIFY(local.attachRun(db, localRun).ok());
    QCOMPARE(local.triage().items().size(), items);
    QCOMPARE(local.triage().item(id)->state, TriageState::Acknowledged);
    QCOMPARE(local.triage().item(id)->notes.back().text, std::string("pending"));
}

QTEST_GUILESS_MAIN(TestConsoleModels)
#include "test_console_models.moc"
