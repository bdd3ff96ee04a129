// payops-agent as a user runs it: a real process, real files, exit codes and messages.
#include "agent_process.h"
#include "cli/cli_common.h"
#include "damaged_database.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <tuple>
#include <unistd.h>

namespace {
// A file of the given bytes in `dir`; its path, or empty when it cannot be written.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

// The arguments of a short run that leaves a database with a saved run in it.
QStringList threeCycles(const QString& db)
{
    return {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"), QStringLiteral("3")};
}

// Runs method_fatigue (seed 2) for 40 cycles into db, which leaves an approval request waiting for a human: its id, or
// 0 when the run or the listing failed, or nothing waits.
long long runToAPendingApproval(const QString& db)
{
    if (runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--scenario"),
                  QStringLiteral("method_fatigue"), QStringLiteral("--cycles"), QStringLiteral("40"),
                  QStringLiteral("--seed"), QStringLiteral("2")})
            .exitCode != 0)
        return 0;
    const Outcome list = runAgent({QStringLiteral("approvals"), QStringLiteral("list"), QStringLiteral("--db"), db,
                                   QStringLiteral("--state"), QStringLiteral("pending"), QStringLiteral("--json")});
    const QByteArray first = list.out.trimmed().split('\n').value(0);
    if (list.exitCode != 0 || first.isEmpty())
        return 0;
    return nlohmann::json::parse(first.toStdString()).at("id").get<long long>();
}

