#pragma once
// Spillover: one incident seen on two dimensions. An issuer that fails, fails in every payment method it carries,
// and a method that fails, fails at every issuer: during HDFC's outage bnpl's success rate drops (its HDFC
// transactions fail), and during UPI's fatigue HDFC's does. Flagged on its own, each such dimension is an
// anomaly that is true of it but not its cause, and sends the operator to the wrong place.
//
// The issuer x method counts tell the two apart. A flagged method whose failures, without those of a flagged issuer,
// are what it usually has, while the issuer's without that method are not, fails because of the issuer: its flag
// joins the issuer's anomaly as evidence. And the other way round. When both look usual without the other (only
// HDFC's UPI fails), neither is the other's cause and both stay. A flag is judged on the figures it rests on: a code
// flag on its code, over the cycles the code was found on (this one, or this one and the previous one); the window's
// failure-share rule on the window's paths. Slowness the same way, on the cycle's mean latency: a slow issuer slows
// every method it carries.

#include "reasoning/anomaly.h"
#include "stream/dimension_stats.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace payops {

// What a flag is about: failing (the binomial share of failures), slowness (the cycle's mean latency) or retrying
// (the cycle's mean retries: only between global and an issuer or method, path rows carry no retries).
// WindowFailures: the failure-share rule on five minutes of traffic; the figures and the paths' are the window's, and a
// joiner is judged against the rule's bar (FlaggedDimension::bar).
enum class SpilloverMeasure { Failures, MeanLatency, MeanRetries, WindowFailures };

// An issuer or method flagged this cycle for failing, or for being slow.
struct FlaggedDimension {
    std::size_t index = 0;                 // the caller's index of the dimension
    const DimensionStats* cycle = nullptr; // its figures this cycle (WindowFailures: over the window)
    Pattern pattern = Pattern::IssuerDegradation;
    // Failures: its usual share of failures. Mean latency (retries): its usual mean latency in ms (mean retries).
    // Below 0: not known yet.
    double usual = -1;
    // Means only: the typical error of one cycle's mean, at usualCount transactions a cycle (a mean over fewer
    // transactions spreads more).
    double spread = 0, usualCount = 0;
    // False for a dimension that has an anomaly of its own open: it keeps it (folded, it would vanish and come back
    // as a new anomaly whenever the figures tipped the other way); for one with no flag of this measure to give; and
    // (WindowFailures) for one that still has other failure flags, which keep its own anomaly.
    bool mayJoin = true;
    // Its own anomaly for this pattern is open. Judged on fuller cycles before, it is still a cause of failures when
    // too few of its transactions are left without the other's to judge, if some of them fail.
    bool open = false;
    // WindowFailures: the failure-share rule's bar. A joiner whose share without the other's path the rule would not
    // flag (within 2 binomial deviations of the bar) fails through the other; `usual` is for the cause.
    double bar = 0;
    // Flagged by a failure code (the failure-code mix): that code and its usual share of the failures. Without the
    // other dimension's transactions the question is then whether that code is still beyond its usual share: UPI's
    // timeout code U30 at HDFC is all UPI's, even when HDFC's other failures are a few more than usual by chance.
    std::string code = {};
    double codeUsual = 0;
    // A code found on this cycle and the previous one together (the failure-code mix tests the short window's rows
    // together; with the default window of two, the previous cycle): that cycle's transactions, failures by code, and
    // failures with the code. The paths' previous cycle (earlierPathOf) is taken out of it too: this cycle alone often
    // holds too few of the code's failures to say whose they are. 0: found on this cycle alone.
    std::uint32_t earlierCount = 0, earlierFailures = 0, earlierWithCode = 0;
    // Flagged by its success rate as well as its code: it joins by its share of failures alone (more than its code
    // fails), and is a cause by its code or its share (this cycle's, as the rate flag's), the stronger.
    bool byRate = false;
};

struct SpilloverFold {
    std::size_t from = 0, into = 0; // caller's indices: from's failure flag belongs to into's anomaly
    Evidence why;                   // the figures that say so
};

// Without the other dimension's transactions, a share of failures this many binomial standard deviations
// (as a normal deviate of the tail) or less above usual is usual; the cause must be at least kCauseZ above.
inline constexpr double kUsualZ = 2.0;
inline constexpr double kCauseZ = 3.0;

// A path's figures (issuer, method), or null when it had no transactions.
using PathLookup = std::function<const DimensionStats*(const std::string&, const std::string&)>;

// `measure`: Failures, MeanLatency or WindowFailures (path rows carry no retries). pathOf: the paths over the flags'
// figures (this cycle, or the window); earlierPathOf: the previous cycle (for flags with earlierCount; none given:
// such flags are judged on this cycle alone). minTx: fewer transactions than this left without the other dimension
// say nothing either way. A dimension joins at most one other (the one with which it shares the most failures, or
// transactions for latency), and never one that has joined another itself.
std::vector<SpilloverFold> findSpillover(SpilloverMeasure measure, const std::vector<FlaggedDimension>& flagged,
                                         const PathLookup& pathOf, std::uint32_t minTx,
                                         const PathLookup& earlierPathOf = {});

// How far beyond usual `whole`'s figure this cycle is without the transactions of `part`, one of its slices (a path
// of an issuer or method, or an issuer or method of the global dimension), as a normal deviate (0: not beyond).
// Empty when fewer than minTx transactions remain or whole's usual figure is not known yet.
std::optional<double> zWithout(SpilloverMeasure measure, const FlaggedDimension& whole, const DimensionStats& part,
                               std::uint32_t minTx);

// The normal deviate of P(at least `failures` of `count` | usual share), 0 when not above the usual count.
double excessFailureZ(std::uint32_t failures, std::uint32_t count, double usual);

} // namespace payops
