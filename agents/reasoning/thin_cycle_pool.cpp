#include "reasoning/thin_cycle_pool.h"

#include <algorithm>

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
    deriveShares(p);
}

void deriveShares(DimensionStats& s)
{
    s.successRate = s.count > 0 ? static_cast<double>(s.success) / s.count : 0.0;
    s.failureShare = s.count > 0 ? static_cast<double>(s.failures()) / s.count : 0.0;
    const std::uint32_t failures = s.failures();
    if (!s.failureCodes.empty() && failures > 0) {
        s.topErrorCode = s.failureCodes.front().code;
        s.topErrorShare = static_cast<double>(s.failureCodes.front().count) / failures;
    }
}

void addFailureCodes(std::vector<CodeCount>& into, const std::vector<CodeCount>& more)
{
    for (const CodeCount& code : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const CodeCount& x) { return x.code == code.code; });
        if (it == into.end())
            into.push_back(code);
        else
            it->count += code.count;
    }
    // Commonest first, ties by code, so the order is the same on every run (std::sort: no buffer to allocate).
    std::sort(into.begin(), into.end(), [](const CodeCount& a, const CodeCount& b) {
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
}

} // namespace payops
