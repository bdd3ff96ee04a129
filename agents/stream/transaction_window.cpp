#include "transaction_window.h"

#include <QtGlobal>
#include <algorithm>
#include <map>

namespace payops {

std::string dimensionKey(DimensionKind kind, const std::string& issuer, const std::string& method)
{
    switch (kind) {
    case DimensionKind::Global:
        return "global";
    case DimensionKind::Issuer:
        return "issuer:" + issuer;
    case DimensionKind::Method:
        return "method:" + method;
    case DimensionKind::Path:
        return "issuer:" + issuer + "/method:" + method;
    }
    return {};
}

TransactionWindow::TransactionWindow(const Dictionary& dict, TimeMs windowMs, int minTransactions, int highRetryCount)
    : m_dict(dict), m_windowMs(windowMs), m_minTransactions(static_cast<std::size_t>(std::max(0, minTransactions))),
      m_highRetryCount(highRetryCount), m_ring(1024), m_global(std::make_unique<Aggregate>())
{
    m_methods.resize(Dictionary::kMaxMethods);
}

void TransactionWindow::setWindow(TimeMs windowMs, int minTransactions, int highRetryCount)
{
    m_windowMs = windowMs;
    m_minTransactions = static_cast<std::size_t>(std::max(0, minTransactions));
    if (highRetryCount != m_highRetryCount) {
        // The high-retry counts depend on the threshold: rebuild the aggregates from the counted transactions.
        const auto start = m_aggStart;
        const auto tail = m_tail;
        for (auto i = start; i < tail; ++i)
            apply(at(i), -1);
        m_highRetryCount = highRetryCount;
        for (auto i = start; i < tail; ++i)
            apply(at(i), +1);
        setRecentCycles(m_recentCycles);
    }
}

void TransactionWindow::setRecentCycles(int cycles)
{
    m_recentCycles = std::max(0, cycles);
    // Latencies are added only while the window is on: what a cycle collected before a switch is not all of it.
    m_cycleLatencyGlobal = {};
    std::fill(m_cycleLatencyIssuers.begin(), m_cycleLatencyIssuers.end(), CoarseLatencyHistogram{});
    m_cycleLatencyMethods.fill({});
    m_recentRing.clear();
    m_recentOldest = 0;
    m_recentSum = {};
}

void TransactionWindow::Counts::merge(const Counts& other, int sign)
{
    const auto d = static_cast<std::uint32_t>(sign);
    const auto wide = static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
    count += d * other.count;
    highRetry += d * other.highRetry;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        outcomes[i] += d * other.outcomes[i];
    latencySum += wide * other.latencySum;
    retrySum += wide * other.retrySum;
    for (std::size_t i = 0; i < codes.size(); ++i)
        codes[i] += d * other.codes[i];
}

void TransactionWindow::RecentSet::merge(const RecentSet& other, int sign)
{
    const auto one = [sign](Recent& into, const Recent& from) {
        if (from.count == 0)
            return;
        into.Counts::merge(from, sign);
        into.latency.merge(from.latency, sign);
    };
    one(global, other.global);
    if (issuers.size() < other.issuers.size())
        issuers.resize(other.issuers.size());
    for (std::size_t i = 0; i < other.issuers.size(); ++i)
        one(issuers[i], other.issuers[i]);
    if (methods.size() < other.methods.size())
        methods.resize(other.methods.size());
    for (std::size_t m = 0; m < other.methods.size(); ++m)
        one(methods[m], other.methods[m]);
}

void TransactionWindow::RecentSet::add(const Transaction& t, int highRetryCount)
{
    const auto one = [&](Recent& r) {
        r.Counts::add(t, +1, highRetryCount);
        r.latency.add(t.latencyMs);
    };
    one(global);
    if (issuers.size() <= t.issuer)
        issuers.resize(std::size_t{t.issuer} + 1);
    one(issuers[t.issuer]);
    const std::size_t method = t.method % Dictionary::kMaxMethods;
    if (methods.size() <= method)
        methods.resize(method + 1);
    one(methods[method]);
}

void TransactionWindow::rebuildRecentCycles(TimeMs lastCycleEndMs, TimeMs intervalMs, std::int64_t closedCycles)
{
    setRecentCycles(m_recentCycles);
    const auto cycles = static_cast<int>(std::min<std::int64_t>(m_recentCycles, closedCycles));
    if (cycles <= 0 || intervalMs <= 0)
        return;
    m_recentRing.resize(static_cast<std::size_t>(cycles)); // oldest first
    const TimeMs span = intervalMs * cycles;
    for (auto i = m_head; i < m_tail; ++i) {
        const Transaction& t = at(i);
        const TimeMs age = lastCycleEndMs - t.timestampMs; // 1 .. span: in one of the cycles
        if (age < 1 || age > span)
            continue;
        const auto back = static_cast<std::size_t>((age - 1) / intervalMs); // 0: the last cycle
        m_recentRing[m_recentRing.size() - 1 - back].add(t, m_highRetryCount);
    }
    for (const RecentSet& cycle : m_recentRing)
        m_recentSum.merge(cycle, +1);
}

void TransactionWindow::closeRecentCycle()
{
    // The oldest slot is reused once the ring is full: a cycle allocates nothing here.
    RecentSet* slot = nullptr;
    if (m_recentRing.size() < static_cast<std::size_t>(m_recentCycles)) {
        slot = &m_recentRing.emplace_back();
    } else {
        slot = &m_recentRing[m_recentOldest];
        m_recentSum.merge(*slot, -1);
        m_recentOldest = (m_recentOldest + 1) % m_recentRing.size();
    }
    const auto take = [](Recent& into, const Counts& counts, const CoarseLatencyHistogram& latency) {
        static_cast<Counts&>(into) = counts;
        into.latency = latency;
    };
    take(slot->global, m_cycleGlobal, m_cycleLatencyGlobal);
    slot->issuers.resize(m_cycleIssuers.size());
    for (std::size_t i = 0; i < m_cycleIssuers.size(); ++i)
        take(slot->issuers[i], m_cycleIssuers[i], m_cycleLatencyIssuers[i]);
    slot->methods.resize(std::min(m_dict.methods.size(), m_cycleMethods.size()));
    for (std::size_t m = 0; m < slot->methods.size(); ++m)
        take(slot->methods[m], m_cycleMethods[m], m_cycleLatencyMethods[m]);
    m_recentSum.merge(*slot, +1);
}

void TransactionWindow::ensureIssuer(std::uint16_t issuer)
{
    if (issuer < m_issuers.size())
        return;
    const std::size_t n = static_cast<std::size_t>(issuer) + 1;
    while (m_issuers.size() < n)
        m_issuers.push_back(std::make_unique<Aggregate>());
    m_cycleIssuers.resize(n);
    m_cycleLatencyIssuers.resize(n);
    m_cyclePaths.resize(n * Dictionary::kMaxMethods);
    if (m_slowIssuers.size() < n) // setSlowBar may have sized it for an issuer not seen yet
        m_slowIssuers.resize(n);
    m_paths.resize(n * Dictionary::kMaxMethods);
}

void TransactionWindow::apply(const Transaction& t, int delta)
{
    ensureIssuer(t.issuer);
    const std::size_t method = t.method % Dictionary::kMaxMethods;
    const std::size_t path = pathIndex(t);
    if (!m_paths[path]) [[unlikely]]
        m_paths[path] = std::make_unique<Aggregate>();
    if (!m_methods[method]) [[unlikely]]
        m_methods[method] = std::make_unique<Aggregate>();
    applyTo(*m_global, t, delta, m_highRetryCount);
    applyTo(*m_issuers[t.issuer], t, delta, m_highRetryCount);
    applyTo(*m_methods[method], t, delta, m_highRetryCount);
    applyTo(*m_paths[path], t, delta, m_highRetryCount);
}

void TransactionWindow::grow()
{
    std::vector<Transaction> bigger(m_ring.size() * 2);
    for (auto i = m_head; i < m_tail; ++i)
        bigger[i & (bigger.size() - 1)] = at(i);
    m_ring.swap(bigger);
}

void TransactionWindow::ingest(const Transaction& t)
{
    if (m_tail - m_head == m_ring.size()) {
        dropUnneeded(); // entries out of the aggregates and older than the fallback minimum go before growing
        if (m_tail - m_head == m_ring.size())
            grow();
    }
    m_ring[m_tail & (m_ring.size() - 1)] = t;
    ++m_tail;
    apply(t, +1);
    // This cycle's counts (ensureIssuer, in apply, has sized m_cycleIssuers).
    m_cycleGlobal.add(t, +1, m_highRetryCount);
    m_cycleIssuers[t.issuer].add(t, +1, m_highRetryCount);
    m_cycleMethods[t.method % Dictionary::kMaxMethods].add(t, +1, m_highRetryCount);
    PathCount& path = m_cyclePaths[pathIndex(t)];
    ++path.count;
    path.failures += t.failed() ? 1 : 0;
    path.latencySum += t.latencyMs;
    ++path.codes[t.errorCode & (ErrorCodes::kCapacity - 1)];
    m_slowIssuers[t.issuer].add(t.latencyMs);
    m_slowMethods[t.method % Dictionary::kMaxMethods].add(t.latencyMs);
    if (m_recentCycles > 0) {
        m_cycleLatencyGlobal.add(t.latencyMs);
        m_cycleLatencyIssuers[t.issuer].add(t.latencyMs);
        m_cycleLatencyMethods[t.method % Dictionary::kMaxMethods].add(t.latencyMs);
    }
    ++m_cumGlobal.count;
    m_cumGlobal.success += t.outcome == Outcome::Success ? 1 : 0;
    m_cumGlobal.latencySum += t.latencyMs;
}

void TransactionWindow::ingest(std::span<const Transaction> ts)
{
    for (const auto& t : ts)
        ingest(t);
}

void TransactionWindow::advanceTo(TimeMs nowMs)
{
    const TimeMs cutoff = nowMs - m_windowMs;
    while (m_aggStart < m_tail && at(m_aggStart).timestampMs < cutoff) {
        apply(at(m_aggStart), -1);
        ++m_aggStart;
    }
    dropUnneeded();
}

void TransactionWindow::dropUnneeded()
{
    // Retained = everything the aggregates count, plus the last m_minTransactions even when they left the time
    // window (the fallback needs them). Dropping anything the aggregates still count would corrupt them.
    const std::size_t keepFrom = m_tail > m_minTransactions ? m_tail - m_minTransactions : 0;
    m_head = std::max(m_head, std::min(m_aggStart, keepFrom));
    Q_ASSERT(m_head <= m_aggStart);
}

DimensionStats TransactionWindow::countsToStats(const Counts& c, DimensionKind kind, const std::string& issuer,
                                                const std::string& method) const
{
    DimensionStats s;
    s.kind = kind;
    s.issuer = issuer;
    s.method = method;
    s.key = dimensionKey(kind, issuer, method);
    s.count = c.count;
    s.success = c.outcomes[0];
    s.softFail = c.outcomes[1];
    s.hardFail = c.outcomes[2];
    if (c.count > 0) {
        const double n = c.count;
        s.successRate = c.outcomes[0] / n;
        s.failureShare = (c.outcomes[1] + c.outcomes[2]) / n;
        s.meanLatencyMs = static_cast<double>(c.latencySum) / n;
        s.meanRetries = static_cast<double>(c.retrySum) / n;
        s.highRetryShare = c.highRetry / n;
    }
    const std::uint32_t failures = c.outcomes[1] + c.outcomes[2];
    if (failures > 0) {
        std::size_t best = 1; // codes[0] counts successes
        for (std::size_t code = 2; code < c.codes.size(); ++code) {
            if (c.codes[code] > c.codes[best])
                best = code;
        }
        if (best < m_dict.errorCodes.size())
            s.topErrorCode = m_dict.errorCodes.name(static_cast<std::uint16_t>(best));
        s.topErrorShare = static_cast<double>(c.codes[best]) / failures;
    }
    return s;
}

DimensionStats TransactionWindow::statsOf(const Aggregate& a, DimensionKind kind, const std::string& issuer,
                                          const std::string& method) const
{
    DimensionStats s = countsToStats(a, kind, issuer, method);
    if (a.count > 0) {
        s.p95LatencyMs = a.latency.percentile(0.95);
        s.p99LatencyMs = a.latency.percentile(0.99);
    }
    return s;
}

std::vector<DimensionStats> TransactionWindow::stats() const
{
    if (windowCount() < m_minTransactions && retainedCount() > windowCount())
        return statsOfLast(std::min(retainedCount(), m_minTransactions));

    static const Aggregate kEmpty;
    std::vector<DimensionStats> out;
    out.push_back(statsOf(*m_global, DimensionKind::Global, {}, {}));
    // Every issuer and method the dictionary knows, with or without transactions in the window: a dimension that
    // fell quiet keeps its series going (its cycles count as empty), and one known from a restored checkpoint is
    // there from the first cycle, as it would have been had the agent not restarted.
    for (std::size_t i = 0; i < m_dict.issuers.size(); ++i) {
        const Aggregate& a = i < m_issuers.size() ? *m_issuers[i] : kEmpty;
        out.push_back(statsOf(a, DimensionKind::Issuer, m_dict.issuers.name(static_cast<std::uint16_t>(i)), {}));
    }
    for (std::size_t m = 0; m < m_dict.methods.size(); ++m) {
        const Aggregate& a = m_methods[m] ? *m_methods[m] : kEmpty;
        out.push_back(statsOf(a, DimensionKind::Method, {}, m_dict.methods.name(static_cast<std::uint16_t>(m))));
    }
    for (std::size_t p = 0; p < m_paths.size(); ++p) {
        if (!m_paths[p])
            continue;
        const auto issuer = static_cast<std::uint16_t>(p / Dictionary::kMaxMethods);
        const auto method = static_cast<std::uint16_t>(p % Dictionary::kMaxMethods);
        out.push_back(
            statsOf(*m_paths[p], DimensionKind::Path, m_dict.issuers.name(issuer), m_dict.methods.name(method)));
    }
    return out;
}

std::vector<DimensionStats> TransactionWindow::recentStats() const
{
    std::vector<DimensionStats> out;
    if (m_recentCycles <= 0)
        return out;
    const auto statsOf = [this](const Recent& r, DimensionKind kind, const std::string& issuer,
                                const std::string& method) {
        DimensionStats s = countsToStats(r, kind, issuer, method);
        s.p95LatencyMs = r.latency.percentile(0.95);
        s.cycles = static_cast<std::uint32_t>(m_recentRing.size());
        return s;
    };
    static const Recent kNone;
    out.reserve(1 + m_dict.issuers.size() + m_dict.methods.size());
    out.push_back(statsOf(m_recentSum.global, DimensionKind::Global, {}, {}));
    for (std::size_t i = 0; i < m_dict.issuers.size(); ++i) {
        const Recent& r = i < m_recentSum.issuers.size() ? m_recentSum.issuers[i] : kNone;
        out.push_back(statsOf(r, DimensionKind::Issuer, m_dict.issuers.name(static_cast<std::uint16_t>(i)), {}));
    }
    for (std::size_t m = 0; m < m_dict.methods.size(); ++m) {
        const Recent& r = m < m_recentSum.methods.size() ? m_recentSum.methods[m] : kNone;
        out.push_back(statsOf(r, DimensionKind::Method, {}, m_dict.methods.name(static_cast<std::uint16_t>(m))));
    }
    return out;
}

// The fallback window (fewer than the minimum in the time window): small by definition, so it is computed
// directly from the last n transactions with the same aggregate code.
std::vector<DimensionStats> TransactionWindow::statsOfLast(std::size_t n) const
{
    TransactionWindow tmp(m_dict, m_windowMs, 0, m_highRetryCount);
    for (auto i = m_tail - n; i < m_tail; ++i)
        tmp.ingest(at(i));
    return tmp.stats();
}

std::vector<CodeCount> TransactionWindow::codesOf(const std::array<std::uint32_t, ErrorCodes::kCapacity>& codes) const
{
    const std::size_t known = std::min(codes.size(), m_dict.errorCodes.size());
    std::vector<CodeCount> out;
    out.reserve(static_cast<std::size_t>(
        std::count_if(codes.begin() + std::min<std::size_t>(1, known), codes.begin() + known,
                      [](std::uint32_t n) { return n > 0; }))); // one allocation: this runs for every path each cycle
    for (std::size_t code = 1; code < known; ++code) {
        if (codes[code] > 0)
            out.push_back({m_dict.errorCodes.name(static_cast<std::uint16_t>(code)), codes[code]});
    }
    sortCommonestFirst(out);
    return out;
}

std::vector<DimensionStats> TransactionWindow::takeCycleStats()
{
    // Counts and sums only (so the mean latency, not the p95): a latency histogram per dimension would cost more to
    // keep per cycle than the rest together.
    const auto statsOf = [this](const Counts& c, const SlowCount& slow, DimensionKind kind, const std::string& issuer,
                                const std::string& method) {
        DimensionStats s = countsToStats(c, kind, issuer, method);
        s.slowTx = slow.slow;
        s.slowTested = slow.tested;
        s.slowBarMs = slow.barMs == kNoBar ? 0 : slow.barMs;
        s.failureCodes = codesOf(c.codes);
        return s;
    };
    std::vector<DimensionStats> out;
    out.reserve(1 + m_dict.issuers.size() + m_dict.methods.size());
    static const SlowCount kNoSlow; // global has no bar: its slow transactions are its issuers'
    out.push_back(statsOf(m_cycleGlobal, kNoSlow, DimensionKind::Global, {}, {}));
    for (std::size_t i = 0; i < m_dict.issuers.size(); ++i) {
        static const Counts kNone;
        const Counts& c = i < m_cycleIssuers.size() ? m_cycleIssuers[i] : kNone;
        const SlowCount& slow = i < m_slowIssuers.size() ? m_slowIssuers[i] : kNoSlow;
        out.push_back(statsOf(c, slow, DimensionKind::Issuer, m_dict.issuers.name(static_cast<std::uint16_t>(i)), {}));
    }
    for (std::size_t m = 0; m < m_dict.methods.size() && m < m_cycleMethods.size(); ++m)
        out.push_back(statsOf(m_cycleMethods[m], m_slowMethods[m], DimensionKind::Method, {},
                              m_dict.methods.name(static_cast<std::uint16_t>(m))));
    for (std::size_t p = 0; p < m_cyclePaths.size(); ++p) {
        const PathCount& c = m_cyclePaths[p];
        const auto issuer = static_cast<std::uint16_t>(p / Dictionary::kMaxMethods);
        const auto method = static_cast<std::uint16_t>(p % Dictionary::kMaxMethods);
        if (c.count == 0 || issuer >= m_dict.issuers.size() || method >= m_dict.methods.size())
            continue;
        DimensionStats s;
        s.kind = DimensionKind::Path;
        s.issuer = m_dict.issuers.name(issuer);
        s.method = m_dict.methods.name(method);
        // No key: a path row is found by its issuer and method, and most cycles nobody looks (a key this long would
        // cost an allocation per path and cycle).
        s.count = c.count;
        s.softFail = c.failures;
        s.success = c.count - c.failures;
        deriveShares(s);
        s.meanLatencyMs = static_cast<double>(c.latencySum) / c.count;
        if (c.failures > 0)
            s.failureCodes = codesOf(c.codes);
        out.push_back(std::move(s));
    }
    if (m_recentCycles > 0)
        closeRecentCycle();
    startCycle();
    return out;
}

void TransactionWindow::startCycle()
{
    m_cycleGlobal = {};
    std::fill(m_cycleIssuers.begin(), m_cycleIssuers.end(), Counts{});
    m_cycleMethods.fill({});
    std::fill(m_cyclePaths.begin(), m_cyclePaths.end(), PathCount{});
    if (m_recentCycles > 0) {
        m_cycleLatencyGlobal = {};
        std::fill(m_cycleLatencyIssuers.begin(), m_cycleLatencyIssuers.end(), CoarseLatencyHistogram{});
        m_cycleLatencyMethods.fill({});
    }
    // The bars stay: the runtime sets them between cycles.
    const auto restart = [](SlowCount& c) { c.slow = c.tested = 0; };
    std::for_each(m_slowIssuers.begin(), m_slowIssuers.end(), restart);
    std::for_each(m_slowMethods.begin(), m_slowMethods.end(), restart);
}

void TransactionWindow::clearSlowBars()
{
    const auto none = [](SlowCount& c) { c.barMs = kNoBar; };
    std::for_each(m_slowIssuers.begin(), m_slowIssuers.end(), none);
    std::for_each(m_slowMethods.begin(), m_slowMethods.end(), none);
}

bool TransactionWindow::setSlowBar(const std::string& key, std::uint32_t ms)
{
    const std::uint32_t bar = ms == 0 ? kNoBar : ms;
    const auto named = [&](std::string_view prefix, const auto& names) -> std::optional<std::uint16_t> {
        if (!key.starts_with(prefix))
            return std::nullopt;
        return names.find(std::string_view(key).substr(prefix.size()));
    };
    if (auto issuer = named("issuer:", m_dict.issuers)) {
        if (m_slowIssuers.size() <= *issuer)
            m_slowIssuers.resize(std::size_t{*issuer} + 1);
        m_slowIssuers[*issuer].barMs = bar;
        return true;
    }
    if (auto method = named("method:", m_dict.methods); method && *method < m_slowMethods.size()) {
        m_slowMethods[*method].barMs = bar;
        return true;
    }
    return false;
}

std::vector<Transaction> TransactionWindow::retained() const
{
    std::vector<Transaction> out;
    out.reserve(retainedCount());
    for (auto i = m_head; i < m_tail; ++i)
        out.push_back(at(i));
    return out;
}

void TransactionWindow::clear()
{
    m_ring.assign(1024, Transaction{});
    m_head = m_aggStart = m_tail = 0;
    m_cycleIssuers.clear();
    m_cycleLatencyIssuers.clear();
    m_cyclePaths.clear();
    m_cycleLatencyGlobal = {};
    m_cycleLatencyMethods.fill({});
    setRecentCycles(m_recentCycles); // the recent window belongs to the run that is being replaced
    startCycle();
    clearSlowBars(); // they belong to the baselines of the run that is being replaced
    m_global = std::make_unique<Aggregate>();
    for (auto& m : m_methods)
        m.reset();
    m_issuers.clear();
    m_paths.clear();
    m_cumGlobal = {};
}

} // namespace payops
