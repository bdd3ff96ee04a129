#pragma once
// The connection options `payops-agent sync` and `publish` share: server URLs, authentication (from options or,
// to keep secrets out of the process list, PAYOPS_NATS_TOKEN / PAYOPS_NATS_PASSWORD / PAYOPS_NATS_NKEY_SEED),
// TLS trust and PING interval.

#include "core/result.h"
#include "sync/nats_options.h"
#include "sync/nats_ws_connection.h"

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

// Says on standard error, once per reason until a connection succeeds, that `server` cannot be reached (or was lost)
// and the connection retries, and what goes on `meanwhile`: retrying in silence looked like a hang (`sync
// --until-caught-up` with no server waited without a word, `publish` ran on as if published).
void reportRetries(sync::NatsWsConnection& connection, const QString& server, const QString& meanwhile);

} // namespace payops::cli
