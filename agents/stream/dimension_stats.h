#pragma once
// What the runtime knows about one dimension (global, issuer:X, method:M, issuer:X/method:M) for one window.
// A plain value: it goes into immutable cycle snapshots.

#include <cstdint>
#include <string>
#include <vector>

namespace payops {

enum class DimensionKind : std::uint8_t { Global, Issuer, Method, Path };

struct CodeCount {
    std::string code;
    std::uint32_t count = 0;
};

struct DimensionStats {
    std::string key; // "global", "issuer:HDFC", "method:upi", "issuer:HDFC/method:upi"
    DimensionKind kind = DimensionKind::Global;
    std::string issuer; // set for Issuer and Path
    std::string method; // set for Method and Path
    std::uint32_t count = 0;
    std::uint32_t success = 0, softFail = 0, hardFail = 0;
    double successRate = 0; // 0 when count == 0
    double failureShare = 0;
    double meanLatencyMs = 0;
    double p95LatencyMs = 0, p99LatencyMs = 0;
    double meanRetries = 0;
    double highRetryShare = 0; // share of transactions with >= the storm threshold retries
    std::string topErrorCode;  // the commonest code among failures
    double topErrorShare = 0;  // its share of the failures (error-code consistency)
    // The failures by response code, commonest first. Cycle statistics only (TransactionWindow::takeCycleStats):
    // window statistics are copied into every snapshot for every path, and carry the top code alone.
    std::vector<CodeCount> failureCodes;
    // Cycle statistics only: how many transactions were slower than the slow-tail bar the runtime set for this
    // dimension (TransactionWindow::setSlowBar), of how many counted against it (0 while no bar is set).
    std::uint32_t slowTx = 0, slowTested = 0;
    std::uint32_t slowBarMs = 0; // the bar this cycle was counted against (0: none)
    // Recent-window statistics only (TransactionWindow::recentStats): how many closed cycles they cover, fewer than
    // the window's count in a new run's first cycles.
    std::uint32_t cycles = 0;
    // False: a count without rates. The Python feed's gateway that the agent moved traffic away from still has its
    // traffic in the window, but the feed sends rates for the active gateway only. Set after detection, on cycles
    // that are shown and never saved, so it is not in the snapshot's JSON.
    bool ratesKnown = true;

    std::uint32_t failures() const { return softFail + hardFail; }
    // There are rates to show: traffic, and rates for it ("—" otherwise; 0 % would read as an outage).
    bool hasRates() const { return count > 0 && ratesKnown; }
};

std::string dimensionKey(DimensionKind kind, const std::string& issuer, const std::string& method);

// The success rate, failure share and top code, from the counts and failure codes.
void deriveShares(DimensionStats& stats);

// Orders failure codes commonest first, ties by code, so the order is the same on every run.
void sortCommonestFirst(std::vector<CodeCount>& codes);

// Adds `more` to `into`, code by code, keeping the commonest first.
void addFailureCodes(std::vector<CodeCount>& into, const std::vector<CodeCount>& more);

// How many of `codes` are `code` (0 when it is not there).
std::uint32_t countOfCode(const std::vector<CodeCount>& codes, const std::string& code);

// The path row of `issuer` x `method` among `rows`, or null when there is none (it had no transactions).
const DimensionStats* findPath(const std::vector<DimensionStats>& rows, const std::string& issuer,
                               const std::string& method);

} // namespace payops
