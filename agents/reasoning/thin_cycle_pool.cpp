#include "reasoning/thin_cycle_pool.h"

namespace payops {

void ThinCyclePool::add(const DimensionStats& c)
{
    DimensionStats& p = stats;
    if (cycles++ == 0) {
        p = c; // assigned, so the pool's buffers are reused
        return;
    }
    const double before = p.count, added = c.count, n = before + added;
    if (n > 0) {
        // Means of the union, weighted by each part's transactions (each mean is a sum over a count). A part with
        // no transactions leaves the other's means exactly as they were.
        const auto pooled = [&](double a, double b) {
            return before == 0 ? b : added == 0 ? a : (a * before + b * added) / n;
        };
        p.meanLatencyMs = pooled(p.meanLatencyMs, c.meanLatencyMs);
        p.meanRetries = pooled(p.meanRetries, c.meanRetries);
        p.highRetryShare = pooled(p.highRetryShare, c.highRetryShare);
    }
    p.count += c.count;
    p.success += c.success;
    p.softFail += c.softFail;
    p.hardFail += c.hardFail;
    addFailureCodes(p.failureCodes, c.failureCodes);
    // Slow counts add up whatever bar each cycle had: each was counted against the bar of its time.
    p.slowTx += c.slowTx;
    p.slowTested += c.slowTested;
    if (c.slowBarMs > 0)
        p.slowBarMs = c.slowBarMs;
    deriveShares(p);
}

} // namespace payops
