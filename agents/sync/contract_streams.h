#pragma once
// The streams of the sync contract (docs/sync.md) as JetStream configurations, and their idempotent creation
// by a service. A stream that already exists is left as its operator configured it (retention, replicas).

#include "core/result.h"

#include <QObject>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

namespace payops::sync {

class JsApi;

struct ContractStreamOptions {
    int replicas = 1;
    std::int64_t eventsMaxAgeSec = 30LL * 24 * 3600;
    std::int64_t telemetryMaxAgeSec = 24LL * 3600;
    std::int64_t telemetryPerSubject = 64; // last values kept per issuer
    std::int64_t commandsDuplicateWindowSec = 3600;
};

std::vector<nlohmann::json> contractStreamConfigs(const ContractStreamOptions& options = {});

// Creates EVENTS, TELEMETRY and COMMANDS where missing; done() gets the first real failure, if any.
void ensureContractStreams(JsApi* api, QObject* context, std::function<void(Status)> done,
                           const ContractStreamOptions& options = {});

} // namespace payops::sync
