#pragma once
// A risky decision waiting for a human. It changes nothing until approved; it expires when the anomalies that
// caused it clear first, or after the policy's time to live.

#include "core/clock.h"
#include "decision/intervention_option.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class ApprovalState { Pending, Approved, Rejected, Expired };
const char* approvalStateName(ApprovalState s); // pending, approved, rejected, expired

struct ApprovalRequest {
    std::int64_t id = 0;
    InterventionOption option;
    std::int64_t configVersion = 0;
    TimeMs createdMs = 0;
    TimeMs expiresMs = 0;
    ApprovalState state = ApprovalState::Pending;
    TimeMs decidedMs = 0;
    std::string decidedBy;
    std::string reason;
    std::optional<std::int64_t> interventionId; // set when the approved action ran

    std::string summary() const; // "suppress_path issuer:HDFC - blast 0.20, NRV 1994.45; needs approval: ..."
};

} // namespace payops
