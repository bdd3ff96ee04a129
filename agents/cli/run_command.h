#pragma once
// `payops-agent run`: runs the runtime on the simulator for N cycles and prints a report per cycle (text like
// the original agent's console, or one JSON snapshot per line).

#include "config/agent_config.h"
#include "core/result.h"
#include "stream/scenario.h"

#include <cstdint>
#include <iosfwd>
#include <optional>

namespace payops {

struct RunOptions {
    AgentConfig config = defaultAgentConfig();
    std::optional<Scenario> scenario;
    std::int64_t cycles = 10;
    std::uint64_t seed = 1;
    double speed = 0;  // simulated seconds per wall second; 0 = as fast as possible
    bool json = false;
};

// Returns the process exit code.
int runAgent(const RunOptions& options, std::ostream& out, std::ostream& err);

} // namespace payops
