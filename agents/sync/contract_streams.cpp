#include "contract_streams.h"

#include "core/logging.h"
#include "event_contract.h"
#include "js_api.h"

#include <memory>

namespace payops::sync {

namespace {
constexpr std::int64_t kNsPerSec = 1000000000;
constexpr int kStreamNameInUse = 10058; // exists with a different configuration: the operator's choice stands
} // namespace

std::vector<nlohmann::json> contractStreamConfigs(const ContractStreamOptions& o)
{
    return {
        {{"name", contract::kEventsStream},
         {"subjects", {"evt.>"}},
         {"storage", "file"},
         {"retention", "limits"},
         {"max_age", o.eventsMaxAgeSec * kNsPerSec},
         {"duplicate_window", std::int64_t{600} * kNsPerSec},
         {"allow_direct", true},
         {"num_replicas", o.replicas}},
        {{"name", contract::kTelemetryStream},
         {"subjects", {"tel.>"}},
         {"storage", "file"},
         {"retention", "limits"},
         {"max_msgs_per_subject", o.telemetryPerSubject},
         {"max_age", o.telemetryMaxAgeSec * kNsPerSec},
         {"allow_direct", true},
         {"num_replicas", o.replicas}},
        {{"name", contract::kCommandsStream},
         {"subjects", {"cmd.>"}},
         {"storage", "file"},
         {"retention", "limits"},
         {"duplicate_window", o.commandsDuplicateWindowSec * kNsPerSec},
         {"num_replicas", o.replicas}},
    };
}

void ensureContractStreams(JsApi* api, QObject* context, std::function<void(Status)> done,
                           const ContractStreamOptions& options)
{
    const auto configs = contractStreamConfigs(options);
    struct Progress {
        std::size_t remaining;
        Status status;
        std::function<void(Status)> done;
    };
    auto progress = std::make_shared<Progress>(Progress{configs.size(), Status::success(), std::move(done)});
    for (const auto& config : configs) {
        const QString name = QString::fromStdString(config["name"].get<std::string>());
        api->requestJson(
            QStringLiteral("$JS.API.STREAM.CREATE.") + name, config, context,
            [progress, name](const NatsReply& r) {
                if (!r.ok && r.apiErrorCode != kStreamNameInUse && progress->status.ok())
                    progress->status =
                        Error{"cannot create stream " + name.toStdString() + ": " + r.error.toStdString()};
                if (!r.ok && r.apiErrorCode == kStreamNameInUse)
                    qCInfo(lcSync) << "stream" << name << "exists with its own configuration; keeping it";
                if (--progress->remaining == 0)
                    progress->done(progress->status);
            },
            RequestOptions{5000, 3, {}, true});
    }
}

} // namespace payops::sync
