// The runtime on its worker thread as the console drives it: paced cycles, pause, single step, speed, restart on
// another scenario, resume of the database's run, and a clear error for a database another process holds.

#include "runtime/runtime_host.h"
#include "runtime/scenario_evaluation.h"
#include "store/agent_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace payops;

namespace {

RuntimeOpenOptions optionsFor(const QTemporaryDir& dir, double speed = 1000)
{
    RuntimeOpenOptions o;
    o.dbPath = dir.filePath(QStringLiteral("console.db"));
    o.scenario = QStringLiteral("issuer_outage");
    o.speed = speed;
    return o;
}

// A new demo run first watches normal traffic for this many cycles, run and saved when it opens: its first
// announced cycle is the one after them.
const std::int64_t kLeadIn = leadInCycles(defaultAgentConfig());

std::int64_t lastCycle(const QSignalSpy& spy)
{
    return spy.isEmpty() ? 0 : spy.last().at(0).value<CycleSnapshotPtr>()->cycle;
}

} // namespace

class TestRuntimeHost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsPausesStepsAndChangesSpeed();
    void pacingFollowsSimulatedTime();
    void restartStartsANewRunOnAnotherScenario();
    void reopenResumesTheRun();
    void unknownScenarioAndBusyDatabaseAreReported();
    void theSpeedAchievedIsReportedWhenItFallsShort();
};