// `run --new-run` on db: what the old run had pending and in force is recorded as ended before the new run starts.
void checkANewRunRecordsWhatItEnds(const QString& db, const QList<long long>& pending)
{
    Outcome r = runAgent({QStringLiteral("interventions"), QStringLiteral("list"), QStringLiteral("--db"), db,
                          QStringLiteral("--state"), QStringLiteral("active"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QList<long long> inForce;
    for (const QByteArray& line : r.out.trimmed().split('\n'))
        if (!line.isEmpty())
            inForce << nlohmann::json::parse(line.toStdString()).at("id").get<long long>();
    QVERIFY2(!pending.isEmpty() || !inForce.isEmpty(), "the old run leaves something to end");
    r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                  QStringLiteral("--scenario"), QStringLiteral("quiet"), QStringLiteral("--cycles"),
                  QStringLiteral("1")});
    QCOMPARE(r.exitCode, 0);
    r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db});
    QCOMPARE(r.exitCode, 0); // and it verifies
    QList<long long> expired, ended;
    bool started = false;
    for (const QByteArray& line : r.out.trimmed().split('\n')) {
        const auto e = nlohmann::json::parse(line.toStdString());
        const std::string kind = e.at("kind");
        const auto& inputs = e.at("inputs");
        if (kind == "run_started" && inputs.value("scenario", "") == "quiet")
            started = true;
        if (kind == "approval_expired" && !started)
            expired << inputs.at("approval_id").get<long long>();
        if (kind == "action_superseded") {
            QVERIFY2(!started, "recorded before the new run starts");
            ended << inputs.at("intervention_id").get<long long>();
        }
    }
    QVERIFY(started);
    for (long long id : pending)
        QVERIFY2(expired.contains(id), r.out.constData());
    QCOMPARE(ended, inForce);
}
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("PAYOPS_AGENT_BIN").isEmpty(), "CTest sets PAYOPS_AGENT_BIN");
        qputenv("PAYOPS_SCENARIO_DIR", qgetenv("PAYOPS_SOURCE_DIR") + "/resources/scenarios");
        // Runs without --db use the default database under XDG_DATA_HOME: keep them out of the real home.
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    }

    void sameSeedGivesByteIdenticalJson()
    {
        const QStringList args{
            QStringLiteral("run"),      QStringLiteral("--scenario"), QStringLiteral("issuer_outage"),
            QStringLiteral("--cycles"), QStringLiteral("30"),         QStringLiteral("--seed"),
            QStringLiteral("5"),        QStringLiteral("--json"),     QStringLiteral("--no-db")};
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
        QVERIFY(
            runAgent({QStringLiteral("run"), QStringLiteral("--cycles"), QStringLiteral("30"), QStringLiteral("--seed"),
                      QStringLiteral("6"), QStringLiteral("--json"), QStringLiteral("--no-db")})
                .out != a.out);
    }

    // A scenario runs as long as its story (duration_s), not ten cycles: 80 s ended before any built-in incident began.
    void aScenarioRunsItsDurationByDefault()
    {
        const Outcome r =
            runAgent({QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("latency_spike"),
                      QStringLiteral("--json"), QStringLiteral("--no-db")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QFile file(qEnvironmentVariable("PAYOPS_SOURCE_DIR") +
                   QStringLiteral("/resources/scenarios/latency_spike.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QRegularExpressionMatch duration =
            QRegularExpression(QStringLiteral("\\nduration_s: (\\d+)")).match(QString::fromUtf8(file.readAll()));
        QVERIFY(duration.hasMatch());
        const int whole = (duration.captured(1).toInt() * 1000 + 7999) / 8000; // 8 s cycles by default
        QCOMPARE(lines.size(), whole);
        // Stopped early (killed, or --cycles), --resume plays the rest of the story; a finished one says so and stops.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("r.db"));
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("latency_spike"),
                           QStringLiteral("--db"), db, QStringLiteral("--cycles"), QStringLiteral("4")})
                     .exitCode,
                 0);
        const Outcome rest = runAgent(
            {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"), QStringLiteral("--json")});
        QCOMPARE(rest.exitCode, 0);
        const QList<QByteArray> restLines = rest.out.trimmed().split('\n');
        QCOMPARE(restLines.size(), whole - 4);
        QCOMPARE(nlohmann::json::parse(restLines.last().toStdString()).at("cycle").get<int>(), whole);
        const Outcome done = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume")});
        QCOMPARE(done.exitCode, 0);
        QVERIFY(done.out.isEmpty());
        const QByteArray said = "has played scenario 'latency_spike' to its end (cycle " + QByteArray::number(whole) +
                                "); --cycles N runs it on";
        QVERIFY2(done.err.contains(said), done.err.constData());
        // A config given then runs in no cycle, so none is recorded: the history held a version that never ran.
        const QString config = writeFile(dir, QStringLiteral("c.yaml"), "detector:\n  code_mix_z_threshold: 5\n");
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                           QStringLiteral("--config"), config})
                     .exitCode,
                 0);
        auto store = payops::AgentStore::open(db.toStdString(), payops::AgentStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        QVERIFY(store.value()->configVersion(1).ok() && store.value()->configVersion(1).value());
        QVERIFY(store.value()->configVersion(2).ok() && !store.value()->configVersion(2).value());
        // No scenario: ten cycles, as before.
        const Outcome plain = runAgent({QStringLiteral("run"), QStringLiteral("--json"), QStringLiteral("--no-db")});
        QCOMPARE(plain.out.trimmed().split('\n').size(), 10);
    }

    // A scenario file of any name is read as one (mine.txt was refused as an unknown built-in scenario), and a file of
    // the wrong kind is quoted by its start, not whole (a CSV given as a config filled the terminal).
    void filesAreReadAsGivenAndQuotedShort()
    {
        QTemporaryDir dir;
        QVERIFY(!writeFile(dir, QStringLiteral("mine.txt"),
                           "name: mine\nevents:\n  - label: x\n    issuer: HDFCC\n    set: {success: 0.3}\n")
                     .isEmpty());
        // Named bare, as a user in its directory would: no slash, no .yaml, so only the file being there says so.
        const Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--no-db"), QStringLiteral("--scenario"),
                                    QStringLiteral("mine.txt")},
                                   dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("mine.txt:4:13: events[0].issuer: unknown issuer 'HDFCC'"), r.err.constData());
        QByteArray csv = "timestamp,value\n";
        for (int i = 0; i < 500; ++i)
            csv += QByteArray::number(i) + "," + QByteArray::number(i) + "\n";
        const QString config = writeFile(dir, QStringLiteral("metrics.csv"), csv);
        const Outcome check = runAgent({QStringLiteral("config"), QStringLiteral("check"), config});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains("expected a map of keys, got 'timestamp,value 0,0 1,1"), check.err.constData());
        QVERIFY2(check.err.contains("... (3795 bytes)'") && check.err.size() < 300, check.err.constData());
    }

    // A hand-written scenario's mistakes come in one report, an unknown issuer among them at its line: a user who
    // mends the file once is not sent back for a second round. Nothing is written to the database.
    void everyMistakeInAScenarioFileIsReportedAtOnce()
    {
        QTemporaryDir dir;
        const QString scenario = writeFile(dir, QStringLiteral("mine.yaml"),
                                           "name: mine\nevents:\n  - label: outage\n    at_s: -5\n"
                                           "    issuer: HDFCC\n    set: {success: 0.3}\n");
        const QString db = dir.filePath(QStringLiteral("run.db"));
        const Outcome r =
            runAgent({QStringLiteral("run"), QStringLiteral("--scenario"), scenario, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).endsWith("mine.yaml:4:11: events[0].at_s: -5 is out of range (must be in [0, 31536000])"),
                 r.err.constData());
        QVERIFY2(lines.at(1).endsWith("mine.yaml:5:13: events[0].issuer: unknown issuer 'HDFCC' (simulator.issuers "
                                      "has HDFC, ICICI, AXIS, SBI; did you mean 'HDFC'?)"),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(db));
    }

    // "quiet" named in --scenarios is the quiet run, once, as long as --quiet-cycles says.
    void evaluateNamesTheQuietRunOnce()
    {
        const Outcome r =
            runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("quiet,latency_spike"),
                      QStringLiteral("--quiet-cycles"), QStringLiteral("200"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const auto entries = nlohmann::json::parse(r.out.toStdString()).at("scenarios");
        QCOMPARE(entries.size(), std::size_t{2});
        QCOMPARE(entries.at(1).at("scenario").get<std::string>(), std::string("quiet"));
        QCOMPARE(entries.at(1).at("cycles").get<int>(), 200);
        // Which detector the figures are of: a likelihood file and a zscore one read alike.
        QCOMPARE(nlohmann::json::parse(r.out.toStdString()).at("detector_method").get<std::string>(),
                 std::string("likelihood"));
        const Outcome refused =
            runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("quiet"),
                      QStringLiteral("--quiet-cycles"), QStringLiteral("0")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("--quiet-cycles 0 skips"), refused.err.constData());
        const Outcome text =
            runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("latency_spike"),
                      QStringLiteral("--quiet-cycles"), QStringLiteral("0")});
        // A scenario named twice runs once; "all" inside a list is refused with what it means.
        const Outcome twice = runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"),
                                        QStringLiteral("latency_spike,latency_spike"), QStringLiteral("--quiet-cycles"),
                                        QStringLiteral("0"), QStringLiteral("--json")});
        QCOMPARE(twice.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(twice.out.toStdString()).at("scenarios").size(), std::size_t{1});
        // A blank entry is skipped wherever it is ("a, " read as an unknown scenario '').
        const Outcome blank =
            runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("latency_spike, "),
                      QStringLiteral("--quiet-cycles"), QStringLiteral("0"), QStringLiteral("--json")});
        QVERIFY2(blank.exitCode == 0, blank.err.constData());
        QCOMPARE(nlohmann::json::parse(blank.out.toStdString()).at("scenarios").size(), std::size_t{1});
        const Outcome allInAList =
            runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("all,quiet")});
        QCOMPARE(allInAList.exitCode, 2);
        QVERIFY2(allInAList.err.contains("'all' stands alone"), allInAList.err.constData());
        QVERIFY2(QRegularExpression(QStringLiteral("worst delay \\d+ cycles? "))
                     .match(QString::fromUtf8(text.out))
                     .hasMatch(),
                 text.out.constData());
    }

    // --seeds runs a range of seeds and sums up each scenario over them: the summary agrees with the runs it lists,
    // and each seed's run is the one --seed gives.
    void evaluateOverSeedsSumsUpEachScenario()
    {
        const QStringList common{
            QStringLiteral("evaluate"),       QStringLiteral("--scenarios"), QStringLiteral("issuer_outage,recovery"),
            QStringLiteral("--quiet-cycles"), QStringLiteral("300"),         QStringLiteral("--json")};
        const Outcome r = runAgent(common + QStringList{QStringLiteral("--seeds"), QStringLiteral("3-6")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report.at("seeds").at("from").get<int>(), 3);
        QCOMPARE(report.at("seeds").at("to").get<int>(), 6);
        const auto& runs = report.at("runs");
        QCOMPARE(runs.size(), std::size_t{4});
        const auto& summary = report.at("summary");
        QCOMPARE(summary.size(), std::size_t{3});
        const std::int64_t target = report.at("target_delay_cycles").get<std::int64_t>();
        QCOMPARE(target, std::int64_t{2});
        for (std::size_t i = 0; i < summary.size(); ++i) {
            const auto& sum = summary.at(i);
            std::vector<std::int64_t> delays;
            std::int64_t within = 0, late = 0, missed = 0, falseAnomalies = 0;
            std::vector<double> quiet;
            for (const auto& run : runs) {
                const auto& e = run.at("scenarios").at(i);
                QVERIFY(e.at("scenario") == sum.at("scenario"));
                falseAnomalies += e.at("false_anomalies").get<std::int64_t>();
                if (e.at("incidents").get<int>() == 0) {
                    quiet.push_back(10000.0 * e.at("cycles_raising_false_anomalies").get<double>() /
                                    e.at("cycles").get<double>());
                    continue;
                }
                const auto& d = e.at("detection_delay_cycles");
                if (d.is_null()) {
                    ++missed;
                    continue;
                }
                delays.push_back(d.get<std::int64_t>());
                ++(delays.back() <= target ? within : late);
            }
            QCOMPARE(sum.at("runs").get<int>(), 4);
            QCOMPARE(sum.at("false_anomalies").get<std::int64_t>(), falseAnomalies);
            if (!quiet.empty()) {
                QCOMPARE(sum.at("scenario").get<std::string>(), std::string("quiet"));
                const auto& q = sum.at("cycles_raising_false_per_10000");
                QCOMPARE(q.at("min").get<double>(), *std::min_element(quiet.begin(), quiet.end()));
                QCOMPARE(q.at("max").get<double>(), *std::max_element(quiet.begin(), quiet.end()));
                QVERIFY(std::abs(q.at("mean").get<double>() -
                                 std::accumulate(quiet.begin(), quiet.end(), 0.0) / quiet.size()) < 1e-9);
                continue;
            }
            QCOMPARE(sum.at("within_target").get<std::int64_t>(), within);
            QCOMPARE(sum.at("late").get<std::int64_t>(), late);
            QCOMPARE(sum.at("missed").get<std::int64_t>(), missed);
            QCOMPARE(within + late + missed, std::int64_t{4});
            QVERIFY(!delays.empty());
            QCOMPARE(sum.at("worst_delay_cycles").get<std::int64_t>(), *std::max_element(delays.begin(), delays.end()));
            std::sort(delays.begin(), delays.end());
            const double median = delays.size() % 2 ? delays[delays.size() / 2]
                                                    : (delays[delays.size() / 2 - 1] + delays[delays.size() / 2]) / 2.0;
            QCOMPARE(sum.at("median_delay_cycles").get<double>(), median);
        }
        const Outcome one = runAgent(common + QStringList{QStringLiteral("--seed"), QStringLiteral("5")});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(runs.at(2).at("seed").get<int>(), 5);
        QVERIFY(runs.at(2).at("scenarios") == nlohmann::json::parse(one.out.toStdString()).at("scenarios"));

        const Outcome text = runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"),
                                       QStringLiteral("latency_spike"), QStringLiteral("--quiet-cycles"),
                                       QStringLiteral("100"), QStringLiteral("--seeds"), QStringLiteral("1-2")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("latency_spike +2 runs  within 2 cycles +\\d+  late +\\d+  missed"))
                     .match(QString::fromUtf8(text.out))
                     .hasMatch(),
                 text.out.constData());
        QVERIFY2(text.out.contains("cycles raising a false anomaly per 10 000"), text.out.constData());
        for (const char* bad : {"5-3", "x", "1-2-3", "1-1001"}) {
            const Outcome refused =
                runAgent({QStringLiteral("evaluate"), QStringLiteral("--seeds"), QString::fromLatin1(bad),
                          QStringLiteral("--quiet-cycles"), QStringLiteral("0")});
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains("--seeds must be FROM-TO"), refused.err.constData());
        }
        const Outcome both = runAgent({QStringLiteral("evaluate"), QStringLiteral("--seed"), QStringLiteral("1"),
                                       QStringLiteral("--seeds"), QStringLiteral("1-2")});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("not both"), both.err.constData());
    }

    // Every scenario named is read before any runs: a wrong name at the end printed the rows before it, then failed.
    // Rows are labelled by the name asked for: a copy of a scenario file keeps the name written inside it.
    void evaluateReadsEveryScenarioFirst()
    {
        const Outcome r = runAgent({QStringLiteral("evaluate"), QStringLiteral("--scenarios"),
                                    QStringLiteral("latency_spike,retry_storm,nope"), QStringLiteral("--quiet-cycles"),
                                    QStringLiteral("0")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(r.err.contains("unknown scenario 'nope'"), r.err.constData());

        QTemporaryDir dir;
        const QString source = qEnvironmentVariable("PAYOPS_SCENARIO_DIR");
        QVERIFY(!source.isEmpty());
        for (const char* file : {"latency_spike.yaml", "quiet.yaml"})
            QVERIFY(QFile::copy(source + QLatin1Char('/') + QLatin1String(file), dir.filePath(QLatin1String(file))));
        QVERIFY(
            QFile::copy(source + QStringLiteral("/latency_spike.yaml"), dir.filePath(QStringLiteral("spike2.yaml"))));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PAYOPS_SCENARIO_DIR"), dir.path());
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("all"),
                 QStringLiteral("--quiet-cycles"), QStringLiteral("50"), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QStringList labels;
        const auto report = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        for (const auto& entry : report.at("scenarios"))
            labels << QString::fromStdString(entry.at("scenario").get<std::string>());
        QCOMPARE(labels,
                 (QStringList{QStringLiteral("latency_spike"), QStringLiteral("spike2"), QStringLiteral("quiet")}));

        // A broken scenario's mistakes are said at once, an issuer the config does not have among them (it came in a
        // second round, once the others were mended).
        QFile broken(dir.filePath(QStringLiteral("broken.yaml")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("version: 1\nname: broken\nduration_s: 600\nevents:\n  - label: x\n    at_s: 90\n"
                     "    duration_s: -5\n    issuer: NOPE\n    set: {success: 0.5}\n");
        broken.close();
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("evaluate"), QStringLiteral("--scenarios"), QStringLiteral("broken")});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("broken.yaml:7:17: events[0].duration_s: -5 is out of range") &&
                     err.contains("broken.yaml:8:13: events[0].issuer: unknown issuer 'NOPE'"),
                 err.constData());
        // run names a built-in scenario the same way, into a database as well.
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("broken"), QStringLiteral("--db"),
                 dir.filePath(QStringLiteral("run.db"))});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray runErr = p.readAllStandardError();
        QVERIFY2(runErr.contains("events[0].duration_s: -5 is out of range") &&
                     runErr.contains("events[0].issuer: unknown issuer 'NOPE'"),
                 runErr.constData());
    }

    // evaluate lists every anomaly a scenario raised with how it was counted, so a false one can be looked at:
    // the list agrees with the counts, and the text report names each false one.
    void evaluateListsEachAnomalyWithItsVerdict()
    {
        // A low code-mix bar, so that false anomalies are sure to be raised whatever the tuning of the day.
        QTemporaryDir dir;
        const QString config =
            writeFile(dir, QStringLiteral("low-bar.yaml"), "detector:\n  code_mix_z_threshold: 2.5\n");
        QVERIFY(!config.isEmpty());
        const QStringList args{QStringLiteral("evaluate"),
                               QStringLiteral("--scenarios"),
                               QStringLiteral("flapping_issuer"),
                               QStringLiteral("--quiet-cycles"),
                               QStringLiteral("0"),
                               QStringLiteral("--seed"),
                               QStringLiteral("1"),
                               QStringLiteral("--config"),
                               config};
        const Outcome json = runAgent(args + QStringList{QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const auto scenario = nlohmann::json::parse(json.out.toStdString()).at("scenarios").at(0);
        std::map<std::string, int> verdicts;
        std::set<std::int64_t> ids;
        for (const auto& a : scenario.at("anomalies")) {
            ++verdicts[a.at("verdict").get<std::string>()];
            QVERIFY(ids.insert(a.at("id").get<std::int64_t>()).second); // each once, where it was raised
            const auto cycle = a.at("cycle").get<std::int64_t>();
            QVERIFY(cycle >= 1 && cycle <= scenario.at("cycles").get<std::int64_t>()); // numbered as run numbers them
            QVERIFY(!a.at("dimension").get<std::string>().empty());
            QVERIFY(!a.at("rule").get<std::string>().empty());
            QVERIFY(!a.at("pattern").get<std::string>().empty());
        }
        QCOMPARE(verdicts["false"], scenario.at("false_anomalies").get<int>());
        QCOMPARE(verdicts["spillover"], scenario.at("spillover_anomalies").get<int>());
        QVERIFY(verdicts["explained"] > 0); // the flaps themselves
        QVERIFY(verdicts["false"] > 0);     // at that bar, so the text report below has lines to show
        const Outcome text = runAgent(args);
        QCOMPARE(text.exitCode, 0);
        int falseLines = 0;
        for (const QByteArray& line : text.out.split('\n'))
            falseLines += line.startsWith("    false: cycle ") ? 1 : 0;
        QCOMPARE(falseLines, verdicts["false"]);
    }

    // On a desktop whose locale writes a decimal comma, the agent's own texts keep the point: Qt sets the C library's
    // locale from the environment, and printf wrote "severity 0,15" and "z 4,58" into the report and into evidence
    // rules the audit log and sync keep. The locale is built here (localedef) so the test does not depend on which
    // locales the machine has.
    void numbersKeepTheirPointInAnyLocale()
    {
        QTemporaryDir dir;
        QProcess build;
        build.start(QStringLiteral("localedef"),
                    {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"), QStringLiteral("UTF-8"),
                     dir.filePath(QStringLiteral("de_DE.UTF-8"))});
        if (!build.waitForFinished(60000) || build.exitCode() != 0)
            QSKIP("localedef cannot build de_DE.UTF-8 here (the locales package is not installed)");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LOCPATH"), dir.path());
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
        QProcess probe; // the locale really writes a comma, or this test would prove nothing
        probe.setProcessEnvironment(env);
        probe.start(QStringLiteral("/usr/bin/printf"), {QStringLiteral("%.2f"), QStringLiteral("0,5")});
        QVERIFY(probe.waitForFinished(10000));
        QCOMPARE(probe.readAllStandardOutput(), QByteArray("0,50"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("issuer_outage"),
                 QStringLiteral("--cycles"), QStringLiteral("16"), QStringLiteral("--no-db")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(out.contains("severity 0.") && !out.contains("severity 0,"), out.constData());
        QVERIFY2(QRegularExpression(QStringLiteral("\\(z \\d+\\.\\d\\d")).match(QString::fromUtf8(out)).hasMatch(),
                 out.constData());
    }

    void textReportHasTheOriginalLayout()
    {
        const Outcome r = runAgent(
            {QStringLiteral("run"), QStringLiteral("--cycles"), QStringLiteral("6"), QStringLiteral("--no-db")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains(QStringLiteral("CYCLE 6 - Elapsed: 48.0s")));
        QVERIFY(out.contains(QStringLiteral("HDFC    : ")));
        QVERIFY(out.contains(QStringLiteral("| Success: ")));
        QVERIFY(out.contains(QStringLiteral("Decision: ")));
    }

    // The state is judged on the cycle's figure and the columns are the window's: an outage read "DOWN | Success:
    // 90.07%". Both figures are named, and an issuer whose traffic the agent routed away says so.
    void textReportNamesItsFiguresAndTheAgentsActions()
    {
        const Outcome r =
            runAgent({QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("issuer_outage"),
                      QStringLiteral("--cycles"), QStringLiteral("20"), QStringLiteral("--no-db")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral("\\| Success: +\\d+\\.\\d\\d% \\(window, cycle \\d+\\.\\d\\d%\\) \\|"))),
                 r.out.constData());
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("HDFC    : .*\\| suppressed by #\\d+\\n"))),
                 r.out.constData());
        // Each anomaly says what raised it, with the figures and the z of each piece of evidence.
        QVERIFY2(
            out.contains(QRegularExpression(QStringLiteral(
                "Anomaly #\\d+ ISSUER_DEGRADATION on issuer:HDFC: [^\\n]*\\n(    [^\\n]*\\n)*    issuer:HDFC: success "
                "rate [^\\n]*\\d\\.\\d+, expected \\d\\.\\d+ \\+/- \\d\\.\\d+ \\(z \\d+\\.\\d\\d, likelihood "
                "\\d\\.\\d\\d\\)"))),
            r.out.constData());
    }

    void badInputIsRefusedClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scenario")
            << QStringList{QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("nope")}
            << QStringLiteral("unknown scenario 'nope'; available: ");
        QTest::newRow("missing file") << QStringList{QStringLiteral("run"), QStringLiteral("--scenario"),
                                                     QStringLiteral("/no/such.yaml")}
                                      << QStringLiteral("/no/such.yaml: cannot read");
        QTest::newRow("bad cycles") << QStringList{QStringLiteral("run"), QStringLiteral("--cycles"),
                                                   QStringLiteral("ten")}
                                    << QStringLiteral("--cycles must be a whole number");
        QTest::newRow("no cycles") << QStringList{QStringLiteral("run"), QStringLiteral("--no-db"),
                                                  QStringLiteral("--cycles"), QStringLiteral("0")}
                                   << QStringLiteral("--cycles must be a whole number >= 1, got '0'");
        QTest::newRow("bad speed") << QStringList{QStringLiteral("run"), QStringLiteral("--speed"),
                                                  QStringLiteral("5000")}
                                   << QStringLiteral("--speed must be between 1 and 1000");
        QTest::newRow("speed not a number") << QStringList{QStringLiteral("run"), QStringLiteral("--no-db"),
                                                           QStringLiteral("--speed"), QStringLiteral("nan")}
                                            << QStringLiteral("--speed must be between 1 and 1000, got 'nan'");
        QTest::newRow("empty database name") << QStringList{QStringLiteral("run"), QStringLiteral("--db"), QString()}
                                             << QStringLiteral("--db needs a file name");
        QTest::newRow("db and no-db") << QStringList{QStringLiteral("run"), QStringLiteral("--no-db"),
                                                     QStringLiteral("--db"), QStringLiteral("x.db")}
                                      << QStringLiteral("--db and --no-db contradict each other");
        // Without a database every run is new: --new-run there did nothing, silently.
        QTest::newRow("new run without a database")
            << QStringList{QStringLiteral("run"), QStringLiteral("--no-db"), QStringLiteral("--new-run")}
            << QStringLiteral("--new-run starts a new run in a database; with --no-db every run is new");
        // The parser takes the next argument as the value, even an option: publish would have run as tenant "--help".
        QTest::newRow("option as a value")
            << QStringList{QStringLiteral("publish"), QStringLiteral("--tenant"), QStringLiteral("--help")}
            << QStringLiteral("--tenant needs a value, not the option --help (see payops-agent publish --help)");
        // A tenant is one token of the subjects: published under another name, no console following it would see it.
        QTest::newRow("tenant with a dot")
            << QStringList{QStringLiteral("publish"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                           QStringLiteral("--tenant"), QStringLiteral("acme.eu")}
            << QStringLiteral("--tenant 'acme.eu' is not one subject token: give a name without dots, spaces, * or >");
        QTest::newRow("empty tenant") << QStringList{QStringLiteral("publish"), QStringLiteral("--server"),
                                                     QStringLiteral("ws://127.0.0.1:1"), QStringLiteral("--tenant"),
                                                     QString()}
                                      << QStringLiteral("--tenant '' is not one subject token");
        QTest::newRow("tenant with a control character")
            << QStringList{QStringLiteral("publish"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                           QStringLiteral("--tenant"), QStringLiteral("ac\u0001me")}
            << QStringLiteral("--tenant 'ac\\x01me' is not one subject token"); // shown escaped
        QTest::newRow("option as a file")
            << QStringList{QStringLiteral("run"), QStringLiteral("--db"), QStringLiteral("--new-run")}
            << QStringLiteral("--db needs a value, not the option --new-run");
        QTest::newRow("option with its value as a value")
            << QStringList{QStringLiteral("publish"), QStringLiteral("--password"), QStringLiteral("--token=s3cret")}
            << QStringLiteral("--password needs a value, not the option --token (see"); // the secret is not echoed
        QTest::newRow("extra request id") << QStringList{QStringLiteral("approvals"), QStringLiteral("approve"),
                                                         QStringLiteral("1"), QStringLiteral("2")}
                                          << QStringLiteral("unexpected argument '2' (approvals approve takes one "
                                                            "request ID)");
        QTest::newRow("extra audit argument")
            << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("extra")}
            << QStringLiteral("unexpected argument 'extra' (audit verify takes no argument)");
        // The last of several was used: `--db a.db --db b.db` decided in b.db without a word.
        QTest::newRow("an option given twice")
            << QStringList{QStringLiteral("run"), QStringLiteral("--no-db"),  QStringLiteral("--cycles"),
                           QStringLiteral("1"),   QStringLiteral("--cycles"), QStringLiteral("2")}
            << QStringLiteral("--cycles is given 2 times; give it once");
        // Token first, whatever else was given: --user was dropped in silence.
        QTest::newRow("two ways to log in")
            << QStringList{QStringLiteral("sync"),    QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                           QStringLiteral("--token"), QStringLiteral("t"),        QStringLiteral("--user"),
                           QStringLiteral("bob")}
            << QStringLiteral("--token, --user and --nkey-seed are ways to log in; give one");
        QTest::newRow("a password without a user")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                           QStringLiteral("--password"), QStringLiteral("pw")}
            << QStringLiteral("--password needs --user");
        // The socket fails on it with no reason: "cannot reach ws://127.0.0.1:99999: " and nothing more.
        QTest::newRow("a port past 65535")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:99999")}
            << QStringLiteral("--server: 'ws://127.0.0.1:99999' is not a valid server URL (");
        QTest::newRow("no URL in --server")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral(",")}
            << QStringLiteral("--server names no URL");
        // Trusted nothing, in silence: the server's certificate was then called untrusted.
        QTest::newRow("a CA file that is not there")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("wss://127.0.0.1:1"),
                           QStringLiteral("--ca"), QStringLiteral("/no/such/ca.pem")}
            << QStringLiteral("--ca /no/such/ca.pem cannot be read");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")}
                                         << QStringLiteral("unknown command 'fly'");
    }

    // Output nobody received is a failure: a script reading `approvals list` must not take nothing for "none".
    void aFullOutputIsAFailure()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        const QString db = m_home.filePath(QStringLiteral("full.db"));
        for (const QStringList& args :
             {QStringList{QStringLiteral("run"), QStringLiteral("--no-db"), QStringLiteral("--cycles"),
                          QStringLiteral("50"), QStringLiteral("--json")},
              QStringList{QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                          QStringLiteral("3")},
              QStringList{QStringLiteral("approvals"), QStringLiteral("list"), QStringLiteral("--db"), db},
              QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db}}) {
            QProcess p;
            p.setStandardOutputFile(QStringLiteral("/dev/full"));
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), args);
            QVERIFY(p.waitForFinished(60000));
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitCode() == 1,
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(err)));
            QVERIFY2(err.contains("No space left on device"), err.constData());
        }
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
        const QString path =
            writeFile(dir, QStringLiteral("agent.yaml"), "detector:\n  windw_ms: 5\n  z_threshold: -1\n");
        QVERIFY(!path.isEmpty());
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

        // A mistyped action or a second file is named, not only met with the usage line.
        r = runAgent({QStringLiteral("config"), QStringLiteral("validate"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("payops-agent: unknown action 'validate' (config has only 'check')\n"),
                 r.err.constData());
        r = runAgent({QStringLiteral("config"), QStringLiteral("check"), path, path + QStringLiteral("2")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.contains(QByteArray("unexpected argument '" + path.toUtf8() + "2' (config check takes one file)")),
            r.err.constData());
        // One issuer is "1 issuer".
        const QString one = writeFile(dir, QStringLiteral("one.yaml"),
                                      "simulator:\n  issuers:\n    - {name: HDFC, success: 0.95, latency_ms: 200, "
                                      "retry_prob: 0.05, weight: 1.0}\n");
        r = runAgent({QStringLiteral("config"), QStringLiteral("check"), one});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("valid (1 issuer, "), r.out.constData());
    }

    void resumedRunContinuesExactlyWhereItStopped()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.db")), b = dir.filePath(QStringLiteral("b.db"));
        auto run = [](const QString& db, const QStringList& extra) {
            return runAgent(QStringList{QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                                        QStringLiteral("--cycles")} +
                            extra);
        };
        const QStringList scenario{QStringLiteral("--scenario"), QStringLiteral("issuer_outage"),
                                   QStringLiteral("--seed"), QStringLiteral("3")};
        const Outcome straight = run(a, QStringList{QStringLiteral("40")} + scenario);
        const Outcome first = run(b, QStringList{QStringLiteral("25")} + scenario);
        const Outcome rest = run(b, {QStringLiteral("15"), QStringLiteral("--resume")});
        QCOMPARE(straight.exitCode, 0);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(rest.exitCode == 0, rest.err.constData());
        QCOMPARE(first.out + rest.out, straight.out);
        const Outcome verify = runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), b});
        QCOMPARE(verify.exitCode, 0);
    }

    // A config given with --resume is recorded as a new version and audited under the name of whoever gave it; one
    // the run cannot take (other issuers) is refused before it is recorded, so no version number goes to it.
    void aConfigGivenOnResumeIsAuditedByItsAuthor()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("c.db"));
        const QString stricter =
            writeFile(dir, QStringLiteral("stricter.yaml"), "detector:\n  code_mix_z_threshold: 6\n");
        const QString otherIssuers = writeFile(dir, QStringLiteral("issuers.yaml"),
                                               "simulator:\n  issuers:\n"
                                               "    - {name: \"HDFC\", success: 0.95, latency_ms: 200, retry_prob: "
                                               "0.05, weight: 1}\n");
        const QString looser = writeFile(dir, QStringLiteral("looser.yaml"), "detector:\n  code_mix_z_threshold: 4\n");
        QVERIFY(!stricter.isEmpty() && !otherIssuers.isEmpty() && !looser.isEmpty());
        const auto run = [&](const QStringList& extra) {
            return runAgent(QStringList{QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                                        QStringLiteral("2")} +
                            extra);
        };
        QCOMPARE(run({}).exitCode, 0);
        Outcome r = run({QStringLiteral("--resume"), QStringLiteral("--config"), stricter});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("--resume"), QStringLiteral("--config"), otherIssuers});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.contains("the config given when resuming changes the simulator's issuers (HDFC, ICICI, AXIS, SBI -> "
                           "HDFC); that needs a new run"),
            r.err.constData());
        r = run({QStringLiteral("--resume"), QStringLiteral("--config"), looser});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(r.exitCode, 0);
        std::vector<std::pair<std::string, long long>> changes; // actor, version
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const auto e = nlohmann::json::parse(line.toStdString());
            if (e.at("kind") == "config_change")
                changes.emplace_back(e.at("actor").get<std::string>(),
                                     e.at("inputs").at("config_version").get<long long>());
        }
        QCOMPARE(changes.size(), std::size_t{2});
        for (const auto& [actor, version] : changes)
            QVERIFY2(actor.rfind("cli:", 0) == 0, actor.c_str()); // the person at the command line, not "agent"
        QCOMPARE(changes[0].second, 2LL);
        QCOMPARE(changes[1].second, 3LL); // the refused config took no number

        // The login name comes from the environment, which anyone sets: one that would forge a line of the log is
        // not taken, the account's number is.
        const QByteArray user = qgetenv("USER");
        qputenv("USER", "mallory\n#4 approved by admin");
        r = run({QStringLiteral("--resume"), QStringLiteral("--config"),
                 writeFile(dir, QStringLiteral("again.yaml"), "detector:\n  code_mix_z_threshold: 5\n")});
        qputenv("USER", user);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("jsonl")});
        std::string author;
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const auto e = nlohmann::json::parse(line.toStdString());
            if (e.at("kind") == "config_change")
                author = e.at("actor").get<std::string>();
        }
        QCOMPARE(author, "cli:uid " + std::to_string(::getuid()));
    }

    // A new currency or geography applies from the next cycle and the run resumes after it, with or without the old
    // config: the checkpoint's currencies were checked against the order the new config put them in, and every
    // resume after the change was refused ("currencies differ") until a new run.
    void aNewCurrencyOnResumeKeepsTheRunResumable()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("cur.db"));
        const QString usd =
            writeFile(dir, QStringLiteral("usd.yaml"), "simulator:\n  currency: \"USD\"\n  geography: \"SG\"\n");
        const QString inr = writeFile(dir, QStringLiteral("inr.yaml"), "simulator:\n  currency: \"INR\"\n");
        const auto run = [&](const QStringList& extra) {
            return runAgent(QStringList{QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                                        QStringLiteral("2")} +
                            extra);
        };
        QCOMPARE(run({}).exitCode, 0);
        for (const QStringList& extra : {QStringList{QStringLiteral("--resume"), QStringLiteral("--config"), usd},
                                         QStringList{QStringLiteral("--resume")},
                                         QStringList{QStringLiteral("--resume"), QStringLiteral("--config"), inr},
                                         QStringList{QStringLiteral("--resume")}}) {
            const Outcome r = run(extra);
            QVERIFY2(r.exitCode == 0,
                     qPrintable(extra.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        }
        // The simulator took the new names (the dictionary holds them after the old ones, which the window's older
        // transactions still refer to).
        auto store = payops::AgentStore::open(db.toStdString());
        QVERIFY(store.ok());
        payops::sqlite::Statement q((*store)->connection(), "SELECT state FROM checkpoint");
        QVERIFY(q.next("read the checkpoint").value());
        const auto dictionary = nlohmann::json::parse(q.text(0)).at("runtime").at("dictionary");
        QVERIFY2(dictionary.at("currencies") == nlohmann::json({"INR", "USD"}), dictionary.dump().c_str());
        QVERIFY2(dictionary.at("geographies").size() == 2 && dictionary.at("geographies").at(1) == "SG",
                 dictionary.dump().c_str());
    }

    void killDashNineLosesAtMostTheCycleInFlight()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("k.db"));
        for (int round = 0; round < 4; ++round) {
            QProcess p;
            QStringList args{QStringLiteral("run"),      QStringLiteral("--db"),   db,
                             QStringLiteral("--cycles"), QStringLiteral("100000"), QStringLiteral("--json")};
            if (round == 0)
                args << QStringLiteral("--scenario") << QStringLiteral("flapping_issuer");
            else
                args << QStringLiteral("--resume");
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), args);
            QVERIFY(p.waitForStarted());
            // Let it commit some cycles (waiting for them to be printed, not for a fixed time: a sanitizer build
            // starts in about 0.4 s here), then kill it wherever it is.
            QByteArray out;
            QDeadlineTimer deadline(30000);
            while (out.count('\n') < 3 && !deadline.hasExpired() && p.waitForReadyRead(int(deadline.remainingTime())))
                out += p.readAllStandardOutput();
            QTest::qWait(50 + 170 * round);
            p.kill();
            QVERIFY(p.waitForFinished());
            // Only complete lines count: the kill can land in the middle of printing one.
            out += p.readAllStandardOutput();
            out.truncate(out.lastIndexOf('\n') + 1);
            const QList<QByteArray> lines = out.trimmed().split('\n');
            QVERIFY2(lines.size() > 2, "the run printed cycles before it was killed");

            const Outcome verify =
                runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db});
            QVERIFY2(verify.exitCode == 0, verify.err.constData());
            // A cycle is printed after it is committed: every printed cycle survived, and at most the one being
            // printed when the kill came was committed without being seen.
            const int printed = nlohmann::json::parse(lines.last().toStdString()).at("cycle").get<int>();
            const Outcome next =
                runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                          QStringLiteral("--cycles"), QStringLiteral("1"), QStringLiteral("--json")});
            QVERIFY2(next.exitCode == 0, next.err.constData());
            const int resumedAt = nlohmann::json::parse(next.out.toStdString()).at("cycle").get<int>();
            QVERIFY2(resumedAt >= printed + 1 && resumedAt <= printed + 2,
                     qPrintable(QStringLiteral("printed %1, resumed at %2").arg(printed).arg(resumedAt)));
        }
    }

    // A decision waiting for a running agent that stops before taking it says so when the agent stops (it waited the
    // full --wait-ms and then said the agent "has not reached its next cycle yet").
    void aDecisionForAnAgentThatStopsIsToldSo()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("s.db"));
        const long long id = runToAPendingApproval(db);
        QVERIFY2(id > 0, "the fatigue scenario leaves a request waiting for a human");
        // One cycle in real time: it takes the queued commands at once, then paces out its 8 seconds and stops.
        QProcess agent;
        agent.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                     QStringLiteral("--cycles"), QStringLiteral("1"), QStringLiteral("--speed"), QStringLiteral("1"),
                     QStringLiteral("--json")});
        QVERIFY(agent.waitForReadyRead(30000)); // its one cycle is committed and printed
        const Outcome r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), QString::number(id),
                                    QStringLiteral("--db"), db, QStringLiteral("--actor"), QStringLiteral("alice"),
                                    QStringLiteral("--wait-ms"), QStringLiteral("60000")});
        QVERIFY(agent.waitForFinished(30000));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("stopped before applying it; it applies when the run resumes"), r.out.constData());
    }

    // A decision queued for a run that --new-run ends ends with it, and the log says so. It was taken into the new
    // run and refused there as "no approval request N", of a request that had just expired as superseded.
    void aQueuedDecisionEndsWithItsRun()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("n.db"));
        const long long id = runToAPendingApproval(db);
        QVERIFY(id > 0);
        Outcome r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), QString::number(id),
                              QStringLiteral("--db"), db, QStringLiteral("--actor"), QStringLiteral("alice")});
        QCOMPARE(r.exitCode, 0);
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                      QStringLiteral("--cycles"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("jsonl")});
        bool withdrawn = false, refused = false;
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const auto e = nlohmann::json::parse(line.toStdString());
            if (e.at("kind") == "command_withdrawn")
                withdrawn = e.at("actor") == "agent" && e.at("inputs").at("queued_by") == "alice" &&
                            e.at("inputs").at("reason") == "superseded by a new run" &&
                            e.at("inputs").at("target_id") == id;
            refused = refused || e.at("kind") == "command_refused";
        }
        QVERIFY2(withdrawn, r.out.constData());
        QVERIFY2(!refused, r.out.constData());
        r = runAgent(
            {QStringLiteral("approvals"), QStringLiteral("withdraw"), QString::number(id), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1); // nothing waits any more
        QCOMPARE(runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db}).exitCode, 0);
    }

    // An agent whose binary was replaced while it runs (a rebuild, a package upgrade) is still a running agent: the
    // decision waits for it and says what happened. It was taken for another program ("payops-agent (deleted)"), the
    // decision was queued "for when the run resumes", and the running agent applied it seconds later.
    void anAgentWhoseBinaryWasReplacedIsStillRunning()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("u.db"));
        const long long id = runToAPendingApproval(db);
        QVERIFY(id > 0);
        const QString copy = dir.filePath(QStringLiteral("payops-agent"));
        QVERIFY(QFile::copy(qEnvironmentVariable("PAYOPS_AGENT_BIN"), copy));
        QProcess agent;
        agent.start(copy, {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                           QStringLiteral("--cycles"), QStringLiteral("3"), QStringLiteral("--speed"),
                           QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY(agent.waitForReadyRead(30000)); // running, its first cycle committed
        QVERIFY(QFile::remove(copy));
        QVERIFY(QFile::copy(qEnvironmentVariable("PAYOPS_AGENT_BIN"), copy)); // the upgrade
        const Outcome r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), QString::number(id),
                                    QStringLiteral("--db"), db, QStringLiteral("--actor"), QStringLiteral("alice"),
                                    QStringLiteral("--wait-ms"), QStringLiteral("0")});
        agent.kill();
        (void)agent.waitForFinished(10000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("the running agent has not reached its next cycle yet"), r.out.constData());
    }

    // A decision queued while no agent runs can be taken back before a resumed run applies it (there was no way: a
    // wrong approve waited for the next run), and the log says who queued it and who withdrew it. Not while an agent
    // runs: it takes queued decisions at its next cycle.
    void aQueuedDecisionCanBeWithdrawnBeforeTheRunResumes()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("w.db"));
        const long long id = runToAPendingApproval(db);
        QVERIFY(id > 0);
        const QString idText = QString::number(id);
        Outcome r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), idText, QStringLiteral("--db"),
                              db, QStringLiteral("--actor"), QStringLiteral("alice")});
        QCOMPARE(r.exitCode, 0);
        // The hint names the database: pasted without it, it acted on the default one.
        QVERIFY2(
            r.out.contains(
                QStringLiteral("`payops-agent approvals withdraw %1 --db %2` takes it back").arg(id).arg(db).toUtf8()),
            r.out.constData());
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("withdraw"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--actor"), QStringLiteral("bob"), QStringLiteral("--reason"),
                      QStringLiteral("wrong request")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QStringLiteral("withdrew command 1 (approve of approval request %1, queued by alice): it will "
                                       "not apply\n")
                            .arg(id)
                            .toUtf8());
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("withdraw"), idText, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(
                     QStringLiteral("approval request %1 has no decision waiting to be applied").arg(id).toUtf8()),
                 r.err.constData());
        r = runAgent({QStringLiteral("interventions"), QStringLiteral("withdraw"), QStringLiteral("1"),
                      QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("intervention 1 has no decision waiting to be applied"), r.err.constData());

        // The resumed run does not apply it: the request still waits.
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                      QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains("applied at cycle"), r.err.constData());
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("list"), QStringLiteral("--db"), db,
                      QStringLiteral("--state"), QStringLiteral("pending")});
        QVERIFY2(r.out.startsWith(QStringLiteral("#%1").arg(id).toUtf8()), r.out.constData());
        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("jsonl")});
        bool recorded = false;
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const auto e = nlohmann::json::parse(line.toStdString());
            if (e.at("kind") == "command_withdrawn")
                recorded = e.at("actor") == "bob" && e.at("inputs").at("queued_by") == "alice" &&
                           e.at("inputs").at("reason") == "wrong request" && e.at("inputs").at("target_id") == id;
        }
        QVERIFY2(recorded, r.out.constData());

        // With an agent running there is nothing to withdraw: it is said, and nothing is touched.
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--actor"), QStringLiteral("alice"), QStringLiteral("--wait-ms"),
                      QStringLiteral("0")});
        QCOMPARE(r.exitCode, 0);
        QProcess agent;
        agent.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                     QStringLiteral("--cycles"), QStringLiteral("2"), QStringLiteral("--speed"), QStringLiteral("1"),
                     QStringLiteral("--json")});
        QVERIFY(agent.waitForReadyRead(30000)); // running: its first cycle is committed and printed
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("withdraw"), idText, QStringLiteral("--db"), db});
        agent.kill();
        agent.waitForFinished();
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a running agent applies queued decisions at its next cycle, so none can be "
                                "withdrawn while it runs"),
                 r.err.constData());
    }

    // A decision queued after the scenario's end still applies at the resume the approve told of: one more cycle
    // takes it (the resume ran nothing, and the decision waited for ever).
    void aDecisionQueuedAfterTheEndStillApplies()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("e.db"));
        // method_fatigue on seed 2 ends with an intervention in force.
        Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--scenario"),
                              QStringLiteral("method_fatigue"), QStringLiteral("--seed"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        r = runAgent({QStringLiteral("interventions"), QStringLiteral("list"), QStringLiteral("--db"), db,
                      QStringLiteral("--state"), QStringLiteral("active"), QStringLiteral("--json")});
        const QByteArray first = r.out.trimmed().split('\n').value(0);
        QVERIFY2(r.exitCode == 0 && !first.isEmpty(), r.out.constData());
        const long long id = nlohmann::json::parse(first.toStdString()).at("id").get<long long>();
        r = runAgent({QStringLiteral("interventions"), QStringLiteral("rollback"), QString::number(id),
                      QStringLiteral("--reason"), QStringLiteral("not needed now"), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0 && r.out.contains("queued as command"), QByteArray(r.out + r.err).constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("to its end (cycle 75); one more cycle applies the 1 decision queued for it"),
                 r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("(rollback #%1 by ").arg(id).toUtf8()) &&
                     r.err.contains(") applied at cycle 76"),
                 r.err.constData());
        // Nothing queued: nothing runs, and only that is said.
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("to its end (cycle 76); --cycles N runs it on") && !r.err.contains("continuing"),
                 r.err.constData());
    }

    // Commands the tool prints for pasting quote a path a shell would split or expand.
    void printedCommandsQuoteTheirPaths()
    {
        QCOMPARE(payops::cli::shellQuoted(QStringLiteral("/tmp/run-1/agent.db")),
                 QStringLiteral("/tmp/run-1/agent.db"));
        QCOMPARE(payops::cli::shellQuoted(QStringLiteral("/tmp/on call/it's $HOME.db")),
                 QStringLiteral("'/tmp/on call/it'\\''s $HOME.db'"));
    }

    // A new run ends what the old one had waiting and in force: each is recorded (approval_expired,
    // action_superseded) before the new run starts, and the log still verifies. Both ended without a word.
    void aNewRunRecordsWhatItEnds()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("n.db"));
        const long long pending = runToAPendingApproval(db);
        QVERIFY(pending > 0);
        // And an outage, which the agent meets with a suppression of its own: in force when the next run starts.
        const QString outage = dir.filePath(QStringLiteral("o.db"));
        const Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), outage, QStringLiteral("--scenario"),
                                    QStringLiteral("issuer_outage"), QStringLiteral("--cycles"), QStringLiteral("20")});
        QCOMPARE(r.exitCode, 0);
        checkANewRunRecordsWhatItEnds(db, {pending});
        if (QTest::currentTestFailed())
            return;
        checkANewRunRecordsWhatItEnds(outage, {});
        if (QTest::currentTestFailed())
            return;

        // A damaged checkpoint (what --new-run is the way out of): the record says what it had is not known.
        const QString damaged = dir.filePath(QStringLiteral("d.db"));
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), damaged, QStringLiteral("--scenario"),
                           QStringLiteral("issuer_outage"), QStringLiteral("--cycles"), QStringLiteral("20")})
                     .exitCode,
                 0);
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {damaged, QStringLiteral("UPDATE checkpoint SET state='{garbage';")});
        QVERIFY(sqlite.waitForFinished() && sqlite.exitCode() == 0);
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), damaged, QStringLiteral("--new-run"),
                           QStringLiteral("--cycles"), QStringLiteral("1")})
                     .exitCode,
                 0);
        const Outcome log =
            runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), damaged});
        QCOMPARE(log.exitCode, 0);
        QVERIFY2(log.out.contains("\"kind\":\"action_superseded\"") &&
                     log.out.contains("what it had in force is not known"),
                 log.out.constData());
    }

    void approvalsAndAuditFromTheCommandLine()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.db"));
        const long long id = runToAPendingApproval(db);
        QVERIFY2(id > 0, "the fatigue scenario leaves a request waiting for a human");
        const QString idText = QString::number(id);

        // No agent running: the approval is queued and applied when the run resumes.
        Outcome r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), idText, QStringLiteral("--db"),
                              db, QStringLiteral("--actor"), QStringLiteral("alice"), QStringLiteral("--reason"),
                              QStringLiteral("CHG-1234")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("applies when the run resumes"));
        // A second decision on the same request while the first waits: only the first could apply, so this one is
        // refused at once (it used to be queued, and refused by the resumed run on its standard error) and recorded.
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--actor"), QStringLiteral("bob"), QStringLiteral("--reason"),
                      QStringLiteral("--too risky, see INC-42")}); // a value may start with dashes
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("approval request %1 already has a decision waiting to be applied "
                                               "(command 1: approve by alice); only the first could apply")
                                    .arg(id)
                                    .toUtf8()),
                 r.err.constData());
        const Outcome resumed = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                                          QStringLiteral("--cycles"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(resumed.exitCode, 0);
        QCOMPARE(resumed.out.count('\n'), 1);
        QVERIFY2(resumed.err.contains(
                     QStringLiteral("(approve #%1 by alice) applied at cycle 41: approved").arg(id).toUtf8()),
                 resumed.err.constData());
        QVERIFY2(!resumed.err.contains("refused"), resumed.err.constData());
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--actor"), QStringLiteral("carol")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is already approved by alice"), r.err.constData());
        // Every decision tried is in the audit log: the approval with its reason, and both refused ones, which the
        // command line refused itself, with whose they were and why they were refused.
        const Outcome exported = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"),
                                           db, QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        int approved = 0, refusedBob = 0, refusedCarol = 0;
        long long lastTime = 0;
        for (const QByteArray& line : exported.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const auto record = nlohmann::json::parse(line.toStdString());
            // Stamped as the agent stamps its own: the run's (simulated) time, never ahead of the records after it, and
            // the run's config version (the wall clock put the CLI's refusals months after their neighbours).
            QVERIFY2(record.at("time_ms").get<long long>() >= lastTime, line.constData());
            lastTime = record.at("time_ms").get<long long>();
            if (record.at("kind") == "command_refused")
                QVERIFY2(record.at("config_version").get<long long>() >= 1, line.constData());
            const std::string kind = record.at("kind").get<std::string>();
            const std::string inputs = record.at("inputs").dump(), outcome = record.at("outcome").dump();
            approved += kind == "approval_approved" && record.at("actor") == "alice" &&
                        inputs.find("CHG-1234") != std::string::npos;
            refusedBob += kind == "command_refused" && record.at("actor") == "bob" &&
                          inputs.find("--too risky, see INC-42") != std::string::npos &&
                          outcome.find("already has a decision waiting") != std::string::npos;
            refusedCarol += kind == "command_refused" && record.at("actor") == "carol" &&
                            outcome.find("already approved by alice") != std::string::npos;
        }
        QCOMPARE(approved, 1);
        QCOMPARE(refusedBob, 1);
        QCOMPARE(refusedCarol, 1);
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), QStringLiteral("9999"),
                      QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no approval request 9999"));

        // The decision is in the audit log, by whom, and the chain still verifies.
        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(r.exitCode, 0);
        bool found = false;
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const auto rec = nlohmann::json::parse(line.toStdString());
            found = found || (rec.at("kind") == "approval_approved" && rec.at("actor") == "alice");
        }
        QVERIFY(found);
        const QString csv = dir.filePath(QStringLiteral("audit.csv"));
        QCOMPARE(runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                           QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), csv})
                     .exitCode,
                 0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readLine().startsWith("seq,"));
        // Through a symbolic link the file it points at is written, and the link stays a link.
        const QString link = dir.filePath(QStringLiteral("latest.csv"));
        QVERIFY(QFile::link(csv, link));
        QVERIFY(QFile::remove(csv) && writeFile(dir, QStringLiteral("audit.csv"), "old\n") == csv);
        QCOMPARE(runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                           QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), link})
                     .exitCode,
                 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QFile target(csv);
        QVERIFY(target.open(QIODevice::ReadOnly) && target.readLine().startsWith("seq,"));
        // A link to a file not there yet stays a link too; a file replaced keeps its permissions (an audit export
        // kept private stays private).
        const QString dangling = dir.filePath(QStringLiteral("next.csv"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("not-yet.csv")), dangling));
        QVERIFY(QFile::setPermissions(csv, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        for (const QString& out : {dangling, csv})
            QCOMPARE(runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                               QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), out})
                         .exitCode,
                     0);
        QVERIFY(QFileInfo(dangling).isSymLink() && QFileInfo::exists(dir.filePath(QStringLiteral("not-yet.csv"))));
        QCOMPARE(QFile::permissions(csv),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        // The shell's own redirection is written through, not renamed over: `--output /dev/stdout >> log` appends.
        const QString log = writeFile(dir, QStringLiteral("log.txt"), "kept\n");
        QProcess appended;
        appended.setStandardOutputFile(log, QIODevice::Append);
        appended.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                       {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                        QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--output"),
                        QStringLiteral("/dev/stdout")});
        QVERIFY(appended.waitForFinished(60000) && appended.exitCode() == 0);
        QFile logFile(log);
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        QCOMPARE(logFile.readLine(), QByteArray("kept\n"));
        QVERIFY(logFile.readLine().startsWith("{\"actor\""));
        // A decision must name who took it.
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--reason"), QStringLiteral("x"), QStringLiteral("--actor"), QStringLiteral(" ")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--actor must name who decides"), r.err.constData());
        // Nor may it pass for the agent's own records, or forge a second line in the lists.
        for (const QString& forged :
             {QStringLiteral("agent"), QStringLiteral("Expiry"), QStringLiteral("learning (automatic rollback)"),
              QStringLiteral("bob\n#9 fake"), QStringLiteral("agent\u200B")}) {
            r = runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), idText, QStringLiteral("--db"), db,
                          QStringLiteral("--reason"), QStringLiteral("x"), QStringLiteral("--actor"), forged});
            QCOMPARE(r.exitCode, 2);
            const bool hidden = forged.contains(QLatin1Char('\n')) || forged.contains(QChar(0x200B));
            QVERIFY2(r.err.contains(hidden ? "control character" : "records for itself"), r.err.constData());
            r = runAgent({QStringLiteral("interventions"), QStringLiteral("rollback"), QStringLiteral("1"),
                          QStringLiteral("--db"), db, QStringLiteral("--reason"), QStringLiteral("x"),
                          QStringLiteral("--actor"), forged});
            QCOMPARE(r.exitCode, 2);
        }
        // Nor pass for a decision taken in a console, which the log records as operator:NAME or remote:NAME.
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--reason"), QStringLiteral("x"), QStringLiteral("--actor"),
                      QStringLiteral("remote:alice")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--actor 'remote:alice' reads as a decision recorded elsewhere"), r.err.constData());
        // Nor fill the log: a name is a line in every list.
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--reason"), QStringLiteral("x"), QStringLiteral("--actor"),
                      QString(201, QLatin1Char('b'))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--actor is 201 characters long; a name may have at most 200"), r.err.constData());

        // A refusal is recorded also when the checkpoint it takes the run's time and config version from is damaged
        // (it threw, uncaught).
        QProcess damage;
        damage.start(QStringLiteral("sqlite3"),
                     {db, QStringLiteral("UPDATE checkpoint SET state=substr(state, 1, 100);")});
        QVERIFY(damage.waitForFinished() && damage.exitCode() == 0);
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("approve"), idText, QStringLiteral("--db"), db,
                      QStringLiteral("--actor"), QStringLiteral("erin")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is already approved by alice") && !r.err.contains("terminate"), r.err.constData());

        // Tampering is detected and named.
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {db, QStringLiteral("UPDATE audit SET outcome='{}' WHERE seq=5;")});
        QVERIFY(sqlite.waitForFinished() && sqlite.exitCode() == 0);
        r = runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("record 5"), r.err.constData());
        // Its export is written as it is, but does not pass for a sound copy: a warning, and exit code 3.
        const QString copy = dir.filePath(QStringLiteral("tampered.csv"));
        r = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                      QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), copy});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("warning: the audit log of") && r.err.contains("does not verify") &&
                     r.err.contains("record 5"),
                 r.err.constData());
        QVERIFY(QFileInfo(copy).size() > 0);
    }

    void secondRunnerAndBadDatabasesAreRefused()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("busy.db"));
        QProcess first;
        first.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                     QStringLiteral("1000"), QStringLiteral("--speed"), QStringLiteral("1")});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY(QFile::exists(db));
        Outcome r = runAgent(
            {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 1); // a failure worth retrying, not bad input (as a database SQLite finds locked)
        QVERIFY2(r.err.contains("is in use by payops-agent (pid "), r.err.constData());
        first.kill();
        first.waitForFinished();

        const QString garbage = dir.filePath(QStringLiteral("garbage.db"));
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(4096, 'x'));
        g.close();
        r = runAgent(
            {QStringLiteral("run"), QStringLiteral("--db"), garbage, QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not a PayOps database"), r.err.constData());
        QCOMPARE(QFileInfo(garbage).size(), qint64(4096)); // nothing written over it
        // An empty file is a database nothing has run on yet, not one of "schema 0" to upgrade.
        const QString empty = dir.filePath(QStringLiteral("empty.db"));
        QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
        r = runAgent({QStringLiteral("approvals"), QStringLiteral("list"), QStringLiteral("--db"), empty});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("empty.db holds no agent data yet (an empty database): run the agent on it first"),
                 r.err.constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), QStringLiteral("/no/such/dir/a.db"),
                      QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("/no/such/dir/a.db"), r.err.constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), dir.filePath(QStringLiteral("new.db")),
                      QStringLiteral("--resume"), QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("new.db: nothing to resume (start a new run without --resume)"), r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new.db"))));
    }

    void aNewRunNeverOverwritesTheOldOne()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("n.db"));
        const QStringList fatigue{
            QStringLiteral("run"),        QStringLiteral("--db"),           db,
            QStringLiteral("--scenario"), QStringLiteral("method_fatigue"), QStringLiteral("--cycles"),
            QStringLiteral("40"),         QStringLiteral("--seed"),         QStringLiteral("2")};
        QCOMPARE(runAgent(fatigue).exitCode, 0);
        Outcome r = runAgent(fatigue); // forgot --resume: refused, nothing touched
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--resume continues it, --new-run starts over"), r.err.constData());
        auto approvals = [&](QStringList filter = {}) {
            return runAgent(QStringList{QStringLiteral("approvals"), QStringLiteral("list"), QStringLiteral("--db"), db,
                                        QStringLiteral("--json")} +
                            filter)
                .out.trimmed()
                .split('\n');
        };
        const QList<QByteArray> before = approvals();
        // The first request still waiting for a decision (earlier ones may have expired with their anomaly).
        const QList<QByteArray> pending = approvals({QStringLiteral("--state"), QStringLiteral("pending")});
        QVERIFY2(!pending.isEmpty() && !pending[0].isEmpty(), "the run asked for no approval that is still pending");
        const auto firstId = nlohmann::json::parse(pending[0].toStdString()).at("id").get<long long>();
        QCOMPARE(runAgent({QStringLiteral("approvals"), QStringLiteral("reject"), QString::number(firstId),
                           QStringLiteral("--db"), db, QStringLiteral("--reason"), QStringLiteral("not this one")})
                     .exitCode,
                 0);
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                           QStringLiteral("--cycles"), QStringLiteral("1")})
                     .exitCode,
                 0);
        // A new run whose scenario names an issuer the config lacks is refused before the saved run is reset.
        const QString typo = writeFile(dir, QStringLiteral("typo.yaml"),
                                       "name: typo\nevents:\n  - label: outage\n    issuer: hdfc\n"
                                       "    set: {success: 0.3}\n");
        QVERIFY(!typo.isEmpty());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                      QStringLiteral("--scenario"), typo});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("typo.yaml:4:13: ") && r.err.contains("did you mean 'HDFC'?"), r.err.constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                      QStringLiteral("--cycles"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString()).at("cycle").get<int>(), 42);

        // So is one with more distinct response codes than a run can tell apart.
        QByteArray codes = "name: codes\nevents:\n";
        for (int i = 0; i < 40; ++i)
            codes += "  - {label: c" + QByteArray::number(i) + ", at_s: " + QByteArray::number(i) +
                     ", duration_s: 1, set: {success: 0.5}, error_code: \"E" + QByteArray::number(i) + "\"}\n";
        const QString manyCodes = writeFile(dir, QStringLiteral("codes.yaml"), codes);
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                      QStringLiteral("--scenario"), manyCodes});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("too many distinct response codes"), r.err.constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                      QStringLiteral("--cycles"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString()).at("cycle").get<int>(), 43);

        QCOMPARE(runAgent(fatigue + QStringList{QStringLiteral("--new-run")}).exitCode, 0);
        // The old run's rejected request keeps its decision; the new run's requests have new ids.
        bool keptRejection = false;
        std::set<long long> ids;
        for (const QByteArray& line : approvals()) {
            const auto row = nlohmann::json::parse(line.toStdString());
            QVERIFY2(ids.insert(row.at("id").get<long long>()).second, "approval ids are unique across runs");
            if (row.at("id").get<long long>() == firstId)
                keptRejection = row.at("state") == "rejected" && row.at("reason") == "not this one";
        }
        QVERIFY(keptRejection);
        QVERIFY(ids.size() > std::size_t(before.size()));
    }

    void rollbackOfAnUnknownInterventionIsRefusedAtOnce()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("r.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        const Outcome r = runAgent({QStringLiteral("interventions"), QStringLiteral("rollback"), QStringLiteral("9999"),
                                    QStringLiteral("--db"), db, QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no intervention 9999"), r.err.constData());
    }

    // What is in force, for a script (--json) and by state; a rollback queued here is applied by the next run and
    // listed as rolled back, by whom and why.
    void interventionsAreListedByStateAndAsJson()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("i.db"));
        const Outcome run =
            runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--scenario"),
                      QStringLiteral("issuer_outage"), QStringLiteral("--cycles"), QStringLiteral("25")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto list = [&](const QStringList& extra) {
            const Outcome r = runAgent(
                QStringList{QStringLiteral("interventions"), QStringLiteral("list"), QStringLiteral("--db"), db} +
                extra);
            std::vector<nlohmann::json> rows;
            for (const QByteArray& line : r.out.split('\n'))
                if (!line.isEmpty() && extra.contains(QStringLiteral("--json")))
                    rows.push_back(nlohmann::json::parse(line.toStdString()));
            return std::pair{r, rows};
        };
        const auto [all, rows] = list({QStringLiteral("--json")});
        QCOMPARE(all.exitCode, 0);
        QVERIFY2(!rows.empty(), all.out.constData());
        long long activeId = 0;
        for (const auto& row : rows) {
            QVERIFY(row.at("applied_ms").get<long long>() > 0);
            QVERIFY(row.at("expires_ms").get<long long>() >= row.at("applied_ms").get<long long>());
            if (row.at("state") == "active" && row.at("target") == "issuer:HDFC")
                activeId = row.at("id").get<long long>();
            QCOMPARE(row.contains("ended_by"), row.at("state") != "active");
        }
        QVERIFY2(activeId > 0, all.out.constData()); // the outage's HDFC is acted on and still in force

        QCOMPARE(runAgent({QStringLiteral("interventions"), QStringLiteral("rollback"), QString::number(activeId),
                           QStringLiteral("--db"), db, QStringLiteral("--reason"),
                           QStringLiteral("HDFC says it is back"), QStringLiteral("--actor"), QStringLiteral("carol"),
                           QStringLiteral("--wait-ms"), QStringLiteral("0")})
                     .exitCode,
                 0);
        const QStringList again{QStringLiteral("interventions"),
                                QStringLiteral("rollback"),
                                QString::number(activeId),
                                QStringLiteral("--db"),
                                db,
                                QStringLiteral("--reason"),
                                QStringLiteral("me too"),
                                QStringLiteral("--actor"),
                                QStringLiteral("dave")};
        Outcome refused = runAgent(again); // carol's waits to be applied
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("already has a decision waiting to be applied (command 1: rollback by "
                                      "carol"),
                 refused.err.constData());
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                           QStringLiteral("--cycles"), QStringLiteral("1")})
                     .exitCode,
                 0);
        refused = runAgent(again);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(
                     QStringLiteral("intervention %1 is not in force (it is rolled_back)").arg(activeId).toUtf8()),
                 refused.err.constData());
        const Outcome audit = runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                                        QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(audit.out.count("\"kind\":\"command_refused\""), 2); // both of dave's tries are on record
        const auto [rolled, rolledRows] =
            list({QStringLiteral("--json"), QStringLiteral("--state"), QStringLiteral("rolled_back")});
        QCOMPARE(rolledRows.size(), std::size_t(1));
        QCOMPARE(rolledRows[0].at("id").get<long long>(), activeId);
        QCOMPARE(rolledRows[0].at("ended_by").get<std::string>(), std::string("carol"));
        QCOMPARE(rolledRows[0].at("end_reason").get<std::string>(), std::string("HDFC says it is back"));
        for (const auto& row :
             list({QStringLiteral("--json"), QStringLiteral("--state"), QStringLiteral("active")}).second)
            QVERIFY(row.at("id").get<long long>() != activeId);

        const Outcome text = list({QStringLiteral("--state"), QStringLiteral("rolled_back")}).first;
        QVERIFY2(text.out.startsWith(QByteArray("#").append(QByteArray::number(activeId))) &&
                     text.out.contains("rolled_back"),
                 text.out.constData());
        for (const auto& row :
             list({QStringLiteral("--json"), QStringLiteral("--state"), QStringLiteral("completed")}).second)
            QCOMPARE(row.at("state").get<std::string>(), std::string("completed")); // the alerts, and only they
        const Outcome none = list({QStringLiteral("--state"), QStringLiteral("expired")}).first;
        QVERIFY2(none.exitCode == 0 && none.out.startsWith("no expired interventions in the agent run in "),
                 none.out.constData()); // 26 cycles: the suppression is rolled back before it could expire
        const Outcome bad = list({QStringLiteral("--state"), QStringLiteral("in_force")}).first;
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--state must be active, expired, rolled_back or completed, got 'in_force'"),
                 bad.err.constData());
    }

    void aDamagedCheckpointIsReportedNotACrash()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("d.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {db, QStringLiteral("UPDATE checkpoint SET state='{}';")});
        QVERIFY(sqlite.waitForFinished() && sqlite.exitCode() == 0);
        const Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                                    QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the agent checkpoint of cycle 3 is damaged (key 'session' not found); a new run "
                                "(--new-run, or Reset demo in the console) starts over and keeps the audit log"),
                 r.err.constData());
        QVERIFY2(!r.err.contains("json.exception"), r.err.constData()); // the library's tag means nothing to a user
        // The way out it names works, and the audit log is whole.
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                           QStringLiteral("--cycles"), QStringLiteral("1")})
                     .exitCode,
                 0);
        const Outcome verify =
            runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
    }

    // A command that acts on a run names a database that must exist: a mistyped --db is said so, and no empty
    // database appears under the typo.
    void aMistypedDatabaseIsNotCreated()
    {
        QTemporaryDir dir;
        const QString typo = dir.filePath(QStringLiteral("agnet.db"));
        for (const QStringList& args :
             {QStringList{QStringLiteral("approvals"), QStringLiteral("approve"), QStringLiteral("1"),
                          QStringLiteral("--actor"), QStringLiteral("bob")},
              QStringList{QStringLiteral("interventions"), QStringLiteral("rollback"), QStringLiteral("1"),
                          QStringLiteral("--reason"), QStringLiteral("test")},
              QStringList{QStringLiteral("run"), QStringLiteral("--resume"), QStringLiteral("--cycles"),
                          QStringLiteral("1")}}) {
            const Outcome r = runAgent(args + QStringList{QStringLiteral("--db"), typo});
            QVERIFY2(r.exitCode != 0 && r.err.contains(QByteArray(QByteArray("no database at ") + typo.toUtf8())),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(QDir(dir.path()).isEmpty(), qPrintable(args.join(QLatin1Char(' '))));
        }
    }

    // A copy of a database in a directory this user may not write (an archive, a copy handed to an auditor) can be
    // verified and exported: WAL readers need a file beside it that cannot be made there ("attempt to write a
    // readonly database").
    void aReadOnlyCopyCanBeAudited()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("a.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        const QString archive = dir.filePath(QStringLiteral("archive")), copy = archive + QStringLiteral("/a.db");
        QVERIFY(QDir().mkdir(archive) && QFile::copy(db, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(
            QFile::setPermissions(archive, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
        QVERIFY(QFile::setPermissions(dir.path(), QFile::permissions(dir.path()) | QFile::ExeOther));
        const QStringList verify{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), copy};
        QProcess p;
        if (::geteuid() == 0) { // root writes anywhere: as nobody
            if (!startAgentAsNobody(p, verify))
                QSKIP("running as root without setpriv");
        } else {
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), verify);
        }
        QVERIFY(p.waitForFinished(30000));
        QFile::setPermissions(archive, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY2(p.exitCode() == 0 && p.readAllStandardOutput().contains("is intact"),
                 p.readAllStandardError().constData());
        QCOMPARE(QDir(archive).entryList(QDir::Files), QStringList{QStringLiteral("a.db")}); // nothing left beside it
    }

    // A writable database in a directory the user may not write: SQLite says "attempt to write a readonly database",
    // which sent its user to the file's permissions; the directory is what stops it (the lock file and WAL's files are
    // written beside the database).
    void aReadOnlyDirectoryIsNamedAsTheProblem()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("a.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        const QString shelf = dir.filePath(QStringLiteral("shelf")), copy = shelf + QStringLiteral("/a.db");
        QVERIFY(QDir().mkdir(shelf) && QFile::copy(db, copy));
        QVERIFY(
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::WriteOther));
        QVERIFY(QFile::setPermissions(shelf, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                                 QFile::ExeOther));
        QVERIFY(QFile::setPermissions(dir.path(), QFile::permissions(dir.path()) | QFile::ExeOther));
        const QStringList resume{QStringLiteral("run"),      QStringLiteral("--db"),     copy,
                                 QStringLiteral("--resume"), QStringLiteral("--cycles"), QStringLiteral("1")};
        QProcess p;
        if (::geteuid() == 0) { // root writes anywhere: as nobody
            if (!startAgentAsNobody(p, resume))
                QSKIP("running as root without setpriv");
        } else {
            // The owner's own directory, made unwritable to the owner too.
            QVERIFY(
                QFile::setPermissions(shelf, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), resume);
        }
        QVERIFY(p.waitForFinished(30000));
        QFile::setPermissions(shelf, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() != 0, err.constData());
        QVERIFY2(err.contains(QByteArray("directory " + shelf.toUtf8() + " is not writable")), err.constData());
    }

    // Damage on disk is not tampering, and a chain that verifies in a damaged file is no proof the file is sound: a
    // page of junk in the middle of the file was reported as "intact".
    void aDamagedDatabaseIsNotCalledIntactOrTampered()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("a.db"));
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                           QStringLiteral("40")})
                     .exitCode,
                 0);
        const QStringList verify{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db};
        QVERIFY(runAgent(verify).out.contains("is intact"));
        QVERIFY(overwriteAMiddlePage(db));
        const Outcome r = runAgent(verify);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot be verified: the database file is damaged ("), r.err.constData());
        QVERIFY2(!r.err.contains("tampered") && !r.out.contains("intact"), r.err.constData());
        // Exported all the same (what can be read of it is evidence), but not as a sound record: it exited 0.
        const Outcome exported =
            runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db});
        QCOMPARE(exported.exitCode, 3);
        QVERIFY2(exported.err.contains("is damaged ("), exported.err.constData());
    }

    // A config version edited in the database would run as the one the audit log names: verify compares each text
    // with its hash, and the hash with the one the log recorded (an edit that replaced both went unnoticed).
    void auditVerifyFindsAConfigVersionEditedAfterItWasRecorded()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("v.db"));
        const QString usd = writeFile(dir, QStringLiteral("usd.yaml"), "simulator:\n  currency: \"USD\"\n");
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--cycles"),
                           QStringLiteral("1"), QStringLiteral("--resume"), QStringLiteral("--config"), usd})
                     .exitCode,
                 0);
        const QStringList verify{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db};
        Outcome r = runAgent(verify);
        QVERIFY2(r.exitCode == 0 && r.out.contains("2 config versions match their SHA-256"), r.out.constData());

        const auto edit = [&](const QString& sql) {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"), {db, sql});
            return sqlite.waitForFinished(10000) && sqlite.exitCode() == 0;
        };
        // The text alone: it no longer matches its own hash, and a resume says so rather than "missing".
        QVERIFY(
            edit(QStringLiteral("UPDATE config_versions SET yaml = replace(yaml, 'USD', 'EUR') WHERE version = 2")));
        r = runAgent(verify);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("config version 2: its text no longer matches its SHA-256"), r.err.constData());
        r = runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--resume"),
                      QStringLiteral("--cycles"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("config version 2 in ") && r.err.contains("was changed after it was recorded"),
                 r.err.constData());
        // The text and its hash: the audit record's hash, under the chain, no longer names it.
        const QByteArray text = "simulator:\n  currency: \"EUR\"\n";
        QVERIFY(
            edit(QStringLiteral("UPDATE config_versions SET yaml = '%1', sha256 = '%2' WHERE version = 2")
                     .arg(QString::fromUtf8(text),
                          QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()))));
        r = runAgent(verify);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("config version 2 is not the text audit record ") &&
                     r.err.contains("(config_change) recorded (its text and SHA-256 were replaced)"),
                 r.err.constData());
        QVERIFY2(!r.err.contains("no longer matches"), r.err.constData());
    }

    // An export over the database itself (or a file SQLite keeps beside it) would replace the whole database with a
    // copy of its log: refused, and the database keeps everything.
    // The export was written to OUT.partial first: a user's file of that name was overwritten, and when the rename
    // failed a copy of the whole log stayed behind it; `--output "$UNSET"` left ./.partial.
    void anAuditExportTouchesNothingBesideItsOutput()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("a.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        const QString report = dir.filePath(QStringLiteral("report.jsonl"));
        QFile notes(report + QStringLiteral(".partial"));
        QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("my notes\n") == 9);
        notes.close();
        const auto listed = [&] { // beside the database's own files (SQLite's -wal and -shm come and go)
            QStringList names =
                QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
            names.removeIf([](const QString& n) { return n.startsWith(QLatin1String("a.db")); });
            return names;
        };
        const auto sorted = [](QStringList l) {
            l.sort();
            return l;
        };
        const QStringList before = listed();
        const QStringList exportTo{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                                   QStringLiteral("--output")};
        Outcome r = runAgent(exportTo + QStringList{report});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(report));
        QVERIFY(notes.open(QIODevice::ReadOnly));
        QCOMPARE(notes.readAll(), QByteArray("my notes\n"));
        notes.close();
        QCOMPARE(listed(), sorted(before + QStringList{QStringLiteral("report.jsonl")}));

        // A directory in the way: said with its reason, and nothing written beside it.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
        r = runAgent(exportTo + QStringList{dir.filePath(QStringLiteral("taken"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Is a directory"), r.err.constData());
        QCOMPARE(listed(), sorted(before + QStringList{QStringLiteral("report.jsonl"), QStringLiteral("taken")}));

        // Through a chain of links to a file not there yet: written where the last link points, the links kept (the
        // middle link was replaced by the export).
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("real/log.jsonl")), dir.filePath(QStringLiteral("link2"))));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("link2")), dir.filePath(QStringLiteral("link1"))));
        r = runAgent(exportTo + QStringList{dir.filePath(QStringLiteral("link1"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("link2"))).isSymLink());
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("link1"))).isSymLink());
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("real/log.jsonl"))).isFile());

        r = runAgent(exportTo + QStringList{QString()}, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--output is empty; give a file name, or - for standard output"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral(".partial"))));
    }

    // What the command line says beats the environment: a token left in the shell logged in as nobody --user named.
    void anExplicitLoginBeatsTheEnvironment()
    {
        qputenv("PAYOPS_NATS_TOKEN", "stale");
        const auto restore = qScopeGuard([] { qunsetenv("PAYOPS_NATS_TOKEN"); });
        Outcome r = runAgent({QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                              QStringLiteral("--user"), QStringLiteral("alice"), QStringLiteral("--password"),
                              QStringLiteral("pw"), QStringLiteral("--duration-ms"), QStringLiteral("300"),
                              QStringLiteral("--db"), m_home.filePath(QStringLiteral("login.db"))});
        QVERIFY2(r.err.contains("(user alice)") && !r.err.contains("(token)"), r.err.constData());
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                      QStringLiteral("--duration-ms"), QStringLiteral("300"), QStringLiteral("--db"),
                      m_home.filePath(QStringLiteral("login.db"))});
        QVERIFY2(r.err.contains("(token)"), r.err.constData()); // with nothing given, the environment's
    }

    void anAuditExportNeverReplacesItsDatabase()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("a.db"));
        QCOMPARE(runAgent(threeCycles(db)).exitCode, 0);
        QVERIFY(QFile::link(db, dir.filePath(QStringLiteral("alias.db"))));
        for (const QString& output : {db, dir.filePath(QStringLiteral("alias.db"))}) {
            const Outcome r =
                runAgent({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db,
                          QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--output"), output});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("is the database"), r.err.constData());
        }
        const Outcome verify =
            runAgent({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db});
        QVERIFY2(verify.exitCode == 0 && verify.out.contains("is intact"), verify.err.constData());
    }

    // Anomaly and approval ids restart with each run, so a publisher must publish a new run under a new id: under the
    // old one its events' ids repeat the last run's, and the outbox drops them as duplicates.
    void aNewRunIsPublishedUnderItsOwnId()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("p.db"));
        const auto publish = [&] {
            const Outcome r = runAgent({QStringLiteral("publish"), QStringLiteral("--db"), db,
                                        QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:9"),
                                        QStringLiteral("--cycles"), QStringLiteral("2"), QStringLiteral("--cycle-ms"),
                                        QStringLiteral("10"), QStringLiteral("--linger-ms"), QStringLiteral("0")});
            const auto summary = nlohmann::json::parse(r.out.constData(), nullptr, false);
            return r.exitCode == 0 && summary.is_object() ? summary.value("run", std::string()) : std::string();
        };
        const std::string first = publish();
        QVERIFY(!first.empty());
        QCOMPARE(publish(), first); // the same run, resumed
        QCOMPARE(runAgent({QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                           QStringLiteral("--cycles"), QStringLiteral("1")})
                     .exitCode,
                 0);
        const std::string second = publish();
        QVERIFY(!second.empty());
        QVERIFY2(second != first, second.c_str());
    }

    // What the console's status bar counts as "set aside" can be read without a server: newest first, a body's line
    // break escaped (it would forge a line of the listing), bytes that are not UTF-8 shown as U+FFFD in both forms.
    void setAsideMessagesAreListed()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("q.db"));
        {
            auto store = payops::AgentStore::open(db.toStdString());
            QVERIFY(store.ok());
            payops::sqlite::Statement insert(
                store.value()->connection(),
                "INSERT INTO sync_quarantine (stream, stream_seq, subject, headers, body, reason, "
                "received_at) VALUES ('EVENTS', ?, 'evt.acme.anomaly', NULL, ?, ?, ?)");
            const std::vector<std::tuple<std::int64_t, std::string, std::string>> rows{
                {42, "{\"x\":1}\nforged line", "payload has no \"schema\" version field"},
                {43,
                 std::string("\xc3\xff"
                             "A \u202e"
                             "evil"),
                 "not JSON"},
                {44, "[]", "not a JSON object"}};
            std::int64_t at = 1'765'065'600'000;
            for (const auto& [seq, body, reason] : rows) {
                insert.reset();
                insert.bind(1, seq).bindBlob(2, body).bind(3, reason).bind(4, at);
                at += 1000;
                QVERIFY(insert.run("insert").ok());
            }
        }
        Outcome r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--db"), db,
                              QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith(QStringLiteral("#3  2025-12-07 00:00:02 UTC  EVENTS seq 44  evt.acme.anomaly\n")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("body: \\xc3\\xffA \\u202eevil")),
                 qPrintable(out)); // the bytes, no reordering
        QVERIFY2(!out.contains(QStringLiteral("seq 42")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("2 of 3 set-aside messages shown, newest first (--limit).")),
                 qPrintable(out));
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--db"), db});
        QVERIFY2(r.out.contains("body: {\"x\":1}\\x0aforged line\n"), r.out.constData());
        QCOMPARE(r.out.count('\n'), 9); // three messages of three lines, no footer

        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--json"),
                      QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const auto newest = nlohmann::json::parse(lines.at(0).toStdString());
        QVERIFY(newest.at("stream_seq") == 44 && newest.at("reason") == "not a JSON object");
        const auto oldest = nlohmann::json::parse(lines.at(2).toStdString());
        QVERIFY(oldest.at("body") == "{\"x\":1}\nforged line"); // JSON keeps the line break, escaped by the format
        QVERIFY(oldest.at("received_at_ms") == 1'765'065'600'000);

        // Usage: the listing's options without it, and a limit below 1.
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--json"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--json and --limit go with --set-aside"), r.err.constData());
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--limit"),
                      QStringLiteral("0"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--server"),
                      QStringLiteral("ws://127.0.0.1:9"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--set-aside reads the database only: leave out --server"), r.err.constData());
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--db"),
                      dir.filePath(QStringLiteral("none.db"))});
        QCOMPARE(r.exitCode, 2); // as the other listings say it
        // Following: a list that names no stream followed nothing and reported itself caught up.
        for (const QString& streams : {QString(), QStringLiteral("EV ENTS"), QStringLiteral("EVENTS,a.b")}) {
            r = runAgent({QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:9"),
                          QStringLiteral("--streams"), streams, QStringLiteral("--db"), db});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--streams"), r.err.constData());
        }
        // An empty database says so.
        const QString empty = dir.filePath(QStringLiteral("empty.db"));
        QVERIFY(payops::AgentStore::open(empty.toStdString()).ok());
        r = runAgent({QStringLiteral("sync"), QStringLiteral("--set-aside"), QStringLiteral("--db"), empty});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("No messages are set aside in "), r.out.constData());
    }

    void everySubcommandHasHelp()
    {
        for (const char* cmd : {"run", "approvals", "interventions", "audit", "config", "detect", "bench", "evaluate",
                                "publish", "sync"}) {
            Outcome r = runAgent({QString::fromLatin1(cmd), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("--help"), cmd);
            // Headed by the command as a user types it, not by the path the program was started from.
            QVERIFY2(r.out.startsWith(QByteArray("Usage: payops-agent " + QByteArray(cmd) + " [options]")),
                     r.out.constData());
            // A usage error exits 2 and points at the help, whatever the command.
            r = runAgent({QString::fromLatin1(cmd), QStringLiteral("--no-such-option")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("Unknown option 'no-such-option'") &&
                         r.err.contains(QByteArray("(see payops-agent " + QByteArray(cmd) + " --help)")),
                     r.err.constData());
        }
        // Commands that take no arguments say so rather than ignore one.
        const Outcome r = runAgent({QStringLiteral("run"), QStringLiteral("--no-db"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unexpected argument '5'"), r.err.constData());
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
