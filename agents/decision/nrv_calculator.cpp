#include "nrv_calculator.h"

#include <cmath>

namespace payops {

double computeNrv(const InterventionOption& o, double windowVolume, const NrvConfig& c)
{
    if (o.isNoAction())
        return 0.0;
    const double affected = std::floor(windowVolume * o.blastRadius);
    return o.successImpact * affected * c.avgTicket - (c.costPerIntervention + std::abs(o.costImpact)) -
           std::abs(o.latencyImpactMs) * c.latencyCostPerMs;
}

double safetyMagnitude(const InterventionOption& o)
{
    return 0.5 * o.blastRadius + 0.2 * std::abs(o.successImpact) + 0.1 * std::abs(o.latencyImpactMs) / 1000.0 +
           0.2 * o.friction;
}

} // namespace payops
