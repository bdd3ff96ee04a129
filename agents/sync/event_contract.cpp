#include "event_contract.h"

#include "nats_headers.h"

#include <nlohmann/json.hpp>

namespace payops::sync {

namespace contract {

QStringList knownTopics()
{
    return {QStringLiteral("anomaly"),    QStringLiteral("approval"), QStringLiteral("config"),
            QStringLiteral("monitoring"), QStringLiteral("support"),  QStringLiteral("escalation"),
            QStringLiteral("sla"),        QStringLiteral("success"),  QStringLiteral("agent")};
}

QString subjectToken(const QString& raw)
{
    QString out = raw;
    for (QChar& c : out)
        if (c == QLatin1Char('.') || c == QLatin1Char('*') || c == QLatin1Char('>') || c.isSpace())
            c = QLatin1Char('_');
    return out.isEmpty() ? QStringLiteral("_") : out;
}

QString eventSubject(const QString& topic, const QString& tenant, const QString& entityType, const QString& entityId)
{
    return QStringLiteral("evt.") + subjectToken(topic) + QLatin1Char('.') + subjectToken(tenant) + QLatin1Char('.') +
           subjectToken(entityType) + QLatin1Char('.') + subjectToken(entityId);
}

QString telemetrySubject(const QString& tenant, const QString& issuer)
{
    return QStringLiteral("tel.") + subjectToken(tenant) + QStringLiteral(".issuer.") + subjectToken(issuer);
}

QString commandSubject(const QString& domain, const QString& action)
{
    return QStringLiteral("cmd.") + subjectToken(domain) + QLatin1Char('.') + subjectToken(action);
}

} // namespace contract

namespace {

std::size_t tokenCount(std::string_view subject)
{
    std::size_t n = subject.empty() ? 0 : 1;
    for (const char c : subject)
        n += c == '.';
    return n;
}

} // namespace

EventCheck checkEvent(std::string_view stream, std::uint64_t streamSeq, std::string_view subject,
                      const NatsHeaders& headers, std::string_view body)
{
    EventCheck check;
    if (const auto id = headers.value("Nats-Msg-Id"); id && !id->empty())
        check.eventId = *id;

    if (stream == contract::kEventsStream && (subject.substr(0, 4) != "evt." || tokenCount(subject) < 5)) {
        check.quarantineReason =
            "subject '" + std::string(subject) + "' does not follow evt.<topic>.<tenant>.<entity_type>.<entity_id>";
    } else if (stream == contract::kTelemetryStream && (subject.substr(0, 4) != "tel." || tokenCount(subject) < 4)) {
        check.quarantineReason = "subject '" + std::string(subject) + "' does not follow tel.<tenant>.issuer.<issuer>";
    }

    nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (check.quarantineReason.empty()) {
        if (doc.is_discarded()) {
            check.quarantineReason = "payload is not valid JSON";
        } else if (!doc.is_object()) {
            check.quarantineReason = "payload is not a JSON object";
        } else if (!doc.contains("schema") || !(doc["schema"].is_number_integer() || doc["schema"].is_string())) {
            check.quarantineReason = "payload has no \"schema\" version field";
        }
    }
    if (doc.is_object()) {
        if (check.eventId.empty() && doc.contains("event_id") && doc["event_id"].is_string())
            check.eventId = doc["event_id"].get<std::string>();
        if (doc.contains("caused_by") && doc["caused_by"].is_string()) {
            check.causedBy = doc["caused_by"].get<std::string>();
            const std::string outcome = doc.value("outcome", std::string());
            check.rejected = outcome == "rejected" || outcome == "conflict";
        }
    }
    if (check.eventId.empty())
        check.eventId = std::string(stream) + ":" + std::to_string(streamSeq);
    return check;
}

} // namespace payops::sync
