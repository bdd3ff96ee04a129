// payops-agent as a user runs it: a real process, real files, exit codes and messages.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

namespace {

struct Outcome {
    int exitCode = -1;
    QByteArray out, err;
};

Outcome runAgent(const QStringList& args)
{
    QProcess p;
    p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("PAYOPS_AGENT_BIN").isEmpty(), "CTest sets PAYOPS_AGENT_BIN");
        qputenv("PAYOPS_SCENARIO_DIR", qgetenv("PAYOPS_SOURCE_DIR") + "/resources/scenarios");
    }

    void sameSeedGivesByteIdenticalJson()
    {
        const QStringList args{QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("issuer_outage"),
                               QStringLiteral("--cycles"), QStringLiteral("30"), QStringLiteral("--seed"),
                               QStringLiteral("5"), QStringLiteral("--json")};
        const Outcome a = runAgent(args), b = runAgent(args);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);
        const QList<QByteArray> lines = a.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 30);
        const auto last = nlohmann::json::parse(lines.last().toStdString());
        QCOMPARE(last.at("cycle").get<int>(), 30);
        QCOMPARE(last.at("scenario").get<std::string>(), std::string("issuer_outage"));
        for (const char* key : {"stats", "anomalies", "hypotheses", "options", "decision", "issuer_health"})
            QVERIFY2(last.contains(key), key);
        QVERIFY(runAgent({QStringLiteral("run"), QStringLiteral("--cycles"), QStringLiteral("30"),
                          QStringLiteral("--seed"), QStringLiteral("6"), QStringLiteral("--json")})
                    .out != a.out);
    }

    void textReportHasTheOriginalLayout()
    {
        const Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--cycles"), QStringLiteral("6")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains(QStringLiteral("CYCLE 6 - Elapsed: 48.0s")));
        QVERIFY(out.contains(QStringLiteral("HDFC    : ")));
        QVERIFY(out.contains(QStringLiteral("| Success: ")));
        QVERIFY(out.contains(QStringLiteral("Decision: ")));
    }

    void badInputIsRefusedClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scenario") << QStringList{QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("nope")}
                                          << QStringLiteral("unknown scenario 'nope'; available: ");
        QTest::newRow("missing file") << QStringList{QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("/no/such.yaml")}
                                      << QStringLiteral("/no/such.yaml: cannot read");
        QTest::newRow("bad cycles") << QStringList{QStringLiteral("run"), QStringLiteral("--cycles"), QStringLiteral("ten")}
                                    << QStringLiteral("--cycles must be a whole number");
        QTest::newRow("bad speed") << QStringList{QStringLiteral("run"), QStringLiteral("--speed"), QStringLiteral("5000")}
                                   << QStringLiteral("--speed must be between 1 and 1000");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << QStringLiteral("unknown command 'fly'");
    }
    void badInputIsRefusedClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome r = runAgent(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void configCheckReportsEveryProblemWithItsPosition()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("detector:\n  windw_ms: 5\n  z_threshold: -1\n");
        f.close();
        Outcome r = runAgent({QStringLiteral("config"), QStringLiteral("check"), path});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = QString::fromUtf8(r.err).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2); // each problem once
        QVERIFY(lines[0].startsWith(path + QStringLiteral(":2:3: ")));
        QVERIFY(lines[0].contains(QStringLiteral("did you mean 'window_ms'")));
        QVERIFY(lines[1].startsWith(path + QStringLiteral(":3:16: ")));

        r = runAgent({QStringLiteral("config"), QStringLiteral("check"),
                      qEnvironmentVariable("PAYOPS_SOURCE_DIR") + QStringLiteral("/resources/config/agent.yaml")});
        QCOMPARE(r.exitCode, 0);
    }

    void everySubcommandHasHelp()
    {
        for (const char* cmd : {"run", "config", "bench"}) {
            const Outcome r = runAgent({QString::fromLatin1(cmd), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("--help"), cmd);
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
