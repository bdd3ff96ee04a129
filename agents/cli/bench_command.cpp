#include "bench_command.h"

#include "runtime/agent_runtime.h"
#include "stream/simulator.h"
#include "stream/transaction_window.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

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

} // namespace

nlohmann::json runBenchmarks(const BenchOptions& options)
{
    nlohmann::json out;
    out["generate_tx_per_s"] = benchGenerate(options.seconds);
    out["ingest_tx_per_s"] = benchIngest(options.seconds);
    nlohmann::json cycle = nlohmann::json::object();
    for (std::size_t n : {1'000u, 10'000u, 100'000u, 1'000'000u})
        cycle[std::to_string(n)] = benchCycleMicros(n, options.seconds);
    out["cycle_us"] = cycle;
    return out;
}

} // namespace payops
