#pragma once
// The human-readable cycle report of `payops-agent run`, in the layout operators know from the original agent:
// one line per issuer (state, success, latency, retries), then the decision, the action, NRV and blast radius.

#include "runtime/cycle_snapshot.h"

#include <string>

namespace payops {

std::string formatCycleReport(const CycleSnapshot& s);

} // namespace payops
