// The agent config and scenario loaders: defaults, the reference documents in resources/, round trips, and the
// exact "source:line:column: message" of every kind of mistake a hand-edited YAML file can contain.

#include "config/active_config.h"
#include "config/agent_config_schema.h"
#include "config/config_compare.h"
#include "config/config_loader.h"
#include "config/key_suggestion.h"
#include "stream/scenario_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace payops;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QStringList errorLines(const std::string& error)
{
    return q(error).split(QLatin1Char('\n'));
}

// CTest sets PAYOPS_SOURCE_DIR; run by hand from a build tree, the source tree is one of the binary's ancestors.
QString sourceDir()
{
    const QString fromEnv = qEnvironmentVariable("PAYOPS_SOURCE_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QDir dir(QCoreApplication::applicationDirPath());
    do {
        if (dir.exists(QStringLiteral("resources/config/agent.yaml")))
            return dir.absolutePath();
    } while (dir.cdUp());
    return {};
}

std::string readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

// Every key of every table, for checking that a reference document leaves none out.
std::vector<std::string_view> allConfigKeys()
{
    std::vector<std::string_view> keys;
    auto add = [&](const auto& table) {
        for (const auto& f : table)
            keys.push_back(f.key);
    };
    add(simulatorFields());
    add(driftFields());
    add(issuerFields());
    add(methodFields());
    add(detectorFields());
    add(hypothesisFields());
    add(interventionFields());
    add(nrvFields());
    add(policyFields());
    add(safetyFields());
    add(learningFields());
    add(storeFields());
    return keys;
}

// Fails the test (from the calling test function) with the first difference.
#define COMPARE_CONFIGS(actual, expected)                                                                              \
    do {                                                                                                               \
        const std::string diff_ = describeDifferences((actual), (expected));                                           \
        QVERIFY2(diff_.empty(), diff_.c_str());                                                                        \
    } while (false)

} // namespace

class TestConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Agent config: values.
    void emptyDocumentIsDefaults_data();
    void emptyDocumentIsDefaults();
    void omittedKeysKeepDefaults();
    void givenListReplacesDefaultList();
    void referenceDocumentIsDefaults();
    void roundTripDefaults();
    void roundTripUnusualValues();

    // Agent config: errors.
    void configErrors_data();
    void configErrors();
    void everyErrorIsReported();
    void aByteOrderMarkKeepsQuotedStringsValid();
    void unreadableFile();

    // Comparison.
    void differencesNameTheKeyPath();

    // The config in force.
    void activeConfigKeepsPreviousOnBadReplace();

    // Scenarios.
    void builtinScenarioNamesAreComplete();
    void builtinScenario_data();
    void builtinScenario();
    void unknownBuiltinScenarioListsNames();
    void scenarioFieldsAreConverted();
    void scenarioErrors_data();
    void scenarioErrors();

    // Helpers.
    void keySuggestions_data();
    void keySuggestions();
};

void TestConfig::initTestCase()
{
    if (sourceDir().isEmpty())
        QSKIP("cannot locate the source tree's resources/ (set PAYOPS_SOURCE_DIR)");
    qputenv("PAYOPS_SCENARIO_DIR", QDir(sourceDir()).filePath(QStringLiteral("resources/scenarios")).toUtf8());
}

// ---------------------------------------------------------------------------------------------------------------

void TestConfig::emptyDocumentIsDefaults_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::newRow("empty") << QString();
    QTest::newRow("comments only") << QStringLiteral("# nothing to change\n\n");
    QTest::newRow("empty sections") << QStringLiteral("version: 1\nsimulator:\n  drift:\ndetector:\nnrv: {}\n");
}

