#pragma once
// Reads the Python original's telemetry feed (AGENT.md, "Telemetry feed of the Python original"): one JSON
// object per second with the traffic of its active gateway. Each message becomes one cycle snapshot, so the
// console shows the feed on the same pages as its own agent:
//   - each gateway is an issuer row (the active one also feeds the system series); a gateway the agent moved
//     traffic away from shows the traffic still in its window but no rates ("—", a gap in its rate charts) and
//     says where the traffic went;
//   - window figures come from the last 60 s of messages: a gateway's volume is the increase of the cumulative
//     total_volume while it was active, success = 1 - fail_rate, p95 = the newest latency_series sample (the
//     feed sends no percentiles);
//   - health states, baselines, bands and anomalies are this console's own detector's reading of those
//     figures (the feed sends none), so they mean the same as for the local agent;
//   - entries new in intervention_history become intervention markers at the time they first appear.
// The feed is read-only: nothing is ever sent back.

#include "config/agent_config.h"
#include "core/result.h"
#include "reasoning/anomaly_detector.h"
#include "runtime/cycle_snapshot.h"

#include <deque>
#include <set>
#include <string>

namespace payops::feed {

struct FeedSummary {
    std::string gateway;
    double nrv = 0;
    double confidencePct = 0;
    std::string lastThought; // the newest thinking_log line
};

class PythonFeedReader {
public:
    explicit PythonFeedReader(DetectorConfig detector, TimeMs windowMs = 60000);

    // One message; an error names what is wrong (and the byte offset of a JSON syntax error). A message whose
    // timestamp is not after the previous one is refused: the feed repeats nothing and never goes back.
    Result<CycleSnapshot> read(const std::string& text);
    const FeedSummary& summary() const { return m_summary; }
    std::int64_t messages() const { return m_cycle; }

private:
    // One message's share of the traffic: the increase of the cumulative volume since the previous message,
    // carried by the gateway that was active then.
    struct Slice {
        TimeMs timeMs;
        double volume;
        std::size_t gateway; // index into m_gateways
    };
    AnomalyDetector m_detector;
    TimeMs m_windowMs;
    std::deque<Slice> m_window;
    double m_lastRawVolume = -1;
    std::vector<std::string> m_gateways; // every gateway seen, in order
    std::set<std::string> m_interventionsSeen;
    std::int64_t m_cycle = 0;
    std::int64_t m_nextInterventionId = 1;
    TimeMs m_firstMs = 0, m_lastMs = 0;
    FeedSummary m_summary;
};

} // namespace payops::feed
