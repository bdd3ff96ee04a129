#pragma once
// `payops-agent run`: runs the runtime on the simulator for N cycles and prints a report per cycle (text like
// the original agent's console, or one JSON snapshot per line). With a database every cycle is committed,
// operator commands from other processes are applied, and --resume continues where the last run stopped.

#include "runtime/agent_session.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace payops {

struct RunOptions {
    SessionOptions session; // config, seed, scenario, resume, database path
    bool persist = true;    // false: nothing is written (--no-db)
    std::int64_t cycles = 10;
    // --cycles was given. Without it a resumed run with a scenario plays the scenario's duration to its end.
    bool cyclesGiven = false;
    double speed = 0; // simulated seconds per wall second; 0 = as fast as possible
    bool json = false;
};

// Returns the process exit code.
int runAgent(const RunOptions& options, std::ostream& out, std::ostream& err);

} // namespace payops
