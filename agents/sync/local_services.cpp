#include "local_services.h"

#include "command_fields.h"
#include "core/logging.h"
#include "event_contract.h"
#include "local_backend.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "uuid_v7.h"

#include <QDateTime>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

namespace payops::sync {

using nlohmann::json;

namespace {

constexpr const char* kCursorKey = "local_services.commands_next";

// The bundled seed: what support, success and on-call tooling would be saying about a payments day.
struct Seed {
    const char* topic;
    const char* entityType;
    const char* entityId;
    const char* kind;
    const char* summary;
};
constexpr std::array kSeeds = {
    Seed{"support", "ticket", "T-1042", "ticket_opened", "Merchant reports UPI payments stuck in pending"},
    Seed{"monitoring", "issuer", "HDFC", "latency_warning", "HDFC p95 latency above 600 ms for 5 minutes"},
    Seed{"escalation", "ticket", "T-1042", "escalated", "Escalated to payments on-call: 37 affected orders"},
    Seed{"sla", "ticket", "T-1042", "sla_at_risk", "First-response SLA at risk: 12 minutes left"},
    Seed{"success", "merchant", "M-204", "health_dropped", "Merchant health score dropped from 82 to 64"},
    Seed{"support", "ticket", "T-1043", "ticket_opened", "Card refunds not reflecting after 48 hours"},
    Seed{"monitoring", "method", "netbanking", "recovered", "Netbanking success back above 95 %"},
    Seed{"support", "ticket", "T-1042", "ticket_resolved", "Resolved: issuer fixed its UPI switch"},
};

} // namespace

LocalServices::LocalServices(LocalBackend* backend, AgentStore& store, LocalServicesOptions options, QObject* parent)
    : QObject(parent), m_backend(backend), m_store(store), m_options(std::move(options))
{
    connect(&m_demoTimer, &QTimer::timeout, this, &LocalServices::emitDemoEvent);
}

Status LocalServices::start()
{
    if (m_commands)
        m_commands->stop();
    m_demoTimer.stop();
    m_decided.clear(); // a start that failed halfway may have read some
    // Who decided what: from the result events already answered (they are the record, as on a server).
    sqlite::Statement decisions(m_store.connection(), "SELECT body FROM local_stream WHERE stream = 'EVENTS' AND "
                                                      "subject LIKE 'evt.approval.%' ORDER BY seq");
    for (;;) {
        auto row = decisions.next("read the local services' decisions");
        if (!row)
            return row.failure();
        if (!*row)
            break;
        const json body = json::parse(decisions.blob(0), nullptr, false);
        if (body.is_object() && body.value("outcome", std::string()) == "applied" && body.contains("approval_id"))
            m_decided[body.value("approval_id", std::int64_t{0})] = {body.value("approval_state", std::string()),
                                                                     body.value("decided_by", std::string())};
    }
    std::uint64_t next = 1;
    {
        sqlite::Statement q(m_store.connection(), "SELECT value FROM console_state WHERE key = ?");
        q.bind(1, std::string(kCursorKey));
        auto row = q.next("read the local services' cursor");
        if (!row)
            return row.failure();
        if (*row) {
            // A damaged value threw out of here (std::stoull) and ended the console. Reading from the first command
            // instead is safe: each answer's message id makes one given before a no-op.
            const std::string saved = q.text(0);
            const auto [end, ec] = std::from_chars(saved.data(), saved.data() + saved.size(), next);
            if (ec != std::errc() || end != saved.data() + saved.size() || next == 0) {
                qCWarning(lcSync) << "the local services' cursor is damaged (" << saved.c_str()
                                  << "); reading the commands from the first";
                next = 1;
            }
        }
    }
    // A cursor past the stream's end (a database restored from an older copy) skipped the commands it holds.
    const auto commands = m_backend->streamInfoNow(QString::fromLatin1(contract::kCommandsStream));
    if (!commands)
        return commands.failure();
    if (next > commands.value().lastSeq + 1) {
        qCWarning(lcSync) << "the local services' cursor" << next << "is past the commands' end"
                          << commands.value().lastSeq << "; reading them from the first";
        next = 1;
    }
    if (!m_commands) {
        StreamReaderOptions o;
        o.stream = QString::fromLatin1(contract::kCommandsStream);
        m_commands = m_backend->createReader(o, this);
        connect(m_commands, &StreamReader::message, this, &LocalServices::onCommand);
    }
    m_commands->start(next);
    if (m_options.demoEventIntervalMs > 0)
        m_demoTimer.start(m_options.demoEventIntervalMs);
    return Status::success();
}

void LocalServices::stop()
{
    m_demoTimer.stop();
    if (m_commands)
        m_commands->stop();
}

Status LocalServices::saveCursor(std::uint64_t next)
{
    sqlite::Statement q(m_store.connection(), "INSERT OR REPLACE INTO console_state (key, value) VALUES (?, ?)");
    q.bind(1, std::string(kCursorKey)).bind(2, std::to_string(next));
    return q.run("save the local services' cursor");
}

void LocalServices::onCommand(const JsMessage& m)
{
    const json body = json::parse(m.payload, nullptr, false);
    std::string commandId = m.headers.value("Nats-Msg-Id").value_or(std::string());
    std::string refusal; // a field of the wrong type
    if (commandId.empty() && body.is_object())
        commandId = command_fields::text(body, "command_id", std::string(), refusal);
    const QString tenant = contract::subjectToken(m_options.tenant);
    json result = {{"schema", contract::kSchemaVersion}, {"caused_by", commandId}};
    QString subject;
    // A decision counts once its answer is stored: taken before, an answer that failed to store made the retry of the
    // same command a conflict with itself, and nothing said "applied".
    std::optional<std::pair<std::int64_t, std::pair<std::string, std::string>>> decided;
    if (!body.is_object() || commandId.empty()) {
        result["outcome"] = "rejected";
        result["detail"] = "not a command: no JSON object with a command id";
        subject = contract::eventSubject(QStringLiteral("agent"), tenant, QStringLiteral("command"),
                                         QString::number(m.streamSeq));
    } else if (m.subject == "cmd.approval.decide") {
        const std::int64_t id = command_fields::id(body, "approval_id", refusal);
        const std::string decision = command_fields::text(body, "decision", std::string(), refusal);
        const std::string by = command_fields::remoteActor(body, refusal);
        subject =
            contract::eventSubject(QStringLiteral("approval"), tenant, QStringLiteral("request"), QString::number(id));
        result["approval_id"] = id;
        if (!refusal.empty()) {
            result["outcome"] = "rejected";
            result["detail"] = refusal;
        } else if (decision != "approve" && decision != "reject") {
            result["outcome"] = "rejected";
            result["detail"] = "decision must be approve or reject, not \"" + decision + "\"";
        } else if (auto earlier = m_decided.find(id); earlier != m_decided.end()) {
            result["outcome"] = "conflict";
            result["approval_state"] = earlier->second.first;
            result["decided_by"] = earlier->second.second;
            result["detail"] = "approval " + std::to_string(id) + " is already " + earlier->second.first;
        } else {
            const std::string state = decision == "approve" ? "approved" : "rejected";
            decided = std::pair{id, std::pair{state, by}};
            result["outcome"] = "applied";
            result["approval_state"] = state;
            result["decided_by"] = by;
            result["detail"] = "approval " + std::to_string(id) + " " + state + " by " + by;
        }
    } else {
        result["outcome"] = "rejected";
        result["detail"] = "no local service handles " + m.subject;
        subject = contract::eventSubject(QStringLiteral("agent"), tenant, QStringLiteral("command"),
                                         QString::fromStdString(commandId));
    }
    result["event_id"] = "result-" + (commandId.empty() ? std::to_string(m.streamSeq) : commandId);
    NatsHeaders h;
    h.set("Nats-Msg-Id", result["event_id"].get<std::string>());
    // The answer and the cursor: a crash between them answers again, which the message id turns into a no-op.
    // A stranger's text quoted in the result may not be UTF-8: replaced, not thrown out of this slot.
    const PublishAck ack = m_backend->publishNow(
        subject.toStdString(), result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), h);
    if (!ack.ok) {
        Q_EMIT failed(
            tr("the local services could not answer command %1: %2").arg(QString::fromStdString(commandId), ack.error));
        m_commands->stop();
        const std::uint64_t again = m.streamSeq;
        QTimer::singleShot(1000, this, [this, again] { m_commands->start(again); });
        return;
    }
    if (decided)
        m_decided[decided->first] = decided->second;
    ++m_answered;
    if (Status s = saveCursor(m.streamSeq + 1); !s)
        Q_EMIT failed(QString::fromStdString(s.error()));
}

void LocalServices::emitDemoEvent()
{
    const Seed& seed = kSeeds[static_cast<std::size_t>(m_demoEvents) % kSeeds.size()];
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    const std::string id = "demo-" + uuidV7(now);
    const json body = {
        {"schema", contract::kSchemaVersion}, {"event_id", id}, {"kind", seed.kind}, {"summary", seed.summary},
        {"source", "local demo services"},    {"at_ms", now}};
    NatsHeaders h;
    h.set("Nats-Msg-Id", id);
    const QString subject =
        contract::eventSubject(QString::fromLatin1(seed.topic), m_options.tenant, QString::fromLatin1(seed.entityType),
                               QString::fromLatin1(seed.entityId));
    const PublishAck ack = m_backend->publishNow(subject.toStdString(), body.dump(), h);
    if (!ack.ok) {
        Q_EMIT failed(tr("the local demo services could not add an event: %1").arg(ack.error));
        return;
    }
    ++m_demoEvents;
}

} // namespace payops::sync