void TestConfig::emptyDocumentIsDefaults()
{
    QFETCH(QString, yaml);
    const Result<AgentConfig> parsed = parseAgentConfig(yaml.toStdString(), "t.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
    COMPARE_CONFIGS(*parsed, defaultAgentConfig());
}

void TestConfig::omittedKeysKeepDefaults()
{
    const Result<AgentConfig> parsed = parseAgentConfig(
        "detector:\n  window_ms: 3e5\n  z_threshold: 2.5\npolicy: {cycle_interval_ms: 4000}\n", "t.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
    const auto diffs = diffAgentConfigs(defaultAgentConfig(), *parsed);
    QCOMPARE(diffs.size(), std::size_t(2)); // 3e5 is the default window, written as a float
    QCOMPARE(q(diffs[0].path), QStringLiteral("detector.z_threshold"));
    QCOMPARE(q(diffs[0].after), QStringLiteral("2.5"));
    QCOMPARE(q(diffs[1].path), QStringLiteral("policy.cycle_interval_ms"));
    QCOMPARE(parsed->policy.cycleIntervalMs, std::int64_t(4000));
}

void TestConfig::givenListReplacesDefaultList()
{
    const Result<AgentConfig> parsed = parseAgentConfig(R"(
simulator:
  issuers:
    - {name: HDFC, weight: 0.5}
    - {name: KOTAK, success: 0.9, latency_ms: 250, retry_prob: 0.04, weight: 0.5}
interventions:
  - {type: suppress_path, blast_radius: 0.1}
)",
                                                        "t.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
    const auto& issuers = parsed->simulator.issuers;
    QCOMPARE(issuers.size(), std::size_t(2));
    // A default item named again starts from its default values.
    QCOMPARE(q(issuers[0].name), QStringLiteral("HDFC"));
    QCOMPARE(issuers[0].success, 0.95);
    QCOMPARE(issuers[0].weight, 0.5);
    QCOMPARE(q(issuers[1].name), QStringLiteral("KOTAK"));
    QCOMPARE(issuers[1].latencyMs, 250.0);
    // Methods were not given: the default list stays.
    QCOMPARE(parsed->simulator.methods.size(), defaultAgentConfig().simulator.methods.size());
    QCOMPARE(parsed->interventions.size(), std::size_t(1));
    const InterventionTemplate& suppress = parsed->interventions.front();
    QCOMPARE(suppress.blastRadius, 0.1);
    QCOMPARE(suppress.durationMs, std::int64_t(300000));
    QCOMPARE(suppress.feedbackFactor, 0.1);
    QVERIFY(parsed->intervention("alert_ops") == nullptr);
}

void TestConfig::referenceDocumentIsDefaults()
{
    const QString path = QDir(sourceDir()).filePath(QStringLiteral("resources/config/agent.yaml"));
    const Result<AgentConfig> loaded = loadAgentConfigFile(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
    COMPARE_CONFIGS(*loaded, defaultAgentConfig());
    // "The complete default config": every key is written out, so users see what they can change.
    const std::string text = readFile(path);
    for (auto key : allConfigKeys()) {
        const std::string needle = std::string(key) + ":";
        QVERIFY2(text.find(needle) != std::string::npos, (needle + " missing from agent.yaml").c_str());
    }
}

void TestConfig::roundTripDefaults()
{
    const std::string yaml = agentConfigToYaml(defaultAgentConfig());
    const Result<AgentConfig> parsed = parseAgentConfig(yaml, "written.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : (parsed.error() + "\n" + yaml).c_str());
    COMPARE_CONFIGS(*parsed, defaultAgentConfig());
    QVERIFY(agentConfigEquals(*parsed, defaultAgentConfig()));
    QCOMPARE(q(agentConfigToYaml(*parsed)), q(yaml));
    for (auto key : allConfigKeys())
        QVERIFY2(yaml.find(std::string(key) + ":") != std::string::npos, std::string(key).c_str());
}

void TestConfig::roundTripUnusualValues()
{
    AgentConfig c = defaultAgentConfig();
    c.simulator.ratePerS = 9999.5;         // a fraction, near the top of its range
    c.simulator.latencyJitter = 0.1 + 0.2; // 0.30000000000000004: must survive exactly
    c.simulator.currency = "yes";          // a YAML 1.1 boolean lookalike
    c.simulator.geography = "a: b # c";
    c.simulator.startTimeMs = 4102444800123;
    c.simulator.drift.sigmaRetry = 1e-7;
    c.simulator.issuers.push_back({"05", 0.5, 1234.5, 0.125, 0.0});
    c.simulator.methods[4].alternative.clear();
    c.detector.anomalousUpdateWeight = 1.0 / 3.0;
    c.hypotheses.clear();
    c.interventions[1].reversible = false;
    c.interventions[2].latencyImpactMs = -123.456;
    c.policy.baselineAlertNrv = -0.0001;
    c.policy.minActionFrequencyCycles = 0;

    const std::string yaml = agentConfigToYaml(c);
    const Result<AgentConfig> parsed = parseAgentConfig(yaml, "written.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : (parsed.error() + "\n" + yaml).c_str());
    COMPARE_CONFIGS(*parsed, c);
    QVERIFY(!agentConfigEquals(*parsed, defaultAgentConfig()));
}

// ---------------------------------------------------------------------------------------------------------------

void TestConfig::configErrors_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("prefix"); // the exact start of one error line
    QTest::addColumn<QString>("phrase"); // ... and what that line must say
    QTest::addColumn<int>("lines");      // how many errors in all

    QTest::newRow("unknown key, suggestion")
        << QStringLiteral("simulator:\n  rate_per_sec: 5\n") << QStringLiteral("t.yaml:2:3: simulator: ")
        << QStringLiteral("unknown key 'rate_per_sec' (did you mean 'rate_per_s'?)") << 1;
    QTest::newRow("unknown section, suggestion")
        << QStringLiteral("detectr:\n  window_ms: 1\n") << QStringLiteral("t.yaml:1:1: ")
        << QStringLiteral("unknown key 'detectr' (did you mean 'detector'?)") << 1;
    QTest::newRow("camelCase key, suggestion")
        << QStringLiteral("detector:\n  windowMs: 1000\n") << QStringLiteral("t.yaml:2:3: detector: ")
        << QStringLiteral("(did you mean 'window_ms'?)") << 1;
    QTest::newRow("unknown key, no suggestion")
        << QStringLiteral("store:\n  colour: blue\n") << QStringLiteral("t.yaml:2:3: store: ")
        << QStringLiteral("unknown key 'colour' (expected one of: history_cycles)") << 1;
    // Valid by type, and ran the machine out of memory in one cycle (1e7 a second), or read back as 0 ms.
    QTest::newRow("rate past what a window holds")
        << QStringLiteral("simulator:\n  rate_per_s: 1e7\n") << QStringLiteral("t.yaml:2:15: simulator.rate_per_s: ")
        << QStringLiteral("1e7 is out of range (must be in (0, 10000])") << 1;
    QTest::newRow("latency past 32 bits")
        << QStringLiteral("simulator:\n  issuers:\n    - {name: HDFC, latency_ms: 1e308}\n")
        << QStringLiteral("t.yaml:3:32: simulator.issuers[0].latency_ms: ")
        << QStringLiteral("is out of range (must be in [0, 600000])") << 1;
    QTest::newRow("string for number") << QStringLiteral("simulator:\n  rate_per_s: fast\n")
                                       << QStringLiteral("t.yaml:2:15: simulator.rate_per_s: ")
                                       << QStringLiteral("expected a number, got 'fast'") << 1;
    QTest::newRow("quoted number") << QStringLiteral("nrv:\n  avg_ticket: \"100\"\n")
                                   << QStringLiteral("t.yaml:2:15: nrv.avg_ticket: ")
                                   << QStringLiteral("expected a number, got the string \"100\"") << 1;
    QTest::newRow("list for map") << QStringLiteral("detector:\n  - window_ms: 1\n")
                                  << QStringLiteral("t.yaml:2:3: detector: ")
                                  << QStringLiteral("expected a map of keys, got a list") << 1;
    QTest::newRow("map for number") << QStringLiteral("nrv:\n  avg_ticket: {value: 1}\n")
                                    << QStringLiteral("t.yaml:2:15: nrv.avg_ticket: ")
                                    << QStringLiteral("expected a number, got a map") << 1;
    QTest::newRow("map for list") << QStringLiteral("hypotheses:\n  pattern: RETRY_STORM\n")
                                  << QStringLiteral("t.yaml:2:3: hypotheses: ")
                                  << QStringLiteral("expected a list, got a map") << 1;
    QTest::newRow("empty value") << QStringLiteral("learning:\n  confidence_step:\n")
                                 << QStringLiteral("t.yaml:2:3: learning.confidence_step: ")
                                 << QStringLiteral("expected a number, got an empty value") << 1;
    QTest::newRow("not a boolean") << QStringLiteral("interventions:\n  - {type: alert_ops, reversible: yes}\n")
                                   << QStringLiteral("t.yaml:2:35: interventions[0].reversible: ")
                                   << QStringLiteral("expected true or false") << 1;
    QTest::newRow("probability out of range")
        << QStringLiteral("detector:\n  ewma_alpha: 1.5\n") << QStringLiteral("t.yaml:2:15: detector.ewma_alpha: ")
        << QStringLiteral("1.5 is out of range (must be in (0, 1])") << 1;
    QTest::newRow("issuer success out of range")
        << QStringLiteral("simulator:\n  issuers:\n    - name: HDFC\n      success: 1.2\n")
        << QStringLiteral("t.yaml:4:16: simulator.issuers[0].success: ")
        << QStringLiteral("1.2 is out of range (must be in [0, 1])") << 1;
    // A cycle with no transactions would read as a success rate of 0 (a total failure).
    QTest::newRow("no transactions enough")
        << QStringLiteral("detector:\n  min_tx_for_z: 0\n") << QStringLiteral("t.yaml:2:17: detector.min_tx_for_z: ")
        << QStringLiteral("0 is out of range (must be in [1, 2147483647])") << 1;
    QTest::newRow("zero cycle interval") << QStringLiteral("policy:\n  cycle_interval_ms: 0\n")
                                         << QStringLiteral("t.yaml:2:22: policy.cycle_interval_ms: ")
                                         << QStringLiteral("0 is out of range (must be in (0, 2592000000])") << 1;
    QTest::newRow("negative duration") << QStringLiteral("learning:\n  effect_window_ms: -60000\n")
                                       << QStringLiteral("t.yaml:2:21: learning.effect_window_ms: ")
                                       << QStringLiteral("-60000 is out of range (must be in (0, 2592000000])") << 1;
    // Settings whose cost grows with their value: a window keeps its transactions in memory, and evaluate runs the
    // longest warm-up before each scenario (a billion cycles ran for hours with no word; 30 days of window took
    // gigabytes).
    QTest::newRow("window of days") << QStringLiteral("detector:\n  window_ms: 2592000000\n")
                                    << QStringLiteral("t.yaml:2:14: detector.window_ms: ")
                                    << QStringLiteral("2592000000 is out of range (must be in (0, 3600000])") << 1;
    QTest::newRow("endless warm-up") << QStringLiteral("detector:\n  likelihood_warmup_cycles: 1e9\n")
                                     << QStringLiteral("t.yaml:2:29: detector.likelihood_warmup_cycles: ")
                                     << QStringLiteral("1e9 is out of range (must be in [1, 10000])") << 1;
    // Durations are added to timestamps: an absurd one is refused instead of overflowing (30 days at most).
    QTest::newRow("duration too long") << QStringLiteral("policy:\n  approval_ttl_ms: 9223372036854775807\n")
                                       << QStringLiteral("t.yaml:2:20: policy.approval_ttl_ms: ")
                                       << QStringLiteral("out of range (must be in (0, 2592000000])") << 1;
    // Well-formed numbers a double cannot hold are out of range, not malformed.
    QTest::newRow("number too large") << QStringLiteral("detector:\n  ewma_alpha: 1e999\n")
                                      << QStringLiteral("t.yaml:2:15: detector.ewma_alpha: ")
                                      << QStringLiteral("1e999 is out of range (must be in (0, 1])") << 1;
    QTest::newRow("negative number too large")
        << QStringLiteral("nrv:\n  avg_ticket: -1e999\n") << QStringLiteral("t.yaml:2:15: nrv.avg_ticket: ")
        << QStringLiteral("-1e999 is out of range (must be ") << 1;
    QTest::newRow("number too small") << QStringLiteral("detector:\n  ewma_alpha: 1e-400\n")
                                      << QStringLiteral("t.yaml:2:15: detector.ewma_alpha: ")
                                      << QStringLiteral("1e-400 is too close to 0 to hold; write a number in (0, 1]")
                                      << 1;
    QTest::newRow("number too small where 0 will do")
        << QStringLiteral("simulator:\n  issuers:\n    - name: HDFC\n      success: 1e-400\n")
        << QStringLiteral("t.yaml:4:16: simulator.issuers[0].success: ")
        << QStringLiteral("1e-400 is too close to 0 to hold; write 0 or a larger number") << 1;
    QTest::newRow("integer too large") << QStringLiteral("store:\n  history_cycles: 1e999\n")
                                       << QStringLiteral("t.yaml:2:19: store.history_cycles: ")
                                       << QStringLiteral("1e999 is out of range (must be ") << 1;
    QTest::newRow("fraction where integer") << QStringLiteral("policy:\n  min_action_frequency_cycles: 2.5\n")
                                            << QStringLiteral("t.yaml:2:32: policy.min_action_frequency_cycles: ")
                                            << QStringLiteral("expected an integer, got '2.5'") << 1;
    QTest::newRow("integer too large for a byte") << QStringLiteral("simulator:\n  retry_count_max: 300\n")
                                                  << QStringLiteral("t.yaml:2:20: simulator.retry_count_max: ")
                                                  << QStringLiteral("300 is out of range (must be in [0, 255])") << 1;
    QTest::newRow("min above max") << QStringLiteral("simulator:\n  drift:\n    latency_min_ms: 3000\n")
                                   << QStringLiteral("t.yaml:3:5: simulator.drift: ")
                                   << QStringLiteral("latency_min_ms (3000) must not exceed latency_max_ms (2000)")
                                   << 1;
    QTest::newRow("min above max, both given")
        << QStringLiteral("learning:\n  confidence_max: 0.4\n  confidence_min: 0.6\n")
        << QStringLiteral("t.yaml:3:3: learning: ")
        << QStringLiteral("confidence_min (0.6) must not exceed confidence_max (0.4)") << 1;
    QTest::newRow("severity order")
        << QStringLiteral("detector:\n  severity_high: 0.8\n") << QStringLiteral("t.yaml:2:3: detector: ")
        << QStringLiteral("severity thresholds must be ordered severity_critical (0.75) > severity_high (0.8)") << 1;
    QTest::newRow("duplicate issuer") << QStringLiteral(
                                             "simulator:\n  issuers:\n    - {name: HDFC}\n    - {name: HDFC}\n")
                                      << QStringLiteral("t.yaml:4:14: simulator.issuers[1].name: ")
                                      << QStringLiteral("duplicate issuer 'HDFC' (first at line 3)") << 1;
    QTest::newRow("no issuers") << QStringLiteral("simulator:\n  issuers: []\n")
                                << QStringLiteral("t.yaml:2:12: simulator.issuers: ")
                                << QStringLiteral("must list at least one issuer") << 1;
    QTest::newRow("issuer without name") << QStringLiteral("simulator:\n  issuers:\n    - {success: 0.9}\n")
                                         << QStringLiteral("t.yaml:3:7: simulator.issuers[0]: ")
                                         << QStringLiteral("missing required key 'name'") << 1;
    QTest::newRow("bad alternative") << QStringLiteral(
                                            "simulator:\n  methods:\n    - {name: card, alternative: cheque}\n"
                                            "    - {name: upi, alternative: card}\n")
                                     << QStringLiteral("t.yaml:3:33: simulator.methods[0].alternative: ")
                                     << QStringLiteral("'cheque' is not a configured method") << 1;
    QTest::newRow("alternative misspelt")
        << QStringLiteral("simulator:\n  methods:\n    - {name: card, alternative: upl}\n"
                          "    - {name: upi, alternative: card}\n")
        << QStringLiteral("t.yaml:3:33: simulator.methods[0].alternative: ")
        << QStringLiteral("'upl' is not a configured method (did you mean 'upi'?)") << 1;
    QTest::newRow("default alternative not listed")
        << QStringLiteral("simulator:\n  methods: [{name: card}, {name: wallet}]\n")
        << QStringLiteral("t.yaml:2:20: simulator.methods[0].alternative: ")
        << QStringLiteral("the default alternative 'upi' of 'card' is not in the list") << 2;
    QTest::newRow("own alternative") << QStringLiteral(
                                            "simulator:\n  methods:\n    - {name: card, alternative: card}\n")
                                     << QStringLiteral("t.yaml:3:33: simulator.methods[0].alternative: ")
                                     << QStringLiteral("method 'card' cannot be its own alternative") << 1;
    QTest::newRow("unknown intervention type")
        << QStringLiteral("interventions:\n  - type: supress_path\n")
        << QStringLiteral("t.yaml:2:11: interventions[0].type: ")
        << QStringLiteral("'supress_path' is not one of suppress_path, reroute_traffic, reduce_retry_attempts, "
                          "alert_ops (did you mean 'suppress_path'?)")
        << 1;
    QTest::newRow("duplicate intervention type")
        << QStringLiteral("interventions:\n  - type: alert_ops\n  - type: alert_ops\n")
        << QStringLiteral("t.yaml:3:11: interventions[1].type: ")
        << QStringLiteral("duplicate intervention type 'alert_ops' (first at line 2)") << 1;
    QTest::newRow("unknown hypothesis pattern") << QStringLiteral("hypotheses:\n  - {pattern: RETRY_STROM, cause: x}\n")
                                                << QStringLiteral("t.yaml:2:15: hypotheses[0].pattern: ")
                                                << QStringLiteral("(did you mean 'RETRY_STORM'?)") << 1;
    QTest::newRow("duplicate key") << QStringLiteral("nrv:\n  avg_ticket: 1\n  avg_ticket: 2\n")
                                   << QStringLiteral("t.yaml:3:3: nrv: ")
                                   << QStringLiteral("duplicate key 'avg_ticket' (first given at line 2)") << 1;
    QTest::newRow("unsupported version") << QStringLiteral("version: 2\n") << QStringLiteral("t.yaml:1:10: version: ")
                                         << QStringLiteral("unsupported schema version 2 (this build reads version 1)")
                                         << 1;
    QTest::newRow("top level is a list") << QStringLiteral("- simulator\n") << QStringLiteral("t.yaml:1:1: ")
                                         << QStringLiteral("expected a map of keys, got a list") << 1;
    QTest::newRow("syntax error: bad indentation")
        << QStringLiteral("detector:\n  window_ms: 1\n   z_threshold: 2\n") << QStringLiteral("t.yaml:3:15: ")
        << QStringLiteral("syntax error: this line is indented deeper than line 2 ('window_ms: 1'), so it is read as "
                          "more of that line's value; indent it as the keys beside it are (yaml-cpp: illegal map "
                          "value)")
        << 1;
    QTest::newRow("syntax error: a key without its colon")
        << QStringLiteral("simulator\n  rate_per_s: 5\n") << QStringLiteral("t.yaml:2:13: ")
        << QStringLiteral("syntax error: line 1 ('simulator') has no ':' after its key, so this line is read as more "
                          "of its text (yaml-cpp: illegal map value)")
        << 1;
    QTest::newRow("syntax error: a second colon in a value")
        << QStringLiteral("nrv:\n  avg_ticket: 100: 5\n") << QStringLiteral("t.yaml:2:")
        << QStringLiteral("this line holds a second ': ' inside its value; put the value in quotes (yaml-cpp: "
                          "illegal map value)")
        << 1;
    QTest::newRow("syntax error: a key out of line below a comment")
        << QStringLiteral("nrv:\n  avg_ticket: 100\n  # note\n   cost_per_intervention: 5\n")
        << QStringLiteral("t.yaml:4:4: ") << QStringLiteral("the indentation here matches none of the keys above it")
        << 1;
    QTest::newRow("syntax error: a key out of line")
        << QStringLiteral("detector:\n  window_ms: 1\n z_threshold: 2\n") << QStringLiteral("t.yaml:3:2: ")
        << QStringLiteral("syntax error: the indentation here matches none of the keys above it (the keys of one map "
                          "start in the same column) (yaml-cpp: end of map not found)")
        << 1;
    QTest::newRow("top-level keys out of line")
        << QStringLiteral(" detector:\n  window_ms: 1\nnrv: {}\n") << QStringLiteral("t.yaml:3:1: ")
        << QStringLiteral("this key starts in column 1 and the first key of the file in column 2: top-level keys start "
                          "in the same column")
        << 1;
    QTest::newRow("syntax error: unclosed flow")
        << QStringLiteral("detector:\n  window_ms: [1, 2\nnrv: {}\n") << QStringLiteral("t.yaml:3:4: ")
        << QStringLiteral("syntax error: the '[' opened on line 2, column 14 is not closed with ']' (yaml-cpp: end of "
                          "sequence flow not found)")
        << 1;
    // The opener is found past brackets inside a plain value, a comment and a quoted string (yaml-cpp points at the
    // file's end).
    QTest::newRow("syntax error: unclosed map flow, named where it opens")
        << QStringLiteral("simulator:\n  currency: a[0]  # [x\n  x: {a: '{', b: [1]\n  y: 2\n")
        << QStringLiteral("t.yaml:") << QStringLiteral("the '{' opened on line 3, column 6 is not closed with '}'")
        << 1;
    QTest::newRow("two documents") << QStringLiteral("nrv: {}\n---\nstore: {}\n") << QStringLiteral("t.yaml:3:1: ")
                                   << QStringLiteral("only one YAML document is allowed") << 1;
    // yaml-cpp reads the rest of the file into the string (the policy below it would be lost) and reports nothing.
    QTest::newRow("unclosed double quote")
        << QStringLiteral("simulator:\n  currency: \"INR\npolicy:\n  min_confidence: 0.1\n")
        << QStringLiteral("t.yaml:2:13: ") << QStringLiteral("double quote here is not closed on its line") << 1;
    QTest::newRow("unclosed single quote")
        << QStringLiteral("simulator:\n  currency: 'INR\n") << QStringLiteral("t.yaml:2:13: ")
        << QStringLiteral("single quote here is not closed on its line") << 1;
    QTest::newRow("unclosed quote after an anchor")
        << QStringLiteral("simulator:\n  currency: &c \"INR\npolicy:\n  min_confidence: 0.1\n")
        << QStringLiteral("t.yaml:2:") << QStringLiteral("double quote here is not closed on its line") << 1;
    QTest::newRow("unclosed quote after a tag")
        << QStringLiteral("simulator:\n  currency: !!str \"INR\npolicy:\n  min_confidence: 0.1\n")
        << QStringLiteral("t.yaml:2:") << QStringLiteral("double quote here is not closed on its line") << 1;
    QTest::newRow("tab indentation") << QStringLiteral("detector:\n\twindow_ms: 1\n") << QStringLiteral("t.yaml:2:")
                                     << QStringLiteral("(line 2 is indented with a tab; YAML indents with spaces only)")
                                     << 1;
    // A quote left open where more quoted values follow: yaml-cpp reads on to the next quote and fails lines below
    // ("end of map not found" at line 4), or blames a brace that is fine.
    QTest::newRow("unclosed quote, more quotes below")
        << QStringLiteral("detector:\n  method: \"likelihood\n  window_ms: 1000\nsimulator:\n  currency: \"INR\"\n")
        << QStringLiteral("t.yaml:2:11: syntax error: ")
        << QStringLiteral("the string opened by a double quote here is not closed on its line") << 1;
    QTest::newRow("unclosed quote inside braces")
        << QStringLiteral("simulator:\n  issuers:\n    - {name: \"ICICI, success: 0.9}\n    - {name: \"HDFC\"}\n")
        << QStringLiteral("t.yaml:3:14: syntax error: ")
        << QStringLiteral("the string opened by a double quote here is not closed on its line") << 1;
    // Quotes that open no value are not blamed for an error below them: text of a block scalar, a quote inside a
    // plain value. The error is yaml-cpp's, where it is.
    QTest::newRow("quote in a block scalar")
        << QStringLiteral("simulator:\n  currency: INR\nnotes: |\n  \"quoted first word\n  more\npolicy:\n  "
                          "cycle_interval_ms: 1000\n   bad: 3\n")
        << QStringLiteral("t.yaml:8:7: syntax error: this line is indented deeper") << QString() << 1;
    QTest::newRow("quote inside a plain value")
        << QStringLiteral("simulator:\n  currency: INR, 'the rupee\npolicy:\n  cycle_interval_ms: 1000\n   bad: 3\n")
        << QStringLiteral("t.yaml:5:7: syntax error: this line is indented deeper") << QString() << 1;
    QTest::newRow("quote after a hyphen in a plain value")
        << QStringLiteral("simulator:\n  currency: x-'y\npolicy:\n  cycle_interval_ms: 1000\n   bad: 3\n")
        << QStringLiteral("t.yaml:5:7: syntax error: this line is indented deeper") << QString() << 1;
    // A byte order mark is not a column: the first line counts from after it, as the others do.
    QTest::newRow("unclosed quote on a first line after a byte order mark")
        << QStringLiteral("\uFEFFversion: \"1\nsimulator:\n  currency: \"INR\"\n")
        << QStringLiteral("t.yaml:1:10: syntax error: the string opened by a double quote here") << QString() << 1;
    QTest::newRow("unclosed bracket on a first line after a byte order mark")
        << QStringLiteral("\uFEFFversion: [1\nsimulator:\n  rate_per_s: 20\n") << QStringLiteral("t.yaml:2:")
        << QStringLiteral("the '[' opened on line 1, column 10 is not closed") << 1;
    // Columns count characters, as editors do: yaml-cpp's count bytes (6 more here).
    QTest::newRow("column after multi-byte characters")
        << QStringLiteral("simulator:\n  issuers:\n    - {name: \"Ünïcødé€\", success: 2.0}\n")
        << QStringLiteral("t.yaml:3:35: simulator.issuers[0].success: ") << QStringLiteral("out of range") << 1;
    // A value that is not one of the choices is cut in the message, not quoted over the lines a lost quote took in.
    QTest::newRow("whole number too large") << QStringLiteral("store:\n  history_cycles: 99999999999999999999\n")
                                            << QStringLiteral("t.yaml:2:19: store.history_cycles: ")
                                            << QStringLiteral("99999999999999999999 is out of range (must be ") << 1;
    QTest::newRow("long choice cut") << QStringLiteral("detector:\n  method: >-\n    likelihood\n\n    more\n")
                                     << QStringLiteral("t.yaml:2:11: detector.method: ")
                                     << QStringLiteral("'likelihood... (15 bytes)' is not one of") << 1;
    QTest::newRow("escaped line break") << QStringLiteral("simulator:\n  currency: \"IN\\\nR\"\n")
                                        << QStringLiteral("t.yaml:2:13: ")
                                        << QStringLiteral("double quote here is not closed on its line") << 1;
}

// A byte order mark (which Windows editors write) shifts yaml-cpp's positions: valid quoting must stay valid.
void TestConfig::aByteOrderMarkKeepsQuotedStringsValid()
{
    const Result<AgentConfig> parsed = parseAgentConfig(
        "\xEF\xBB\xBFsimulator:\n  currency: \"INR\"\n  issuers:\n    - {name: \"HDFC\", success: 0.95}\n", "t.yaml");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
    QCOMPARE(parsed->simulator.issuers.size(), std::size_t(1));
    const Result<AgentConfig> unclosed = parseAgentConfig("\xEF\xBB\xBFsimulator:\n  currency: \"INR\n", "t.yaml");
    QVERIFY(!unclosed.ok());
    QVERIFY2(unclosed.error().find("t.yaml:2:13: the string opened by a double quote") != std::string::npos,
             unclosed.error().c_str());
}

void TestConfig::configErrors()
{
    QFETCH(QString, yaml);
    QFETCH(QString, prefix);
    QFETCH(QString, phrase);
    QFETCH(int, lines);
    const Result<AgentConfig> parsed = parseAgentConfig(yaml.toStdString(), "t.yaml");
    QVERIFY(!parsed.ok());
    const QStringList errors = errorLines(parsed.error());
    const bool found = std::any_of(errors.begin(), errors.end(), [&](const QString& line) {
        return line.startsWith(prefix) && line.contains(phrase);
    });
    QVERIFY2(
        found,
        qPrintable(
            QStringLiteral("no line starting '%1' containing '%2' in:\n%3").arg(prefix, phrase, q(parsed.error()))));
    QCOMPARE(errors.size(), lines);
}

void TestConfig::everyErrorIsReported()
{
    const std::string yaml = "simulator:\n"                     // 1
                             "  rate_per_s: -1\n"               // 2: out of range
                             "  drift:\n"                       // 3
                             "    thetta: 0.2\n"                // 4: unknown key
                             "  issuers:\n"                     // 5
                             "    - {name: A, success: high}\n" // 6: wrong type
                             "    - {name: A}\n"                // 7: duplicate
                             "detector:\n"                      // 8
                             "  min_tx_for_z: 1.5\n"            // 9: not an integer
                             "policy:\n"                        // 10
                             "  approval_uncertainty: 2\n"      // 11: out of range
                             "store: [1]\n";                    // 12: list for map
    const Result<AgentConfig> parsed = parseAgentConfig(yaml, "many.yaml");
    QVERIFY(!parsed.ok());
    const QStringList errors = errorLines(parsed.error());
    const QStringList expected = {
        QStringLiteral("many.yaml:2:15: simulator.rate_per_s: -1 is out of range (must be in (0, 10000])"),
        QStringLiteral("many.yaml:4:5: simulator.drift: unknown key 'thetta' (did you mean 'theta'?)"),
        QStringLiteral("many.yaml:6:26: simulator.issuers[0].success: expected a number, got 'high'"),
        QStringLiteral("many.yaml:7:14: simulator.issuers[1].name: duplicate issuer 'A' (first at line 6)"),
        QStringLiteral("many.yaml:9:17: detector.min_tx_for_z: expected an integer, got '1.5'"),
        QStringLiteral("many.yaml:11:25: policy.approval_uncertainty: 2 is out of range (must be in [0, 1])"),
        QStringLiteral("many.yaml:12:8: store: expected a map of keys, got a list"),
    };
    QCOMPARE(errors, expected);
}

void TestConfig::unreadableFile()
{
    const Result<AgentConfig> missing = loadAgentConfigFile("/nonexistent/agent.yaml");
    QVERIFY(!missing.ok());
    QVERIFY2(q(missing.error()).startsWith(QStringLiteral("/nonexistent/agent.yaml: cannot read: ")),
             missing.error().c_str());
    const Result<AgentConfig> dir = loadAgentConfigFile(QDir::tempPath().toStdString());
    QVERIFY(!dir.ok());
    QVERIFY2(q(dir.error()).endsWith(QStringLiteral(": cannot read: is a directory")), dir.error().c_str());

    // An editor's UTF-16 file is named as such; read as UTF-8 it gave errors about quotes not closed on line 90.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString utf16 = tmp.filePath(QStringLiteral("utf16.yaml"));
    QFile f(utf16);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray text("\xFF\xFE", 2);
    for (const char c : QByteArray("simulator:\n  rate_per_s: 5\n"))
        text += QByteArray(1, c) + QByteArray(1, '\0');
    f.write(text);
    f.close();
    const Result<AgentConfig> wide = loadAgentConfigFile(utf16.toStdString());
    QVERIFY(!wide.ok());
    QCOMPARE(q(wide.error()), utf16 + QStringLiteral(":1:1: the file is UTF-16 (its byte order mark says so); save it "
                                                     "as UTF-8"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("simulator:\n  rate_per_s: 5\n\0\0", 30));
    f.close();
    const Result<AgentConfig> binary = loadAgentConfigFile(utf16.toStdString());
    QVERIFY(!binary.ok());
    QVERIFY2(q(binary.error()).startsWith(utf16 + QStringLiteral(":3:1: the file holds NUL bytes")),
             binary.error().c_str());
    // Latin-1 passed the check and then stopped the run (the checkpoint's JSON writer refuses it): said where.
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("simulator:\n  issuers:\n    - {name: \"caf\xe9\", success: 0.95}\n");
    f.close();
    const Result<AgentConfig> latin1 = loadAgentConfigFile(utf16.toStdString());
    QVERIFY(!latin1.ok());
    QCOMPARE(q(latin1.error()), utf16 + QStringLiteral(":3:18: the file is not UTF-8 (byte 0xe9); save it as UTF-8"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("simulator:\n  currency: \"\xe2\x82\xac\xe2\x82\"\n"); // a euro sign, then one cut short
    f.close();
    const Result<AgentConfig> cut = loadAgentConfigFile(utf16.toStdString());
    QVERIFY(!cut.ok());
    QCOMPARE(q(cut.error()), utf16 + QStringLiteral(":2:15: the file is not UTF-8 (byte 0xe2); save it as UTF-8"));
    // Classic Mac line endings read as one long line of keys run together.
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("simulator:\r  rate_per_s: 5\r");
    f.close();
    const Result<AgentConfig> mac = loadAgentConfigFile(utf16.toStdString());
    QVERIFY(!mac.ok());
    QVERIFY2(q(mac.error()).startsWith(utf16 + QStringLiteral(":1:1: the file's lines end in a bare carriage return")),
             mac.error().c_str());
    QCOMPARE(q(loadAgentConfigFile("").error()), QStringLiteral("no file name given"));
    // A device has no size to ask for first: read up to the limit, not until memory runs out.
    const Result<AgentConfig> endless = loadAgentConfigFile("/dev/zero");
    QVERIFY(!endless.ok());
    QCOMPARE(q(endless.error()), QStringLiteral("/dev/zero: cannot read: file is larger than 16 MiB"));
}

// ---------------------------------------------------------------------------------------------------------------

void TestConfig::differencesNameTheKeyPath()
{
    AgentConfig a = defaultAgentConfig();
    AgentConfig b = a;
    QVERIFY(agentConfigEquals(a, b));
    QVERIFY(describeDifferences(a, b).empty());
    b.simulator.issuers[1].latencyMs = 200;
    b.safety.maxActiveInterventions = 4;
    QCOMPARE(q(describeDifferences(a, b)), QStringLiteral("simulator.issuers[1].latency_ms: 180 -> 200 (and 1 more)"));
    b = a;
    b.hypotheses.pop_back();
    const auto diffs = diffAgentConfigs(a, b);
    QVERIFY(!diffs.empty());
    QCOMPARE(q(diffs.front().path), QStringLiteral("hypotheses"));
    QCOMPARE(q(diffs.front().before), QStringLiteral("5 items"));
    QCOMPARE(q(diffs.front().after), QStringLiteral("4 items"));
}

// ---------------------------------------------------------------------------------------------------------------

void TestConfig::activeConfigKeepsPreviousOnBadReplace()
{
    ActiveConfig active;
    QCOMPARE(active.version(), std::int64_t(1));
    COMPARE_CONFIGS(active.config(), defaultAgentConfig());

    const std::shared_ptr<const AgentConfig> heldByACycle = active.snapshot();

    const Status bad = active.tryReplace("detector:\n  z_threshold: -1\n  windw_ms: 5\n", "editor");
    QVERIFY(!bad.ok());
    QCOMPARE(errorLines(bad.error()).size(), 2);
    QVERIFY(q(bad.error()).startsWith(QStringLiteral("editor:2:16: detector.z_threshold: ")));
    QCOMPARE(active.version(), std::int64_t(1));
    COMPARE_CONFIGS(active.config(), defaultAgentConfig());
    QVERIFY(active.yamlText().empty());

    const std::string good = "detector:\n  z_threshold: 3\n";
    QVERIFY(active.tryReplace(good, "editor").ok());
    QCOMPARE(active.version(), std::int64_t(2));
    QCOMPARE(active.config().detector.zThreshold, 3.0);
    QCOMPARE(q(active.yamlText()), q(good));
    QCOMPARE(q(active.sourceName()), QStringLiteral("editor"));
    // A cycle that started before the replace keeps the config it started with.
    QCOMPARE(heldByACycle->detector.zThreshold, 2.0);

    QVERIFY(!active.tryReplace("policy: [", "editor").ok());
    QCOMPARE(active.version(), std::int64_t(2));
    QCOMPARE(active.config().detector.zThreshold, 3.0);
    QCOMPARE(q(active.yamlText()), q(good));

    const Result<ActiveConfig> fromText = ActiveConfig::fromYaml("store: {history_cycles: 10}\n", "agent.yaml");
    QVERIFY(fromText.ok());
    QCOMPARE(fromText->version(), std::int64_t(1));
    QCOMPARE(fromText->config().store.historyCycles, 10);
    QVERIFY(!ActiveConfig::fromYaml("store: {history_cycles: 0}\n", "agent.yaml").ok());
}

// ---------------------------------------------------------------------------------------------------------------

namespace {

const QStringList kBuiltinScenarios = {
    QStringLiteral("flapping_issuer"), QStringLiteral("issuer_outage"),  QStringLiteral("issuer_slowdown"),
    QStringLiteral("latency_spike"),   QStringLiteral("method_fatigue"), QStringLiteral("quiet"),
    QStringLiteral("recovery"),        QStringLiteral("retry_storm"),    QStringLiteral("tail_latency"),
};

} // namespace

void TestConfig::builtinScenarioNamesAreComplete()
{
    QStringList names;
    for (const auto& n : builtinScenarioNames())
        names << q(n);
    QCOMPARE(names, kBuiltinScenarios);
    QVERIFY(builtinScenarioDir().has_value());
}

void TestConfig::builtinScenario_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected"); // the pattern the incident must announce ("" for quiet)
    QTest::newRow("issuer_outage") << QStringLiteral("issuer_outage") << QStringLiteral("ISSUER_DEGRADATION");
    QTest::newRow("issuer_slowdown") << QStringLiteral("issuer_slowdown") << QStringLiteral("LATENCY_SPIKE");
    QTest::newRow("retry_storm") << QStringLiteral("retry_storm") << QStringLiteral("RETRY_STORM");
    QTest::newRow("method_fatigue") << QStringLiteral("method_fatigue") << QStringLiteral("METHOD_FATIGUE");
    QTest::newRow("latency_spike") << QStringLiteral("latency_spike") << QStringLiteral("LATENCY_SPIKE");
    QTest::newRow("flapping_issuer") << QStringLiteral("flapping_issuer") << QStringLiteral("ISSUER_DEGRADATION");
    QTest::newRow("recovery") << QStringLiteral("recovery") << QStringLiteral("ISSUER_DEGRADATION");
    QTest::newRow("quiet") << QStringLiteral("quiet") << QString();
}

void TestConfig::builtinScenario()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const Result<Scenario> s = loadBuiltinScenario(name.toStdString());
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
    QCOMPARE(q(s->name), name);
    QVERIFY(!s->description.empty());
    QCOMPARE(s->suggestedDurationMs, std::int64_t(600000));
    if (expected.isEmpty()) {
        QVERIFY(s->events.empty());
        return;
    }
    QVERIFY(!s->events.empty());
    const AgentConfig defaults = defaultAgentConfig();
    std::int64_t firstStart = s->suggestedDurationMs;
    bool announced = false;
    for (const ScenarioEvent& e : s->events) {
        QVERIFY(!e.label.empty());
        QVERIFY(!e.overrides.empty());
        firstStart = std::min(firstStart, e.atMs);
        announced = announced || q(e.expectedPattern) == expected;
        // The simulator refuses unknown names when the scenario is installed: the defaults must know them.
        if (!e.issuer.empty()) {
            const auto& issuers = defaults.simulator.issuers;
            QVERIFY2(std::any_of(issuers.begin(), issuers.end(), [&](const auto& i) { return i.name == e.issuer; }),
                     e.issuer.c_str());
        }
        if (!e.method.empty())
            QVERIFY2(defaults.method(e.method) != nullptr, e.method.c_str());
        // The whole story fits in the suggested run.
        const std::int64_t end = e.atMs + (e.repeatCount - 1) * e.repeatEveryMs + e.durationMs;
        QVERIFY(e.durationMs > 0 && end <= s->suggestedDurationMs);
    }
    QVERIFY(announced);
    // Baselines warm up first: the incident starts after a minute or two of normal traffic.
    QVERIFY2(firstStart >= 60000 && firstStart <= 120000, std::to_string(firstStart).c_str());
}

void TestConfig::unknownBuiltinScenarioListsNames()
{
    const Result<Scenario> s = loadBuiltinScenario("retry_strom");
    QVERIFY(!s.ok());
    QCOMPARE(q(s.error()), QStringLiteral("unknown scenario 'retry_strom' (did you mean 'retry_storm'?); available: ") +
                               kBuiltinScenarios.join(QStringLiteral(", ")));
    QVERIFY(!loadBuiltinScenario("../config/agent").ok());
}

void TestConfig::scenarioFieldsAreConverted()
{
    const Result<Scenario> s = parseScenario(R"(
name: demo
description: two events
duration_s: 300.5
events:
  - label: flap
    at_s: 10.25
    duration_s: 20
    ramp_s: 2
    repeat: {count: 3, every_s: 50}
    issuer: AXIS
    set: {success: 0.4, traffic: 2}
    scale: {latency_ms: 1.5}
    error_code: "05"
    expect: ISSUER_DEGRADATION
  - label: "storm \"upi\""
    method: upi
    scale: {retry_prob: 3}
  - label: 'slow route''s tail'
    issuer: HDFC
    share: 0.1
    set: {latency_ms: 2000}
)",
                                             "demo.yaml");
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
    QCOMPARE(q(s->name), QStringLiteral("demo"));
    QCOMPARE(s->suggestedDurationMs, std::int64_t(300500));
    QCOMPARE(s->events.size(), std::size_t(3));
    const ScenarioEvent& e = s->events[0];
    QCOMPARE(e.atMs, std::int64_t(10250));
    QCOMPARE(e.durationMs, std::int64_t(20000));
    QCOMPARE(e.rampMs, std::int64_t(2000));
    QCOMPARE(e.repeatCount, 3);
    QCOMPARE(e.repeatEveryMs, std::int64_t(50000));
    QCOMPARE(q(e.issuer), QStringLiteral("AXIS"));
    QCOMPARE(q(e.errorCode), QStringLiteral("05"));
    QCOMPARE(q(e.expectedPattern), QStringLiteral("ISSUER_DEGRADATION"));
    QCOMPARE(e.overrides.size(), std::size_t(3));
    QVERIFY(e.overrides[0].param == PathParam::Success && e.overrides[0].set == 0.4 && !e.overrides[0].scale);
    QVERIFY(e.overrides[1].param == PathParam::Traffic && e.overrides[1].set == 2.0);
    QVERIFY(e.overrides[2].param == PathParam::LatencyMs && e.overrides[2].scale == 1.5 && !e.overrides[2].set);
    // Quotes escaped inside quoted strings do not close them early (nor look unclosed).
    QCOMPARE(q(s->events[1].label), QStringLiteral("storm \"upi\""));
    QCOMPARE(q(s->events[2].label), QStringLiteral("slow route's tail"));
    const ScenarioEvent& storm = s->events[1];
    QCOMPARE(storm.atMs, std::int64_t(0));
    QCOMPARE(storm.durationMs, std::int64_t(0));
    QCOMPARE(storm.repeatCount, 1);
    QVERIFY(storm.issuer.empty());
    QCOMPARE(q(storm.method), QStringLiteral("upi"));
    QVERIFY(storm.overrides[0].param == PathParam::RetryProb && storm.overrides[0].scale == 3.0);
    QCOMPARE(storm.share, 1.0); // every transaction, unless said otherwise
    QCOMPARE(s->events[2].share, 0.1);
    QVERIFY(s->events[2].overrides[0].param == PathParam::LatencyMs && s->events[2].overrides[0].set == 2000.0);
}

void TestConfig::scenarioErrors_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<int>("lines");

    const QString head = QStringLiteral("name: s\nevents:\n  - label: e\n"); // the event's keys start on line 4
    QTest::newRow("unclosed quote swallowing the events")
        << QStringLiteral("name: \"s\nevents:\n  - label: e\n    set: {success: 0.3}\n")
        << QStringLiteral("s.yaml:1:7: ") << QStringLiteral("is not closed on its line") << 1;
    QTest::newRow("set and scale on one param")
        << head + QStringLiteral("    set: {success: 0.3}\n    scale: {success: 0.5}\n")
        << QStringLiteral("s.yaml:5:13: events[0]: ") << QStringLiteral("'success' is both in set and in scale") << 1;
    QTest::newRow("unknown param") << head + QStringLiteral("    set: {sucess: 0.3}\n")
                                   << QStringLiteral("s.yaml:4:11: events[0].set: ")
                                   << QStringLiteral("unknown key 'sucess' (did you mean 'success'?)") << 1;
    QTest::newRow("negative duration") << head + QStringLiteral("    duration_s: -30\n    set: {success: 0.3}\n")
                                       << QStringLiteral("s.yaml:4:17: events[0].duration_s: ")
                                       << QStringLiteral("-30 is out of range (must be in [0, 31536000])") << 1;
    QTest::newRow("start too late") << head + QStringLiteral("    at_s: 1e300\n    set: {success: 0.3}\n")
                                    << QStringLiteral("s.yaml:4:11: events[0].at_s: ")
                                    << QStringLiteral("out of range (must be in [0, 31536000])") << 1;
    QTest::newRow("success above 1") << head + QStringLiteral("    set: {success: 1.3}\n")
                                     << QStringLiteral("s.yaml:4:20: events[0].set.success: ")
                                     << QStringLiteral("1.3 is out of range (must be in [0, 1])") << 1;
    QTest::newRow("no change") << head + QStringLiteral("    at_s: 5\n") << QStringLiteral("s.yaml:3:5: events[0]: ")
                               << QStringLiteral("the event changes nothing") << 1;
    QTest::newRow("ramp too long") << head + QStringLiteral(
                                                 "    duration_s: 30\n    ramp_s: 20\n    set: {success: 0.3}\n")
                                   << QStringLiteral("s.yaml:5:5: events[0]: ")
                                   << QStringLiteral("ramp_s (20) must be at most half of duration_s (30)") << 1;
    QTest::newRow("overlapping repeats")
        << head + QStringLiteral("    duration_s: 30\n    repeat: {count: 3, every_s: 20}\n    set: {success: 0.3}\n")
        << QStringLiteral("s.yaml:5:5: events[0]: ")
        << QStringLiteral("repeat.every_s (20) must be at least duration_s (30)") << 1;
    QTest::newRow("unknown pattern") << head + QStringLiteral("    set: {success: 0.3}\n    expect: OUTAGE\n")
                                     << QStringLiteral("s.yaml:5:13: events[0].expect: ")
                                     << QStringLiteral("'OUTAGE' is not one of") << 1;
    QTest::newRow("share of a success change")
        << head + QStringLiteral("    share: 0.2\n    scale: {latency_ms: 3, success: 0.5}\n")
        << QStringLiteral("s.yaml:4:5: events[0]: ") << QStringLiteral("a share below 1 changes latency_ms only") << 1;
    QTest::newRow("share of none") << head + QStringLiteral("    share: 0\n    scale: {latency_ms: 3}\n")
                                   << QStringLiteral("s.yaml:4:12: events[0].share: ")
                                   << QStringLiteral("0 is out of range (must be in (0, 1])") << 1;
    QTest::newRow("missing label") << QStringLiteral("name: s\nevents:\n  - at_s: 1\n    set: {success: 0.3}\n")
                                   << QStringLiteral("s.yaml:3:5: events[0]: ")
                                   << QStringLiteral("missing required key 'label'") << 1;
    QTest::newRow("missing name") << QStringLiteral("events: []\n") << QStringLiteral("s.yaml:1:1: ")
                                  << QStringLiteral("missing required key 'name'") << 1;
    QTest::newRow("unknown event key") << head + QStringLiteral("    start_s: 5\n    set: {success: 0.3}\n")
                                       << QStringLiteral("s.yaml:4:5: events[0]: ")
                                       << QStringLiteral("unknown key 'start_s'") << 1;
    QTest::newRow("syntax error") << head + QStringLiteral("    set: {success: 0.3\n") << QStringLiteral("s.yaml:5:1: ")
                                  << QStringLiteral("syntax error: ") << 1;
    QTest::newRow("several errors")
        << head + QStringLiteral("    at_s: soon\n    set: {success: 0.3}\n    scale: {success: 0.5, traffic: -1}\n")
        << QStringLiteral("s.yaml:4:11: events[0].at_s: ") << QStringLiteral("expected a number, got 'soon'") << 3;
}

void TestConfig::scenarioErrors()
{
    QFETCH(QString, yaml);
    QFETCH(QString, prefix);
    QFETCH(QString, phrase);
    QFETCH(int, lines);
    const Result<Scenario> parsed = parseScenario(yaml.toStdString(), "s.yaml");
    QVERIFY(!parsed.ok());
    const QStringList errors = errorLines(parsed.error());
    const bool found = std::any_of(errors.begin(), errors.end(), [&](const QString& line) {
        return line.startsWith(prefix) && line.contains(phrase);
    });
    QVERIFY2(
        found,
        qPrintable(
            QStringLiteral("no line starting '%1' containing '%2' in:\n%3").arg(prefix, phrase, q(parsed.error()))));
    QCOMPARE(errors.size(), lines);
}

// ---------------------------------------------------------------------------------------------------------------

void TestConfig::keySuggestions_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("suggestion"); // "" = none
    QTest::newRow("one deletion") << QStringLiteral("windw_ms") << QStringLiteral("window_ms");
    QTest::newRow("transposition") << QStringLiteral("widnow_ms") << QStringLiteral("window_ms");
    QTest::newRow("two edits") << QStringLiteral("windoe_ns") << QStringLiteral("window_ms");
    QTest::newRow("camelCase") << QStringLiteral("minWindowTx") << QStringLiteral("min_window_tx");
    QTest::newRow("too far") << QStringLiteral("colour") << QString();
    QTest::newRow("too short to guess") << QStringLiteral("x") << QString();
}

void TestConfig::keySuggestions()
{
    QFETCH(QString, word);
    QFETCH(QString, suggestion);
    const std::vector<std::string_view> known = {"window_ms", "min_window_tx", "z_threshold"};
    const auto s = suggestKey(word.toStdString(), known);
    QCOMPARE(s ? q(*s) : QString(), suggestion);
    QCOMPARE(editDistance("theta", "thetta"), 1);
    QCOMPARE(editDistance("ab", "ba"), 1);
    QCOMPARE(editDistance("", "abc"), 3);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
