#include "reasoning/spillover.h"

#include "detect/gaussian_tail.h"
#include "reasoning/failure_code_mix.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace payops {

double excessFailureZ(std::uint32_t failures, std::uint32_t count, double usual)
{
    if (count == 0 || static_cast<double>(failures) <= usual * count)
        return 0.0;
    const double p = binomialUpperTail(failures, count, std::clamp(usual, 1e-4, 1.0 - 1e-4));
    return p >= 0.5 ? 0.0 : detect::inverseUpperTail(p);
}

namespace {

// One dimension's figures with one path's taken out.
struct Without {
    std::uint32_t count = 0, failures = 0;
    double z = 0;
};

std::optional<Without> without(const FailingDimension& d, const DimensionStats& path, std::uint32_t minTx)
{
    if (d.usualFailureShare < 0 || path.count > d.cycle->count || path.failures() > d.cycle->failures())
        return std::nullopt;
    Without w{d.cycle->count - path.count, d.cycle->failures() - path.failures(), 0};
    if (w.count < minTx)
        return std::nullopt;
    w.z = excessFailureZ(w.failures, w.count, d.usualFailureShare);
    return w;
}

} // namespace

std::vector<SpilloverFold>
findSpillover(const std::vector<FailingDimension>& failing,
              const std::function<const DimensionStats*(const std::string&, const std::string&)>& pathOf,
              std::uint32_t minTx)
{
    struct Candidate {
        std::size_t into = 0;
        std::uint32_t shared = 0; // failures on the path between the two
        SpilloverFold fold;
    };
    std::vector<std::optional<Candidate>> best(failing.size());
    for (std::size_t a = 0; a < failing.size(); ++a) {
        const FailingDimension& from = failing[a];
        for (std::size_t b = 0; b < failing.size(); ++b) {
            const FailingDimension& to = failing[b];
            if (from.cycle->kind == to.cycle->kind)
                continue;
            const DimensionStats& issuer = from.cycle->kind == DimensionKind::Issuer ? *from.cycle : *to.cycle;
            const DimensionStats& method = from.cycle->kind == DimensionKind::Method ? *from.cycle : *to.cycle;
            const DimensionStats* path = pathOf(issuer.issuer, method.method);
            if (!path || path->failures() == 0)
                continue;
            const auto fromRest = without(from, *path, minTx);
            const auto toRest = without(to, *path, minTx);
            if (!fromRest || !toRest || fromRest->z > kUsualZ || toRest->z < kCauseZ)
                continue;
            if (best[a] && best[a]->shared >= path->failures())
                continue;
            SpilloverFold fold;
            fold.from = from.index;
            fold.into = to.index;
            Evidence& e = fold.why;
            e.pattern = from.pattern;
            e.metric = "cycle_failure_share_without";
            e.dimension = from.cycle->key;
            e.value = static_cast<double>(fromRest->failures) / fromRest->count;
            e.baseline = from.usualFailureShare;
            e.baselineStd = binomialShareSpread(from.usualFailureShare, fromRest->count);
            e.z = fromRest->z;
            e.count = fromRest->count;
            char rule[256];
            std::snprintf(rule, sizeof rule,
                          "%s fails through %s: %u of its %u failures this cycle were there; without them %u of %u "
                          "failed (%.0f %%, usually %.0f %%)",
                          from.cycle->key.c_str(), to.cycle->key.c_str(), path->failures(), from.cycle->failures(),
                          fromRest->failures, fromRest->count, 100.0 * e.value, 100.0 * e.baseline);
            e.rule = rule;
            best[a] = Candidate{b, path->failures(), std::move(fold)};
        }
    }
    std::vector<SpilloverFold> folds;
    for (std::size_t a = 0; a < failing.size(); ++a) {
        if (!best[a])
            continue;
        // A chain (bnpl into HDFC, HDFC into UPI) would hide a cause: only a dimension that keeps its own flag
        // takes others in.
        if (best[best[a]->into])
            continue;
        folds.push_back(std::move(best[a]->fold));
    }
    return folds;
}

} // namespace payops
