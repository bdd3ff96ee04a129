#pragma once
// An intervention that was executed: what it does, when it ends, how it ended, and the traffic counters at the
// moments the learner compares (before / at apply) to judge its effect.

#include "core/clock.h"
#include "decision/intervention_option.h"
#include "stream/transaction_window.h"

#include <cstdint>
#include <optional>
#include <string>

namespace payops {

enum class InterventionState { Active, Expired, RolledBack, Completed };
const char* interventionStateName(InterventionState s); // active, expired, rolled_back, completed

struct Intervention {
    std::int64_t id = 0;
    InterventionOption option;
    std::string source; // "autonomous" or "approval #3 by alice"
    TimeMs appliedMs = 0;
    TimeMs expiresMs = 0; // == appliedMs for instantaneous actions (alerts)
    InterventionState state = InterventionState::Active;
    TimeMs endedMs = 0;
    std::string endedBy; // "expiry", "operator:alice", "learning (automatic rollback)"
    std::string endReason;
    CumulativeCounters countersBefore; // global counters one effect window before it was applied
    CumulativeCounters countersAtApply;
    bool evaluated = false;
};

} // namespace payops
