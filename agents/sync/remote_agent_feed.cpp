#include "remote_agent_feed.h"

#include "core/logging.h"
#include "event_contract.h"
#include "js_api.h"
#include "nats_ws_connection.h"
#include "ordered_consumer.h"

#include <nlohmann/json.hpp>

namespace payops::sync {

RemoteAgentFeed::RemoteAgentFeed(NatsWsConnection* connection, QString tenant, int idleHeartbeatMs, QObject* parent)
    : QObject(parent), m_conn(connection), m_tenant(std::move(tenant)), m_api(new JsApi(connection, this))
{
    OrderedConsumerOptions o;
    o.stream = QString::fromLatin1(contract::kTelemetryStream);
    o.filterSubject = contract::cycleTelemetrySubject(m_tenant);
    o.idleHeartbeatMs = idleHeartbeatMs;
    m_consumer = new OrderedConsumer(connection, m_api, o, this);
    connect(m_consumer, &OrderedConsumer::message, this, &RemoteAgentFeed::onMessage);
    connect(m_consumer, &OrderedConsumer::recreating, this, [this](const QString& reason) {
        Q_EMIT problem(tr("Waiting for the remote agent's cycles on %1 (%2). Is payops-agent publish running for "
                          "this tenant?")
                           .arg(m_consumer->options().filterSubject, reason));
    });
    // TELEMETRY deleted and created anew while followed: read the new stream from its start, as after a reconnect
    // (cycles already handed out are dropped by run and cycle number, not by sequence).
    connect(m_consumer, &OrderedConsumer::streamRecreated, this, [this] {
        if (m_running)
            m_consumer->start(1);
    });
    connect(m_conn, &NatsWsConnection::connected, this, [this] {
        if (m_running)
            m_consumer->start(1);
    });
}

RemoteAgentFeed::~RemoteAgentFeed()
{
    // Before the JsApi it may still ask to delete its server-side consumer through (children go in creation order).
    delete m_consumer;
}

void RemoteAgentFeed::start()
{
    m_running = true;
    if (m_conn->isConnected())
        m_consumer->start(1);
}

void RemoteAgentFeed::stop()
{
    m_running = false;
    m_consumer->stop();
}

Result<std::pair<QString, CycleSnapshot>> RemoteAgentFeed::decode(const std::string& payload)
{
    const nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error{"not a JSON object"};
    const auto schema = j.find("schema");
    if (schema == j.end() || !schema->is_number_integer() || schema->get<int>() != contract::kSchemaVersion)
        return Error{"schema is not " + std::to_string(contract::kSchemaVersion)};
    const auto run = j.find("run");
    if (run == j.end() || !run->is_string() || run->get<std::string>().empty())
        return Error{"no run id"};
    const auto snapshot = j.find("snapshot");
    if (snapshot == j.end() || !snapshot->is_object())
        return Error{"no snapshot"};
    auto decoded = snapshotFromJson(*snapshot);
    if (!decoded)
        return decoded.failure();
    return std::pair{QString::fromStdString(run->get<std::string>()), std::move(*decoded)};
}

void RemoteAgentFeed::onMessage(const JsMessage& m)
{
    auto decoded = decode(m.payload);
    if (!decoded) {
        ++m_counters.malformed;
        qCWarning(lcSync) << "malformed cycle telemetry at" << m.stream << m.streamSeq << ":"
                          << decoded.error().c_str();
        Q_EMIT problem(tr("malformed remote cycle (%1 #%2): %3")
                           .arg(m.stream)
                           .arg(m.streamSeq)
                           .arg(QString::fromStdString(decoded.error())));
        return;
    }
    auto& [run, snapshot] = *decoded;
    if (m_leftRuns.count(run) || (run == m_run && snapshot.cycle <= m_lastCycle)) {
        ++m_counters.repeated;
        return;
    }
    if (run != m_run) {
        if (!m_run.isEmpty())
            m_leftRuns.insert(m_run);
        m_run = run;
    }
    m_lastCycle = snapshot.cycle;
    ++m_counters.cycles;
    Q_EMIT cycle(run, std::make_shared<const CycleSnapshot>(std::move(snapshot)));
}

} // namespace payops::sync
