#pragma once
// Net Revenue Value of an intervention:
//   NRV = success impact x floor(V x blast radius) x average ticket
//         - (cost per intervention + |cost impact|) - |latency impact ms| x latency cost per ms
// with V the window's transaction volume: the revenue the affected traffic recovers, less what acting costs.
// Example (suppress_path, V = 1000): 0.10 x 200 x 100 - (5 + 0.05) - 50 x 0.01 = 1994.45.

#include "config/agent_config.h"
#include "decision/intervention_option.h"

namespace payops {

double computeNrv(const InterventionOption& option, double windowVolume, const NrvConfig& config);

// Safety ordering key: 0.5 blast + 0.2 |d success| + 0.1 |d latency| / 1000 + 0.2 friction (reversible first).
double safetyMagnitude(const InterventionOption& option);

} // namespace payops
