#include "reasoning/spillover.h"

#include "detect/gaussian_tail.h"
#include "reasoning/binomial.h"
#include "reasoning/likelihood_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace payops {

double excessFailureZ(std::uint32_t failures, std::uint32_t count, double usual)
{
    if (count == 0 || static_cast<double>(failures) <= usual * count)
        return 0.0;
    return detect::deviateOfTail(binomialUpperTail(failures, count, std::clamp(usual, 1e-4, 1.0 - 1e-4)));
}

namespace {

// One dimension's figures with one path's taken out.
struct Without {
    std::uint32_t count = 0, failures = 0;
    std::uint32_t withCode = 0; // of the failures, those with the flagged code (code flags only)
    bool byCode = false;        // z is the flagged code's, not the share of failures'
    bool codeFlag = false;      // flagged by a code, and asked about it
    int cycles = 1;             // the cycles judged: 2 for a code flag found on this cycle and the previous one
    // Over those cycles: the failures on the path and in all, and (code flags) those with the code.
    std::uint32_t pathFailures = 0, pathWithCode = 0, allFailures = 0, allWithCode = 0;
    double mean = 0;   // mean latency (ms) or mean retries
    double spread = 0; // means: the typical error of a mean over this many transactions
    double z = 0;      // how far beyond usual, as a normal deviate (0: not beyond)
};

// A path with no transactions in a cycle.
const DimensionStats kNoPath{};

// A dimension flagged by one code (FlaggedDimension::code) is asked about that code. The one that would join must be
// usual by its code without the path, where the path carries most of its failures with it (UPI's U30 at HDFC is all
// UPI's, even when HDFC's other failures are a few more than usual by chance); elsewhere by its share of failures.
// The one that would take it in (`asCause`) must still be beyond usual by its code or by its share of failures, the
// stronger: a cause whose other failures are only a few more than usual, but nearly all of its code, is still the
// cause. Asking a cause flagged by its code about that code alone, as first tried, left a method's flag separate where
// a thin, rerouted issuer had failed through it (flapping_issuer: more spillover, not less). `earlierPath`, when not
// null, is the path's previous cycle: a code found on two cycles (earlierCount) is judged on both.
std::optional<Without> without(SpilloverMeasure measure, const FlaggedDimension& d, const DimensionStats& path,
                               const DimensionStats* earlierPath, std::uint32_t minTx, bool asCause = false)
{
    const DimensionStats& c = *d.cycle;
    const bool failing = measure == SpilloverMeasure::Failures || measure == SpilloverMeasure::WindowFailures;
    const bool codeFlag = measure == SpilloverMeasure::Failures && !d.code.empty() && (asCause || !d.byRate);
    const bool twoCycles = codeFlag && d.earlierCount > 0 && earlierPath;
    const DimensionStats& before = twoCycles ? *earlierPath : kNoPath;
    // A window joiner is judged against the rule's bar, everything else against its usual figure.
    const double reference = measure == SpilloverMeasure::WindowFailures && !asCause ? d.bar : d.usual;
    Without w;
    w.codeFlag = codeFlag;
    w.cycles = twoCycles ? 2 : 1;
    // 64 bits: a damaged flag's earlier counts must not wrap the sums. The earlier row's failures are its failures by
    // code, so the earlier path's are too.
    const std::uint64_t count = std::uint64_t{c.count} + (twoCycles ? d.earlierCount : 0);
    const std::uint64_t failures = std::uint64_t{c.failures()} + (twoCycles ? d.earlierFailures : 0);
    const std::uint64_t pathCount = std::uint64_t{path.count} + before.count;
    std::uint64_t pathFailures = path.failures();
    for (const CodeCount& code : before.failureCodes)
        pathFailures += code.count;
    if (reference < 0 || pathCount > count || pathFailures > failures || failures > count || path.count > c.count ||
        path.failures() > c.failures() || count > std::numeric_limits<std::uint32_t>::max())
        return std::nullopt;
    w.count = static_cast<std::uint32_t>(count - pathCount);
    w.failures = static_cast<std::uint32_t>(failures - pathFailures);
    w.pathFailures = static_cast<std::uint32_t>(pathFailures);
    w.allFailures = static_cast<std::uint32_t>(failures);
    if (codeFlag) {
        w.allWithCode = countOfCode(c.failureCodes, d.code) + (twoCycles ? d.earlierWithCode : 0);
        w.pathWithCode = countOfCode(path.failureCodes, d.code) + countOfCode(before.failureCodes, d.code);
        w.withCode = w.allWithCode - std::min(w.allWithCode, w.pathWithCode);
    }
    if (w.count < minTx) {
        // Too little left to judge. A cause whose own failure anomaly is open was judged on fuller cycles before
        // (HDFC, rerouted after its outage, keeps a few transactions, most of them card's): while some of what is left
        // still fails, it stays the cause.
        if (asCause && d.open && failing && w.failures > 0) {
            w.z = kCauseZ;
            return w;
        }
        // A joiner flagged for one code whose every failure with it is on the path has nothing of its own to show: a
        // small method (netbanking) during an issuer's outage.
        if (asCause || !codeFlag || w.allWithCode == 0 || w.withCode > 0)
            return std::nullopt;
        w.byCode = true;
        return w;
    }
    if (failing) {
        w.z = excessFailureZ(w.failures, w.count, reference);
        // A success-rate flag rests on this cycle alone: a cause flagged by its rate and by a code found on two cycles
        // has its share judged on this cycle, its code on both.
        if (twoCycles && d.byRate) {
            const std::uint32_t left = c.count - path.count, failingLeft = c.failures() - path.failures();
            w.z = left >= minTx               ? excessFailureZ(failingLeft, left, reference)
                  : d.open && failingLeft > 0 ? kCauseZ // as above: judged on fuller cycles before
                                              : 0.0;
        }
        if (codeFlag) {
            const double codeZ = excessFailureZ(w.withCode, w.failures, d.codeUsual);
            // A joiner is judged by its code only where the path carries most of its failures with it; elsewhere the
            // few failures left would look usual by any code.
            const bool pathsCode = 2 * w.pathWithCode > w.allWithCode;
            if (asCause ? codeZ > w.z : pathsCode) {
                w.z = codeZ;
                w.byCode = true;
            }
        }
        return w;
    }
    if (!(d.spread > 0) || !(d.usualCount > 0))
        return std::nullopt;
    const auto figure = [&](const DimensionStats& s) {
        return measure == SpilloverMeasure::MeanLatency ? s.meanLatencyMs : s.meanRetries;
    };
    w.mean = std::max(0.0, (figure(c) * c.count - figure(path) * path.count) / w.count);
    // At its size, as the series judge their rows.
    w.spread = d.spread * RowSampling::widenFor(d.usualCount, w.count);
    w.z = std::max(0.0, (w.mean - d.usual) / w.spread);
    return w;
}

Evidence explain(SpilloverMeasure measure, const FlaggedDimension& from, const FlaggedDimension& to,
                 const DimensionStats& path, const Without& rest)
{
    Evidence e;
    e.pattern = from.pattern;
    e.dimension = from.cycle->key;
    e.z = rest.z;
    e.count = rest.count;
    e.baseline = from.usual;
    e.zFromTail = measure != SpilloverMeasure::MeanLatency; // a share of failures is judged by its binomial tail
    const Phrase::Arg when =
        phrase::nested(rest.cycles == 2 ? makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "over the last 2 cycles"))
                                        : makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "this cycle")));
    const Phrase::Arg source = phrase::text(from.cycle->key), through = phrase::text(to.cycle->key);
    if (measure == SpilloverMeasure::Failures && rest.byCode) {
        e.metric = "cycle_code_share_without";
        e.count = rest.failures; // the share is of failures, as the code flag's own evidence counts them
        e.value = rest.failures > 0 ? static_cast<double>(rest.withCode) / rest.failures : 0.0;
        e.baseline = from.codeUsual;
        e.baselineStd = binomialShareSpread(from.codeUsual, rest.failures);
        setRule(e, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                "%1's code %2 is %3's: %4 of its %5 failures with it %6 were there; "
                                                "without them %7 of %8 failures had it (usually %9 %)"),
                              {source, phrase::text(from.code), through, phrase::whole(rest.pathWithCode),
                               phrase::whole(rest.allWithCode), when, phrase::whole(rest.withCode),
                               phrase::whole(rest.failures), phrase::fixed(100.0 * from.codeUsual, 0)}));
    } else if (measure == SpilloverMeasure::WindowFailures) {
        e.metric = "failure_share_without";
        e.value = static_cast<double>(rest.failures) / rest.count;
        e.baseline = from.bar;
        e.baselineStd = binomialShareSpread(from.bar, rest.count);
        setRule(e, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                "%1 fails through %2: %3 of its %4 failures in the window were there; "
                                                "without them %5 of %6 failed (%7 %, the rule's bar %8 %)"),
                              {source, through, phrase::whole(rest.pathFailures), phrase::whole(rest.allFailures),
                               phrase::whole(rest.failures), phrase::whole(rest.count),
                               phrase::fixed(100.0 * e.value, 0), phrase::fixed(100.0 * from.bar, 0)}));
    } else if (measure == SpilloverMeasure::Failures) {
        e.metric = "cycle_failure_share_without";
        e.value = static_cast<double>(rest.failures) / rest.count;
        e.baselineStd = binomialShareSpread(from.usual, rest.count);
        setRule(e, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                "%1 fails through %2: %3 of its %4 failures %5 were there; without "
                                                "them %6 of %7 failed (%8 %, usually %9 %)"),
                              {source, through, phrase::whole(rest.pathFailures), phrase::whole(rest.allFailures), when,
                               phrase::whole(rest.failures), phrase::whole(rest.count),
                               phrase::fixed(100.0 * e.value, 0), phrase::fixed(100.0 * from.usual, 0)}));
    } else { // MeanLatency: findSpillover is not asked about retries
        e.metric = "cycle_mean_latency_without";
        e.value = rest.mean;
        e.baselineStd = rest.spread;
        setRule(e, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                "%1 is slow through %2: %3 of its %4 transactions this cycle went "
                                                "there at %5 ms; without them its mean latency was %6 ms (usually %7 "
                                                "+/- %8 ms)"),
                              {source, through, phrase::whole(path.count), phrase::whole(from.cycle->count),
                               phrase::fixed(path.meanLatencyMs, 0), phrase::fixed(rest.mean, 0),
                               phrase::fixed(from.usual, 0), phrase::fixed(e.baselineStd, 0)}));
    }
    return e;
}

} // namespace

