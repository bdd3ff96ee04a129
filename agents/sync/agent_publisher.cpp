#include "agent_publisher.h"

#include "command_fields.h"
#include "contract_streams.h"
#include "core/logging.h"
#include "event_contract.h"
#include "js_api.h"
#include "nats_ws_connection.h"
#include "runtime/json_codec.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

#include <QDateTime>

namespace payops::sync {

using nlohmann::json;
using sqlite::Statement;

namespace {

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString str(const std::string& s)
{
    return QString::fromStdString(s);
}

json statsJson(const DimensionStats& s)
{
    return {{"count", s.count},
            {"success_rate", s.successRate},
            {"p95_latency_ms", s.p95LatencyMs},
            {"mean_latency_ms", s.meanLatencyMs},
            {"mean_retries", s.meanRetries},
            {"top_error_code", s.topErrorCode}};
}

} // namespace

AgentPublisher::AgentPublisher(AgentSession& session, NatsWsConnection* connection, PublisherOptions options,
                               QObject* parent)
    : QObject(parent), m_session(session), m_conn(connection), m_options(std::move(options))
{
    m_store = std::make_unique<SyncStore>(m_session.store());
    SyncClientOptions so;
    so.streams = {{QString::fromLatin1(contract::kCommandsStream), QStringLiteral("cmd.>")}};
    so.idleHeartbeatMs = m_options.idleHeartbeatMs;
    so.consoleId = connection->options().name;
    so.operatorName = QStringLiteral("agent");
    m_sync = new SyncClient(m_conn, m_store.get(), so, this);
    connect(m_sync, &SyncClient::storeError, this, &AgentPublisher::failed);
    // Only the server settles an event of ours (no service answers them): a refusal. The console that waits for a
    // result event refused so would wait for good, so it is counted and said rather than passed over.
    connect(m_sync, &SyncClient::commandSettled, this, [this](const QString& id, bool rejected, const QString& json) {
        if (!rejected)
            return;
        ++m_counters.eventsRefused;
        qCWarning(lcSync) << "the server refused event" << id << "of this agent:" << json;
    });
    m_timer.setInterval(m_options.cycleIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &AgentPublisher::cycle);
    // Streams first (a service owns them), then the command consumer; the runtime runs meanwhile either way.
    connect(m_conn, &NatsWsConnection::connected, this, [this] {
        if (m_streamsReady)
            return;
        auto* api = new JsApi(m_conn, this);
        ensureContractStreams(api, this, [this, api](Status s) {
            api->deleteLater();
            if (!s) {
                qCWarning(lcSync) << "publisher:" << str(s.error());
                Q_EMIT failed(str(s.error()));
                return;
            }
            m_streamsReady = true;
            m_sync->start();
        });
    });
}

AgentPublisher::~AgentPublisher() = default;

Status AgentPublisher::prepareRun()
{
    // Approval and anomaly ids restart with each run, so every id published carries the run: the agent's own run id,
    // which changes with every new run (also one `payops-agent run --new-run` started between two publishes). A
    // run begun before runs were recorded keeps the id it was published under.
    sqlite3* db = m_session.store().connection();
    auto agentRun = m_session.store().runId();
    if (!agentRun.ok())
        return agentRun.failure();
    if (agentRun.value()) {
        m_runId = *agentRun.value();
    } else if (m_session.resumed()) {
        Statement q(db, "SELECT value FROM console_state WHERE key = 'publish_run'");
        auto row = q.next("read the published run");
        if (!row)
            return row.failure();
        if (*row)
            m_runId = q.text(0);
    }
    if (m_runId.empty())
        m_runId = AgentStore::newRunId(std::nullopt);
    Statement q(db, "INSERT OR REPLACE INTO console_state (key, value) VALUES ('publish_run', ?)");
    q.bind(1, m_runId);
    if (Status s = q.run("record the published run"); !s)
        return s;
    return Status::success();
}

Status AgentPublisher::start()
{
    if (Status s = prepareRun(); !s)
        return s;
    if (m_conn->state() == NatsState::Disconnected || m_conn->state() == NatsState::Closed)
        m_conn->open();
    m_timer.start();
    return Status::success();
}

void AgentPublisher::stop()
{
    m_timer.stop();
    m_sync->stop();
}

void AgentPublisher::cycle()
{
    takeNewCommands();
    auto snap = m_session.step();
    if (!snap) {
        m_timer.stop();
        Q_EMIT failed(str(snap.error()));
        return;
    }
    ++m_counters.cycles;
    answerFinishedCommands();
    publishSnapshot(**snap);
    if (m_options.maxCycles >= 0 && m_counters.cycles >= m_options.maxCycles) {
        m_timer.stop();
        Q_EMIT finished();
    }
}

Status AgentPublisher::enqueue(const QString& subject, json payload, const std::string& id)
{
    payload["run"] = m_runId;
    if (Status s = m_sync->queueEvent(subject, payload, m_runId + "-" + id); !s)
        return s;
    ++m_counters.eventsQueued;
    return Status::success();
}

void AgentPublisher::queue(const QString& subject, json payload, const std::string& id)
{
    if (Status s = enqueue(subject, std::move(payload), id); !s)
        Q_EMIT failed(str(s.error()));
}

void AgentPublisher::publishSnapshot(const CycleSnapshot& snap)
{
    const QString tenant = m_options.tenant;
    // Telemetry: current state per issuer, sent only while connected (a stale value is worth nothing later).
    for (const IssuerHealth& h : snap.issuerHealth) {
        if (!m_conn->isConnected() || !m_streamsReady) {
            ++m_counters.telemetrySkippedOffline;
            continue;
        }
        json methods = json::array();
        for (const DimensionStats& s : snap.stats)
            if (s.kind == DimensionKind::Path && s.issuer == h.issuer) {
                json m = statsJson(s);
                m["method"] = s.method;
                methods.push_back(std::move(m));
            }
        const DimensionStats* issuer = snap.statsFor(dimensionKey(DimensionKind::Issuer, h.issuer, {}));
        json body = {{"schema", contract::kSchemaVersion},
                     {"run", m_runId},
                     {"cycle", snap.cycle},
                     {"time_ms", snap.timeMs},
                     {"issuer", h.issuer},
                     {"state", static_cast<int>(h.state)},
                     {"reasons", h.reasons},
                     {"stats", issuer ? statsJson(*issuer) : json::object()},
                     {"methods", methods}};
        if (m_conn->publish(contract::telemetrySubject(tenant, str(h.issuer)), QByteArray::fromStdString(body.dump())))
            ++m_counters.telemetrySent;
    }
    // The whole cycle for consoles that show this agent as their source: they rebuild the snapshot from it, so
    // their Health and Anomalies pages look as they do for a local agent.
    if (m_conn->isConnected() && m_streamsReady) {
        const json body = {{"schema", contract::kSchemaVersion}, {"run", m_runId}, {"snapshot", snapshotToJson(snap)}};
        if (m_conn->publish(contract::cycleTelemetrySubject(tenant), QByteArray::fromStdString(body.dump())))
            ++m_counters.cyclesSent;
    }
    for (const Anomaly& a : snap.anomalies)
        if (a.cycles == 1)
            queue(contract::eventSubject(QStringLiteral("anomaly"), tenant, QStringLiteral("dimension"),
                                         str(a.dimension)),
                  {{"state", "open"}, {"cycle", snap.cycle}, {"anomaly", a}},
                  "anomaly-" + std::to_string(a.id) + "-open");
    for (const Anomaly& a : snap.clearedAnomalies)
        queue(contract::eventSubject(QStringLiteral("anomaly"), tenant, QStringLiteral("dimension"), str(a.dimension)),
              {{"state", "cleared"}, {"cycle", snap.cycle}, {"anomaly", a}},
              "anomaly-" + std::to_string(a.id) + "-cleared");
    auto approvalEvent = [&](const ApprovalRequest& r) {
        const std::string state = approvalStateName(r.state);
        queue(contract::eventSubject(QStringLiteral("approval"), tenant, QStringLiteral("request"),
                                     QString::number(r.id)),
              {{"state", state}, {"cycle", snap.cycle}, {"approval", r}},
              "approval-" + std::to_string(r.id) + "-" + state);
    };
    if (snap.approvalRequested)
        approvalEvent(*snap.approvalRequested);
    for (const ApprovalRequest& r : snap.decidedApprovals)
        approvalEvent(r);
    // Interventions run by the cycle's decision and those an approval ran between cycles both show up as active.
    // The outbox ignores an id it already has, so after a restart a repeat costs one no-op insert.
    for (const Intervention& i : snap.activeInterventions) {
        if (!m_announcedInterventions.insert(i.id).second)
            continue;
        queue(contract::eventSubject(QStringLiteral("agent"), tenant, QStringLiteral("intervention"),
                                     QString::number(i.id)),
              {{"state", "applied"}, {"cycle", snap.cycle}, {"intervention", i}},
              "intervention-" + std::to_string(i.id) + "-applied");
    }
    for (const Intervention& i : snap.endedInterventions)
        queue(contract::eventSubject(QStringLiteral("agent"), tenant, QStringLiteral("intervention"),
                                     QString::number(i.id)),
              {{"state", interventionStateName(i.state)}, {"cycle", snap.cycle}, {"intervention", i}},
              "intervention-" + std::to_string(i.id) + "-" + interventionStateName(i.state));
}

void AgentPublisher::takeNewCommands()
{
    sqlite3* db = m_session.store().connection();
    Statement q(db, "SELECT e.event_id, e.subject, e.body FROM events e LEFT JOIN remote_commands r ON r.command_id "
                    "= e.event_id WHERE e.stream = 'COMMANDS' AND r.command_id IS NULL ORDER BY e.stream_seq");
    struct Incoming {
        std::string id, subject, body;
    };
    auto incoming =
        sqlite::readAll<Incoming>(q, "read received commands from " + m_session.store().path(), [](const Statement& r) {
            return Incoming{r.text(0), r.text(1), r.blob(2)};
        });
    if (!incoming) {
        Q_EMIT failed(str(incoming.error()));
        return;
    }
    for (const Incoming& in : *incoming) {
        ++m_counters.commandsReceived;
        const json body = json::parse(in.body, nullptr, false);
        OperatorCommand cmd;
        cmd.createdAt = m_session.runtime().clock().nowMs();
        std::string refusal;
        if (!body.is_object()) {
            refusal = "command payload is not a JSON object";
            cmd.actor = "remote:unknown";
        } else if (body.contains("run") && body["run"] != m_runId) {
            refusal = "the command is for run " + body["run"].dump() + "; this agent runs " + m_runId;
        } else if (in.subject == "cmd.approval.decide") {
            const std::string decision = command_fields::text(body, "decision", std::string(), refusal);
            if (refusal.empty() && decision != "approve" && decision != "reject")
                refusal = "decision must be approve or reject, got '" + decision + "'";
            cmd.kind = decision;
            cmd.targetId = command_fields::id(body, "approval_id", refusal);
        } else if (in.subject == "cmd.intervention.rollback") {
            cmd.kind = "rollback";
            cmd.targetId = command_fields::id(body, "intervention_id", refusal);
        } else {
            refusal = "unknown command subject " + in.subject;
        }
        if (body.is_object()) {
            cmd.actor = command_fields::remoteActor(body, refusal);
            cmd.reason = command_fields::text(body, "reason", std::string(), refusal);
        }
        sqlite::Transaction tx(db);
        if (Status s = tx.begin(sqlite::Transaction::Kind::Immediate, "take a remote command"); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        std::optional<std::int64_t> opId;
        if (refusal.empty()) {
            auto id = m_session.store().enqueueCommand(cmd);
            if (!id) {
                Q_EMIT failed(str(id.error()));
                return;
            }
            opId = *id;
        }
        Statement ins(db, "INSERT INTO remote_commands (command_id, received_at, operator_command_id, state, outcome, "
                          "result) VALUES (?, ?, ?, ?, ?, ?)");
        ins.bind(1, in.id).bind(2, nowMs());
        if (opId)
            ins.bind(3, *opId);
        ins.bind(4, std::string(opId ? "queued" : "done"))
            .bind(5, std::string(opId ? "" : "rejected"))
            .bind(6, refusal);
        if (Status s = ins.run("record a remote command"); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        // A refusal's result is queued in the same transaction that records the command as done: killed between two
        // commits, the command was done and its console never heard why.
        if (!opId) {
            if (Status s =
                    enqueue(contract::eventSubject(QStringLiteral("agent"), m_options.tenant, QStringLiteral("command"),
                                                   str(in.id)),
                            {{"caused_by", in.id}, {"outcome", "rejected"}, {"detail", refusal}}, "result-" + in.id);
                !s) {
                Q_EMIT failed(str(s.error()));
                return;
            }
        }
        if (Status s = tx.commit("take a remote command"); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        if (!opId)
            ++m_counters.commandsRefused;
    }
}

void AgentPublisher::answerFinishedCommands()
{
    sqlite3* db = m_session.store().connection();
    Statement q(db, "SELECT r.command_id, r.operator_command_id, e.subject, e.body FROM remote_commands r JOIN events "
                    "e ON e.event_id = r.command_id WHERE r.state = 'queued'");
    struct Row {
        std::string id;
        std::int64_t opId;
        std::string subject, body;
    };
    auto rows =
        sqlite::readAll<Row>(q, "read remote commands from " + m_session.store().path(), [](const Statement& st) {
            return Row{st.text(0), st.int64(1), st.text(2), st.blob(3)};
        });
    if (!rows) {
        Q_EMIT failed(str(rows.error()));
        return;
    }
    for (const Row& r : *rows) {
        auto cmd = m_session.store().command(r.opId);
        if (!cmd || !*cmd || (*cmd)->state == "queued")
            continue;
        const OperatorCommand& c = **cmd;
        std::string outcome = c.state == "applied" ? "applied" : "rejected";
        json result = {{"caused_by", r.id}, {"detail", c.result}, {"command", c.kind}};
        QString subject =
            contract::eventSubject(QStringLiteral("agent"), m_options.tenant, QStringLiteral("command"), str(r.id));
        if (c.kind == "approve" || c.kind == "reject") {
            subject = contract::eventSubject(QStringLiteral("approval"), m_options.tenant, QStringLiteral("request"),
                                             QString::number(c.targetId));
            result["approval_id"] = c.targetId;
            if (auto a = m_session.store().approval(c.targetId); a && *a) {
                result["approval_state"] = (*a)->state;
                result["decided_by"] = (*a)->decidedBy;
                // Somebody else decided first: the console shows who won.
                if (c.state != "applied" && (*a)->state != "pending")
                    outcome = "conflict";
            }
        }
        result["outcome"] = outcome;
        // Done and its result event in one transaction, as for a refusal above.
        const std::string operation = "record a remote command's outcome";
        sqlite::Transaction tx(db);
        if (Status s = tx.begin(sqlite::Transaction::Kind::Immediate, operation); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        Statement done(db, "UPDATE remote_commands SET state = 'done', outcome = ?, result = ? WHERE command_id = ?");
        done.bind(1, outcome).bind(2, c.result).bind(3, r.id);
        if (Status s = done.run(operation); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        if (Status s = enqueue(subject, result, "result-" + r.id); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        if (Status s = tx.commit(operation); !s) {
            Q_EMIT failed(str(s.error()));
            return;
        }
        if (outcome == "applied")
            ++m_counters.commandsApplied;
        else
            ++m_counters.commandsRefused;
    }
}

json AgentPublisher::summary() const
{
    json s = m_sync->summary();
    return {{"run", m_runId},
            {"cycles", m_counters.cycles},
            {"telemetry_sent", m_counters.telemetrySent},
            {"telemetry_skipped_offline", m_counters.telemetrySkippedOffline},
            {"cycles_sent", m_counters.cyclesSent},
            {"events_queued", m_counters.eventsQueued},
            {"events_sent", s["outbox_sent"]},
            {"events_unsent", s["outbox_queued"]},
            {"commands_received", m_counters.commandsReceived},
            {"commands_applied", m_counters.commandsApplied},
            {"commands_refused", m_counters.commandsRefused},
            {"events_refused", m_counters.eventsRefused},
            {"state", s["state"]},
            {"last_error", s["last_error"]}};
}

} // namespace payops::sync
