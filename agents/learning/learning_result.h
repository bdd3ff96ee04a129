#pragma once
// The learner's verdict on one intervention: expected against actual change, accuracy, and how it moved the
// confidence of that intervention type.

#include "core/clock.h"

#include <cstdint>
#include <string>

namespace payops {

struct LearningResult {
    std::int64_t interventionId = 0;
    std::string type;
    TimeMs evaluatedMs = 0;
    double expectedSuccessDelta = 0, actualSuccessDelta = 0;
    double expectedLatencyDeltaMs = 0, actualLatencyDeltaMs = 0;
    std::uint64_t beforeCount = 0, afterCount = 0; // transactions measured on each side
    double accuracy = 0;
    bool success = false;
    std::string unexpected; // unexpected effects, empty when none
    double confidenceBefore = 0, confidenceAfter = 0;
    bool rollback = false; // automatic rollback triggered
    std::string rollbackReason;
};

} // namespace payops
