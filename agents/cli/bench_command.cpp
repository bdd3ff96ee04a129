#include "bench_command.h"

#include "core/vector_state.h"
#include "detect/csv_scoring.h"
#include "detect/stream_detector.h"
#include "runtime/agent_runtime.h"
#include "stream/rng.h"
#include "stream/simulator.h"
#include "stream/transaction_window.h"

#include <QDate>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string>
#include <vector>

namespace payops {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Transactions per second the simulator produces (one core), in 1-second chunks of simulated time at a rate
// high enough that generation, not time stepping, dominates.
double benchGenerate(double minSeconds)
{
    AgentConfig config = defaultAgentConfig();
    config.simulator.ratePerS = 1e6;
    Dictionary dict;
    Simulator sim(config.simulator, dict, 42);
    std::vector<Transaction> buffer;
    buffer.reserve(1'100'000);
    std::uint64_t produced = 0;
    TimeMs t = config.simulator.startTimeMs;
    const auto start = Clock::now();
    do {
        buffer.clear();
        t += 1000;
        sim.advanceTo(t, buffer);
        produced += buffer.size();
    } while (secondsSince(start) < minSeconds);
    return static_cast<double>(produced) / secondsSince(start);
}

// Window ingest (add + evict) of pre-generated transactions, steady state (the window is full).
double benchIngest(double minSeconds)
{
    AgentConfig config = defaultAgentConfig();
    config.simulator.ratePerS = 100'000;
    Dictionary dict;
    Simulator sim(config.simulator, dict, 7);
    std::vector<Transaction> txs;
    sim.advanceTo(config.simulator.startTimeMs + 20'000, txs); // 2 M transactions over 20 s
    TransactionWindow window(dict, 5'000, 50, 3);              // 5 s window: evictions run all the time
    window.setRecentCycles(8); // as the runtime's (no cycle is closed here: ingest alone)
    std::uint64_t ingested = 0;
    TimeMs offset = 0;
    const auto start = Clock::now();
    do {
        for (const auto& tx : txs) {
            Transaction shifted = tx;
            shifted.timestampMs += offset;
            window.ingest(shifted);
            if ((++ingested & 1023) == 0)
                window.advanceTo(shifted.timestampMs);
        }
        offset += 20'000;
    } while (secondsSince(start) < minSeconds);
    return static_cast<double>(ingested) / secondsSince(start);
}

// One decide cycle (stats, detection, hypotheses, learning, planning, policy, acting, snapshot) with a window
// holding `windowSize` transactions. Ingest of the cycle's new transactions is measured separately above, so the
// runtime is fed at a rate that keeps the window at the size asked for and the clock is stopped around the
// cycle's own work only.
double benchCycleMicros(std::size_t windowSize, double minSeconds)
{
    AgentConfig config = defaultAgentConfig();
    config.simulator.ratePerS = static_cast<double>(windowSize) / (config.detector.windowMs / 1000.0);
    AgentRuntime runtime(config, 99);
    // Warm up: fill the window.
    const int warmupCycles = static_cast<int>(config.detector.windowMs / config.policy.cycleIntervalMs) + 2;
    for (int i = 0; i < warmupCycles; ++i)
        (void)runtime.runCycle();
    (void)runtime.takeAudit();
    (void)runtime.takeNewTransactions();
    double total = 0;
    int cycles = 0;
    const auto start = Clock::now();
    do {
        runtime.advanceStreamTo(runtime.nextCycleMs()); // ingest: measured by benchIngest, not here
        (void)runtime.takeNewTransactions();
        const auto c0 = Clock::now();
        (void)runtime.runCycle();
        total += secondsSince(c0);
        ++cycles;
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
    } while (secondsSince(start) < minSeconds || cycles < 5);
    return total / cycles * 1e6;
}

// A metric like the ones `detect` is run on, every 5 minutes from 2014-01-01: a daily cycle, noise, and a level
// shift every 20 000 rows (about 10 weeks). Deterministic, so figures are comparable between runs.
struct MetricSeries {
    static constexpr double kStartSeconds = 1388534400; // 2014-01-01T00:00:00Z
    static constexpr double kStepSeconds = 300;
    std::vector<double> times, values;
};

MetricSeries syntheticMetric(std::size_t rows)
{
    MetricSeries s;
    s.times.reserve(rows);
    s.values.reserve(rows);
    Rng rng(2014);
    double level = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        if (i > 0 && i % 20'000 == 0)
            level = level == 0 ? 40 : 0;
        const double t = MetricSeries::kStartSeconds + MetricSeries::kStepSeconds * static_cast<double>(i);
        s.times.push_back(t);
        s.values.push_back(100 + level + 30 * std::sin(2 * std::numbers::pi * t / 86400) + 3 * rng.normal());
    }
    return s;
}

// Where the detector benchmark's checksum goes, so the optimiser cannot drop the loop that computes it.
volatile double g_detectChecksum = 0;

// StreamDetector::update alone, rows per second on one stream (the series is generated before the clock starts).
double benchDetect(double minSeconds)
{
    const MetricSeries series = syntheticMetric(2'000'000);
    const std::size_t n = series.times.size();
    double checksum = 0;
    std::uint64_t rows = 0;
    clearUpperVectorState(); // as `detect` does before its loop (core/vector_state.h)
    const auto start = Clock::now();
    do {
        detect::StreamDetector detector;
        for (std::size_t i = 0; i < n; ++i)
            checksum += detector.update(series.times[i], series.values[i]).score;
        rows += n;
    } while (secondsSince(start) < minSeconds);
    const double elapsed = secondsSince(start);
    g_detectChecksum = checksum;
    return static_cast<double>(rows) / elapsed;
}

// The synthetic series as `detect` reads it: "YYYY-MM-DD HH:MM:SS,value" rows under a header.
bool writeMetricCsv(const QString& path, const MetricSeries& series)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    std::string buffer = "timestamp,value\n";
    QByteArray day;
    std::int64_t dayNumber = -1;
    for (std::size_t i = 0; i < series.times.size(); ++i) {
        const auto offset = static_cast<std::int64_t>(series.times[i] - MetricSeries::kStartSeconds);
        if (offset / 86400 != dayNumber) {
            dayNumber = offset / 86400;
            day = QDate(2014, 1, 1).addDays(dayNumber).toString(Qt::ISODate).toLatin1();
        }
        const std::int64_t secondOfDay = offset % 86400;
        char row[64];
        const int len = std::snprintf(row, sizeof row, "%s %02d:%02d:%02d,%.3f\n", day.constData(),
                                      static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                                      static_cast<int>(secondOfDay % 60), series.values[i]);
        buffer.append(row, static_cast<std::size_t>(len));
        if (buffer.size() > (1 << 20)) {
            file.write(buffer.data(), static_cast<qint64>(buffer.size()));
            buffer.clear();
        }
    }
    file.write(buffer.data(), static_cast<qint64>(buffer.size()));
    return file.flush() && file.error() == QFileDevice::NoError;
}

// `payops-agent detect` end to end - parse, score, write - on a 1 M row file (written before the clock starts).
double benchDetectCsv(double minSeconds)
{
    constexpr std::size_t kRows = 1'000'000;
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("metric.csv"));
    const QString output = dir.filePath(QStringLiteral("scored.csv"));
    if (!dir.isValid() || !writeMetricCsv(input, syntheticMetric(kRows)))
        return 0;
    std::uint64_t rows = 0;
    const auto start = Clock::now();
    do {
        const detect::CsvScoringReport report = detect::scoreCsvFile(input, output);
        if (report.outcome != detect::CsvScoringReport::Outcome::Scored)
            return 0;
        rows += static_cast<std::uint64_t>(report.rowsScored);
    } while (secondsSince(start) < minSeconds);
    return static_cast<double>(rows) / secondsSince(start);
}

} // namespace

nlohmann::json runBenchmarks(const BenchOptions& options)
{
    // The command line's parser left the vector registers' upper halves dirty (core/vector_state.h); the agent
    // clears them at every cycle, and so must a benchmark of its parts, or it measures the parser's leftovers.
    clearUpperVectorState();
    nlohmann::json out;
    out["generate_tx_per_s"] = benchGenerate(options.seconds);
    out["ingest_tx_per_s"] = benchIngest(options.seconds);
    nlohmann::json cycle = nlohmann::json::object();
    for (std::size_t n : {1'000u, 10'000u, 100'000u, 1'000'000u})
        cycle[std::to_string(n)] = benchCycleMicros(n, options.seconds);
    out["cycle_us"] = cycle;
    out["detect_rows_per_s"] = benchDetect(options.seconds);
    out["detect_csv_rows_per_s"] = benchDetectCsv(options.seconds);
    return out;
}

} // namespace payops
