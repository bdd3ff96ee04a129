#pragma once
// The observation window: transactions with T - windowMs <= ts <= T (or, when that holds fewer than
// minTransactions, the last minTransactions). Per-dimension aggregates are added to on ingest and subtracted
// from on eviction, so reading the window's statistics costs the same for a thousand or a million
// transactions. Transactions are evicted in arrival order.
//
// Global cumulative counters (never evicted) let the learner measure exactly what happened between two instants.

#include "core/clock.h"
#include "stream/coarse_latency_histogram.h"
#include "stream/dictionary.h"
#include "stream/dimension_stats.h"
#include "stream/latency_histogram.h"
#include "stream/transaction.h"

#include <array>
#include <memory>
#include <span>
#include <vector>

namespace payops {

struct CumulativeCounters {
    std::uint64_t count = 0, success = 0, latencySum = 0;
};

class TransactionWindow {
public:
    TransactionWindow(const Dictionary& dict, TimeMs windowMs, int minTransactions, int highRetryCount);

    // A new high-retry count also empties the recent window (its cycles were counted against the old one).
    void setWindow(TimeMs windowMs, int minTransactions, int highRetryCount);
    // The recent window: the last `cycles` cycles (each closed by takeCycleStats), 0 for none. A five-minute statistic
    // peaks after an incident shorter than five minutes has ended; the detector's window rules ask the recent figures
    // whether the excess is still there. Made of the cycle counts the window keeps anyway, plus a coarse latency
    // histogram per cycle and dimension, so it costs ingest one histogram add per dimension and nothing on eviction.
    // Changing the count empties it.
    void setRecentCycles(int cycles);
    int recentCycles() const { return m_recentCycles; }
    // After a restore: the recent window's cycles again from the retained transactions, the last one ending at
    // `lastCycleEndMs`, each `intervalMs` long and holding the transactions stamped in [end - interval, end) (the
    // simulator's, whose arrival at a cycle's end is stamped with its millisecond, are exactly the cycle's; an
    // external feed's late records land by their stamps, so approximately). Cycles older than what the window retains
    // come back short. A run that has closed only `closedCycles` cycles gets that many, not empty ones before its
    // start.
    void rebuildRecentCycles(TimeMs lastCycleEndMs, TimeMs intervalMs, std::int64_t closedCycles);
    void ingest(const Transaction& t);
    void ingest(std::span<const Transaction> ts);
    // Drops from the aggregates everything older than now - windowMs.
    void advanceTo(TimeMs nowMs);

    // Statistics in a stable order: global, every issuer and method the dictionary knows (with traffic in the window
    // or not), then every path that has had traffic.
    std::vector<DimensionStats> stats() const;
    // The recent window's statistics (the cycles closed so far, up to recentCycles()) for the global dimension, every
    // issuer and every method, in stats()'s order, no paths: counts, rates, means and the p95 (to 6.25 %; p99 stays
    // 0). Empty while the recent window is off.
    std::vector<DimensionStats> recentStats() const;
    // One cycle's statistics: the transactions ingested since the previous call, for the global, issuer and method
    // dimensions (success, failure share, retries, mean latency, failures by code, the transactions beyond the
    // slow-tail bar; percentiles stay 0), then for each issuer x method path that had any, its count, failures, their
    // codes and mean latency only (enough to tell whose failures a method's are; no key, found by issuer and method).
    // Then the next cycle starts. A five-minute window moves by under 3 % in an eight-second cycle; the cycle's own
    // figures show a change at once.
    std::vector<DimensionStats> takeCycleStats();
    // Starts the next cycle without reading this one (after a restore, the restored window is not one cycle). The
    // recent window keeps its cycles.
    void startCycle();
    // From the next transaction on, the cycle statistics of `key` ("issuer:X", "method:M") count the transactions
    // slower than `ms` (0: none; the runtime sets the detector's slow-tail bars after every cycle). Returns false
    // for an unknown key, and for global and paths, which have no bar: global's slow transactions are its issuers'.
    bool setSlowBar(const std::string& key, std::uint32_t ms);
    void clearSlowBars(); // every dimension: none
    // Transactions currently counted (time window), and those retained (>= the fallback minimum).
    std::size_t windowCount() const { return m_tail - m_aggStart; }
    std::size_t retainedCount() const { return m_tail - m_head; }
    // Timestamp of the oldest retained transaction (what a persisted window must still hold); 0 when empty.
    TimeMs oldestRetainedMs() const { return m_tail > m_head ? at(m_head).timestampMs : 0; }
    CumulativeCounters cumulativeGlobal() const { return m_cumGlobal; }
    // After a restore the global counters continue from where they were (the learner compares against them).
    void setCumulativeGlobal(const CumulativeCounters& c) { m_cumGlobal = c; }

    // Retained transactions oldest first (for persistence of the window).
    std::vector<Transaction> retained() const;
    void clear();

private:
    // The failures by code (commonest first) of a per-code count, as the dictionary names them.
    std::vector<CodeCount> codesOf(const std::array<std::uint32_t, ErrorCodes::kCapacity>& codes) const;
    // What a dimension's statistics are made of, for the window and for one cycle alike.
    struct Counts {
        std::uint32_t count = 0, highRetry = 0;
        std::array<std::uint32_t, 3> outcomes{}; // by Outcome: success, soft, hard
        std::uint64_t latencySum = 0, retrySum = 0;
        std::array<std::uint32_t, ErrorCodes::kCapacity> codes{}; // [0] counts successes (no code)