std::optional<double> zWithout(SpilloverMeasure measure, const FlaggedDimension& whole, const DimensionStats& part,
                               std::uint32_t minTx)
{
    const auto rest = without(measure, whole, part, nullptr, minTx);
    return rest ? std::optional<double>(rest->z) : std::nullopt;
}

std::vector<SpilloverFold> findSpillover(SpilloverMeasure measure, const std::vector<FlaggedDimension>& flagged,
                                         const PathLookup& pathOf, std::uint32_t minTx, const PathLookup& earlierPathOf)
{
    struct Candidate {
        std::size_t into = 0;
        std::uint32_t shared = 0; // failures (or, for latency, transactions) on the path between the two
        SpilloverFold fold;
    };
    std::vector<std::optional<Candidate>> best(flagged.size());
    for (std::size_t a = 0; a < flagged.size(); ++a) {
        const FlaggedDimension& from = flagged[a];
        if (!from.mayJoin)
            continue;
        for (std::size_t b = 0; b < flagged.size(); ++b) {
            const FlaggedDimension& to = flagged[b];
            if (from.cycle->kind == to.cycle->kind)
                continue;
            const DimensionStats& issuer = from.cycle->kind == DimensionKind::Issuer ? *from.cycle : *to.cycle;
            const DimensionStats& method = from.cycle->kind == DimensionKind::Method ? *from.cycle : *to.cycle;
            const DimensionStats* found = pathOf(issuer.issuer, method.method);
            const DimensionStats& path = found ? *found : kNoPath;
            // The previous cycle's path, for a flag found on two cycles (none that cycle: no transactions).
            const DimensionStats* earlier = nullptr;
            if (earlierPathOf && (from.earlierCount > 0 || to.earlierCount > 0)) {
                earlier = earlierPathOf(issuer.issuer, method.method);
                if (!earlier)
                    earlier = &kNoPath;
            }
            const auto fromRest = without(measure, from, path, earlier, minTx);
            const auto toRest = without(measure, to, path, earlier, minTx, true);
            if (!fromRest || !toRest)
                continue;
            // For a code flag, the failures with that code: the path it would join is the one that carries the most.
            const std::uint32_t shared = measure == SpilloverMeasure::MeanLatency ? path.count
                                         : fromRest->codeFlag                     ? fromRest->pathWithCode
                                                                                  : fromRest->pathFailures;
            if (shared == 0 || fromRest->z > kUsualZ || toRest->z < kCauseZ)
                continue;
            if (best[a] && best[a]->shared >= shared)
                continue;
            best[a] = Candidate{b, shared, {from.index, to.index, explain(measure, from, to, path, *fromRest)}};
        }
    }
    std::vector<SpilloverFold> folds;
    for (std::size_t a = 0; a < flagged.size(); ++a) {
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