void TestRuntimeHost::theSpeedAchievedIsReportedWhenItFallsShort()
{
    QCOMPARE(achievedSpeedOrZero(16'000, 16, 1000), 0.0);  // kept up
    QCOMPARE(achievedSpeedOrZero(9'000, 10, 1000), 0.0);   // within a tenth
    QCOMPARE(achievedSpeedOrZero(8'000, 16, 1000), 500.0); // half
    QCOMPARE(achievedSpeedOrZero(8'000, 0, 1000), 0.0);    // nothing measured
}

void TestRuntimeHost::runsPausesStepsAndChangesSpeed()
{
    QTemporaryDir dir;
    RuntimeHost host;
    QSignalSpy opened(&host, &RuntimeHost::opened);
    QSignalSpy snapshots(&host, &RuntimeHost::snapshotReady);
    host.open(optionsFor(dir));
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.first().at(0).toBool(), false); // a new run
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 5, 20000);
    QCOMPARE(lastCycle(snapshots), kLeadIn + std::int64_t(snapshots.size())); // every cycle arrives, in order
    // The lead-in is saved like any cycle (the charts' past), and the scenario starts after it.
    {
        auto db = AgentStore::open(dir.filePath(QStringLiteral("console.db")).toStdString());
        QVERIFY(db.ok());
        auto saved = db.value()->recentSnapshots(1000);
        QVERIFY(saved.ok());
        QVERIFY(saved.value().size() >= static_cast<std::size_t>(kLeadIn));
        QCOMPARE(nlohmann::json::parse(saved.value().front()).at("cycle").get<std::int64_t>(), std::int64_t{1});
    }

    host.setRunning(false);
    QTRY_VERIFY(!host.status().running);
    QTest::qWait(200); // a cycle already queued may still land
    const qsizetype paused = snapshots.size();
    QTest::qWait(400);
    QCOMPARE(snapshots.size(), paused);

    host.stepOnce();
    QTRY_COMPARE(snapshots.size(), paused + 1);
    QTest::qWait(300);
    QCOMPARE(snapshots.size(), paused + 1); // one step is one cycle, and it stays paused
    QCOMPARE(host.status().cycle, lastCycle(snapshots));

    host.setSpeed(5000); // clamped
    QTRY_COMPARE(host.status().speed, RuntimeWorker::kMaxSpeed);
    host.setSpeed(0.1);
    QTRY_COMPARE(host.status().speed, RuntimeWorker::kMinSpeed);
}

void TestRuntimeHost::pacingFollowsSimulatedTime()
{
    // At 100x, 8 s cycles come every 80 ms: in 1.2 s about 15, certainly not a free-running hundreds.
    QTemporaryDir dir;
    RuntimeHost host;
    QSignalSpy opened(&host, &RuntimeHost::opened);
    QSignalSpy snapshots(&host, &RuntimeHost::snapshotReady);
    host.open(optionsFor(dir, 100));
    QVERIFY(opened.wait(10000));
    QTest::qWait(1200);
    host.setRunning(false);
    QVERIFY2(snapshots.size() >= 5 && snapshots.size() <= 20, qPrintable(QString::number(snapshots.size())));
}

void TestRuntimeHost::restartStartsANewRunOnAnotherScenario()
{
    QTemporaryDir dir;
    RuntimeHost host;
    QSignalSpy opened(&host, &RuntimeHost::opened);
    QSignalSpy snapshots(&host, &RuntimeHost::snapshotReady);
    host.open(optionsFor(dir));
    QVERIFY(opened.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(lastCycle(snapshots) >= 3, 20000);
    host.restart(QStringLiteral("retry_storm"), 3);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 10000);
    QCOMPARE(opened.last().at(0).toBool(), false);
    QTRY_COMPARE(host.status().scenario, QStringLiteral("retry_storm"));
    const auto firstOfNewRun = [&]() -> CycleSnapshotPtr {
        for (const QList<QVariant>& args : snapshots) {
            auto s = args.at(0).value<CycleSnapshotPtr>();
            if (s->scenario == "retry_storm")
                return s;
        }
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(firstOfNewRun() != nullptr, 10000);
    QCOMPARE(firstOfNewRun()->cycle, kLeadIn + 1); // a new run (after its lead-in), not a continuation
}

void TestRuntimeHost::reopenResumesTheRun()
{
    QTemporaryDir dir;
    std::int64_t stoppedAt = 0;
    {
        RuntimeHost host;
        QSignalSpy opened(&host, &RuntimeHost::opened);
        QSignalSpy snapshots(&host, &RuntimeHost::snapshotReady);
        host.open(optionsFor(dir));
        QVERIFY(opened.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(lastCycle(snapshots) >= 4, 20000);
        host.setRunning(false);
        QTRY_VERIFY(!host.status().running);
        stoppedAt = host.status().cycle;
    } // the host joins its thread and releases the runner lock
    RuntimeHost host;
    QSignalSpy opened(&host, &RuntimeHost::opened);
    QSignalSpy snapshots(&host, &RuntimeHost::snapshotReady);
    host.open(optionsFor(dir));
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.first().at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 10000);
    QCOMPARE(snapshots.first().at(0).value<CycleSnapshotPtr>()->cycle, stoppedAt + 1);
    QCOMPARE(host.status().scenario, QStringLiteral("issuer_outage"));
}

void TestRuntimeHost::unknownScenarioAndBusyDatabaseAreReported()
{
    QTemporaryDir dir;
    {
        RuntimeHost host;
        QSignalSpy failed(&host, &RuntimeHost::failed);
        RuntimeOpenOptions o = optionsFor(dir);
        o.scenario = QStringLiteral("no_such_scenario");
        host.open(o);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("no_such_scenario")),
                 qPrintable(failed.first().at(0).toString()));
    }
    RuntimeHost first;
    QSignalSpy opened(&first, &RuntimeHost::opened);
    first.open(optionsFor(dir, 1));
    QVERIFY(opened.wait(10000));
    RuntimeHost second;
    QSignalSpy failed(&second, &RuntimeHost::failed);
    RuntimeOpenOptions o = optionsFor(dir, 1);
    o.resumeIfPossible = false;
    second.open(o);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("in use")),
             qPrintable(failed.first().at(0).toString()));
    QVERIFY(!second.status().open);
}

QTEST_GUILESS_MAIN(TestRuntimeHost)
#include "test_runtime_host.moc"
