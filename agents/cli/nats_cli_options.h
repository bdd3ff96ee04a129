#pragma once
// The connection options `payops-agent sync` and `publish` share: server URLs, authentication (from options or,
// to keep secrets out of the process list, PAYOPS_NATS_TOKEN / PAYOPS_NATS_PASSWORD / PAYOPS_NATS_NKEY_SEED),
// TLS trust and PING interval.

#include "core/result.h"
#include "sync/nats_options.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <vector>

namespace payops::cli {

class NatsCliOptions {
public:
    void addTo(QCommandLineParser& parser);
    // Reads the parsed options; the error names the option.
    Result<sync::NatsConnectionOptions> read(const QCommandLineParser& parser, const QString& clientName) const;

private:
    std::vector<QCommandLineOption> m_options;
};

} // namespace payops::cli
