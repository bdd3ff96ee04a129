#pragma once
// `payops-agent bench`: measures on this machine the hot paths of the runtime - simulator generation, window
// ingest, one decide cycle for windows of 1e3 .. 1e6 transactions, the anomaly detector alone and `detect` from CSV
// to CSV - and prints the figures.

#include <nlohmann/json_fwd.hpp>

namespace payops {

struct BenchOptions {
    double seconds = 1.0; // minimum measuring time per figure
};

nlohmann::json runBenchmarks(const BenchOptions& options);

} // namespace payops
