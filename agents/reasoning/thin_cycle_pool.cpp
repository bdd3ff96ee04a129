#include "reasoning/thin_cycle_pool.h"

#include <algorithm>

namespace payops {

void ThinCyclePool::add(const DimensionStats& c)
{
    DimensionStats& p = stats;
    if (cycles++ == 0) {
        p = {};
        p.key = c.key;
        p.kind = c.kind;
        p.issuer = c.issuer;
        p.method = c.method;
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
    p.successRate = p.count > 0 ? static_cast<double>(p.success) / p.count : 0.0;
    p.failureShare = p.count > 0 ? static_cast<double>(p.failures()) / p.count : 0.0;
    addFailureCodes(p.failureCodes, c.failureCodes);
    const std::uint32_t failures = p.failures();
    if (!p.failureCodes.empty() && failures > 0) {
        p.topErrorCode = p.failureCodes.front().code;
        p.topErrorShare = static_cast<double>(p.failureCodes.front().count) / failures;
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
    std::stable_sort(into.begin(), into.end(),
                     [](const CodeCount& a, const CodeCount& b) { return a.count > b.count; });
}

} // namespace payops
