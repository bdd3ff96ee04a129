#pragma once
// Spillover: one incident seen on two dimensions. An issuer that fails, fails in every payment method it carries,
// and a method that fails, fails at every issuer: during HDFC's outage bnpl's success rate drops (its HDFC
// transactions fail), and during UPI's fatigue HDFC's does. Flagged on its own, each such dimension is an
// anomaly that is true of it but not its cause, and sends the operator to the wrong place.
//
// The cycle's issuer x method counts tell the two apart. A flagged method whose failures, without those of a
// flagged issuer, are what it usually has, while the issuer's without that method are not, fails because of the
// issuer: its flag joins the issuer's anomaly as evidence. And the other way round. When both look usual without
// the other (only HDFC's UPI fails), neither is the other's cause and both stay. A dimension flagged for one failure
// code alone is asked about that code (the path rows carry their failures by code). Slowness the same way, on the
// cycle's mean latency: a slow issuer slows every method it carries.

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
enum class SpilloverMeasure { Failures, MeanLatency, MeanRetries };

// An issuer or method flagged this cycle for failing, or for being slow.
struct FlaggedDimension {
    std::size_t index = 0;                 // the caller's index of the dimension
    const DimensionStats* cycle = nullptr; // its figures this cycle
    Pattern pattern = Pattern::IssuerDegradation;
    // Failures: its usual share of failures. Mean latency (retries): its usual mean latency in ms (mean retries).
    // Below 0: not known yet.
    double usual = -1;
    // Means only: the typical error of one cycle's mean, at usualCount transactions a cycle (a mean over fewer
    // transactions spreads more).
    double spread = 0, usualCount = 0;
    // False for a dimension that has an anomaly of its own open: it keeps it (folded, it would vanish and come back
    // as a new anomaly whenever the figures tipped the other way).
    bool mayJoin = true;
    // Failures flagged by their code alone (the failure-code mix, not the success rate): that code and its usual
    // share of the failures. Without the other dimension's transactions the question is then whether that code is
    // still beyond its usual share: UPI's timeout code U30 at HDFC is all UPI's, even when HDFC's other failures are
    // a few more than usual by chance.
    std::string code = {};
    double codeUsual = 0;
};

struct SpilloverFold {
    std::size_t from = 0, into = 0; // caller's indices: from's failure flag belongs to into's anomaly
    Evidence why;                   // the figures that say so
};

// Without the other dimension's transactions, a share of failures this many binomial standard deviations
// (as a normal deviate of the tail) or less above usual is usual; the cause must be at least kCauseZ above.
inline constexpr double kUsualZ = 2.0;
inline constexpr double kCauseZ = 3.0;

// `measure`: Failures or MeanLatency (path rows carry no retries). pathOf(issuer, method): that path's figures this
// cycle, or null. minTx: fewer transactions than this left without the other dimension say nothing either way. A
// dimension joins at most one other (the one with which it shares the most failures, or transactions for latency),
// and never one that has joined another itself.
std::vector<SpilloverFold>
findSpillover(SpilloverMeasure measure, const std::vector<FlaggedDimension>& flagged,
              const std::function<const DimensionStats*(const std::string&, const std::string&)>& pathOf,
              std::uint32_t minTx);

// How far beyond usual `whole`'s figure this cycle is without the transactions of `part`, one of its slices (a path
// of an issuer or method, or an issuer or method of the global dimension), as a normal deviate (0: not beyond).
// Empty when fewer than minTx transactions remain or whole's usual figure is not known yet.
std::optional<double> zWithout(SpilloverMeasure measure, const FlaggedDimension& whole, const DimensionStats& part,
                               std::uint32_t minTx);

// The normal deviate of P(at least `failures` of `count` | usual share), 0 when not above the usual count.
double excessFailureZ(std::uint32_t failures, std::uint32_t count, double usual);

} // namespace payops
