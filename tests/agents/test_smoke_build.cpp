#include "config/agent_config.h"
#include "stream/scenario.h"

#include <QTest>

class TestSmokeBuild : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rampedEventWeight()
    {
        payops::ScenarioEvent e;
        e.atMs = 1000;
        e.durationMs = 10000;
        e.rampMs = 2000;
        QCOMPARE(payops::Scenario::eventWeight(e, 0), 0.0);
        QCOMPARE(payops::Scenario::eventWeight(e, 2000), 0.5);
        QCOMPARE(payops::Scenario::eventWeight(e, 6000), 1.0);
        QCOMPARE(payops::Scenario::eventWeight(e, 10000), 0.5);
        QCOMPARE(payops::Scenario::eventWeight(e, 11000), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSmokeBuild)
#include "test_smoke_build.moc"