        // Adds (sign +1) or takes away (-1) another's counts.
        void merge(const Counts& other, int sign);
        // Branch-free: this runs eleven times per transaction (four window dimensions in and out, three cycle
        // dimensions in).
        void add(const Transaction& t, int delta, int highRetryCount)
        {
            const auto d = static_cast<std::uint32_t>(delta);
            const auto wide = static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
            count += d;
            outcomes[static_cast<std::size_t>(t.outcome)] += d;
            latencySum += wide * t.latencyMs;
            retrySum += wide * t.retries;
            highRetry += d * static_cast<std::uint32_t>(t.retries >= highRetryCount);
            codes[t.errorCode & (ErrorCodes::kCapacity - 1)] += d;
        }
    };
    struct Aggregate : Counts {
        LatencyHistogram latency;
    };

    void ensureIssuer(std::uint16_t issuer);
    // A transaction's issuer x method slot in m_paths and m_cyclePaths.
    static std::size_t pathIndex(const Transaction& t)
    {
        return static_cast<std::size_t>(t.issuer) * Dictionary::kMaxMethods + t.method % Dictionary::kMaxMethods;
    }
    void apply(const Transaction& t, int delta);
    static void applyTo(Aggregate& a, const Transaction& t, int delta, int highRetryCount)
    {
        a.add(t, delta, highRetryCount);
        a.latency.adjust(t.latencyMs, delta);
    }
    // Identity, outcomes, rates, mean latency and retries, and the commonest failure code: everything but the
    // latency percentiles (window only) and the failures by code (cycle only).
    DimensionStats countsToStats(const Counts& c, DimensionKind kind, const std::string& issuer,
                                 const std::string& method) const;
    DimensionStats statsOf(const Aggregate& a, DimensionKind kind, const std::string& issuer,
                           const std::string& method) const;
    std::vector<DimensionStats> statsOfLast(std::size_t n) const;
    const Transaction& at(std::size_t logical) const { return m_ring[logical & (m_ring.size() - 1)]; }
    void grow();
    void dropUnneeded();

    const Dictionary& m_dict;
    TimeMs m_windowMs;
    std::size_t m_minTransactions;
    int m_highRetryCount;

    // Ring buffer addressed by ever-increasing logical indices: [m_head, m_tail) retained,
    // [m_aggStart, m_tail) counted in the aggregates.
    std::vector<Transaction> m_ring;
    std::size_t m_head = 0, m_aggStart = 0, m_tail = 0;
    // The current cycle's counts (takeCycleStats), added to on ingest: reading them costs the same however many
    // transactions a cycle holds. Global, then one per issuer id, then one per method id.
    Counts m_cycleGlobal;
    std::vector<Counts> m_cycleIssuers;
    std::array<Counts, Dictionary::kMaxMethods> m_cycleMethods{};
    struct PathCount {
        std::uint32_t count = 0, failures = 0;
        std::uint64_t latencySum = 0;
        // By response code ([0] counts successes): a flag on one failure code asks whose transactions carry it
        // (reasoning/spillover.h).
        std::array<std::uint32_t, ErrorCodes::kCapacity> codes{};
    };
    std::vector<PathCount> m_cyclePaths; // by issuer * kMaxMethods + method, as m_paths
    // The slow-tail bars (kNoBar: none) and this cycle's counts against them, in the same order.
    static constexpr std::uint32_t kNoBar = 0xffffffffu;
    struct SlowCount {
        std::uint32_t barMs = kNoBar;
        std::uint32_t slow = 0, tested = 0;
        void add(std::uint32_t latencyMs)
        {
            const bool counted = barMs != kNoBar;
            tested += counted;
            slow += counted && latencyMs > barMs;
        }
    };
    std::vector<SlowCount> m_slowIssuers;
    std::array<SlowCount, Dictionary::kMaxMethods> m_slowMethods{};

    // The recent window: one cycle's (or the sum of several cycles') counts and latencies, for global, by issuer id
    // and by method id.
    struct Recent : Counts {
        CoarseLatencyHistogram latency;
    };
    struct RecentSet {
        Recent global;
        std::vector<Recent> issuers, methods;
        void merge(const RecentSet& other, int sign);
        void add(const Transaction& t, int highRetryCount);
    };
    void closeRecentCycle(); // the cycle takeCycleStats closes joins the recent window, the oldest leaves it
    int m_recentCycles = 0;
    // This cycle's latencies (its counts are m_cycleGlobal, m_cycleIssuers and m_cycleMethods).
    CoarseLatencyHistogram m_cycleLatencyGlobal;
    std::vector<CoarseLatencyHistogram> m_cycleLatencyIssuers;
    std::array<CoarseLatencyHistogram, Dictionary::kMaxMethods> m_cycleLatencyMethods{};
    std::vector<RecentSet> m_recentRing; // the closed cycles, up to m_recentCycles; m_recentOldest is the next to go
    std::size_t m_recentOldest = 0;
    RecentSet m_recentSum; // their sum

    std::unique_ptr<Aggregate> m_global;
    std::vector<std::unique_ptr<Aggregate>> m_issuers; // by issuer id
    std::vector<std::unique_ptr<Aggregate>> m_methods; // by method id, allocated when first seen
    std::vector<std::unique_ptr<Aggregate>> m_paths;   // by issuer * kMaxMethods + method
    CumulativeCounters m_cumGlobal;
};

} // namespace payops
