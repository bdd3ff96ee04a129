#pragma once
// What active interventions do to the simulated payment network (the closed loop). Rebuilt from the active
// intervention list whenever it changes; the simulator only reads it.

#include <cstdint>
#include <vector>

namespace payops {

struct SimulatorFeedback {
    std::vector<double> issuerTrafficScale; // by issuer id; suppress_path multiplies its traffic share
    std::vector<int> methodRerouteTo;       // by method id; -1 = none, else the method that takes its volume
    double retryProbScale = 1.0;            // reduce_retry_attempts
    int retryCountCap = -1;                 // -1 = no cap

    bool operator==(const SimulatorFeedback&) const = default;
};

} // namespace payops
