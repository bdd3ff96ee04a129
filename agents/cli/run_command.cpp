#include "run_command.h"

#include "runtime/agent_runtime.h"
#include "runtime/cycle_report.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ostream>
#include <thread>

namespace payops {

int runAgent(const RunOptions& options, std::ostream& out, std::ostream& err)
{
    AgentRuntime runtime(options.config, options.seed);
    if (options.scenario) {
        if (Status s = runtime.setScenario(*options.scenario); !s.ok()) {
            err << "payops-agent run: " << s.error() << "\n";
            return 2;
        }
    }
    const auto wallStart = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < options.cycles; ++i) {
        CycleSnapshotPtr snap = runtime.runCycle();
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
        if (options.json)
            out << snapshotToJson(*snap).dump() << "\n";
        else
            out << formatCycleReport(*snap) << "\n";
        out.flush();
        if (options.speed > 0) {
            // Pace simulated time at `speed` x wall time.
            const auto due = wallStart + std::chrono::duration<double>(
                                             static_cast<double>(snap->elapsedMs) / 1000.0 / options.speed);
            std::this_thread::sleep_until(due);
        }
    }
    return 0;
}

} // namespace payops
