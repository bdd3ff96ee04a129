#include "event_contract.h"

#include "approvals/actor_name.h"
#include "nats_headers.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <optional>

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

bool isSubjectToken(const QString& name)
{
    // Control, bidirectional and zero-width characters pass NATS, but a tenant is also shown and typed by people.
    return !name.isEmpty() && subjectToken(name) == name && !approvals::hasHiddenCharacter(name);
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

QString cycleTelemetrySubject(const QString& tenant)
{
    return QStringLiteral("tel.") + subjectToken(tenant) + QStringLiteral(".cycle");
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
    // Ids and subjects travel on into JSON results and the lists; bytes that are not UTF-8 cannot (a JSON writer
    // refuses them), so such a message is quarantined under its stream sequence, its bytes kept out of the reason.
    const auto utf8 = [](std::string_view bytes) {
        return QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())).isValidUtf8();
    };
    const auto id = headers.value("Nats-Msg-Id");
    const bool idIsText = !id || utf8(*id);
    if (id && !id->empty() && idIsText)
        check.eventId = *id;

    if (!utf8(subject)) {
        check.quarantineReason = "the subject is not valid UTF-8";
    } else if (!idIsText) {
        check.quarantineReason = "the message id (Nats-Msg-Id) is not valid UTF-8";
    } else if (stream == contract::kEventsStream && (subject.substr(0, 4) != "evt." || tokenCount(subject) < 5)) {
        check.quarantineReason =
            "subject '" + std::string(subject) + "' does not follow evt.<topic>.<tenant>.<entity_type>.<entity_id>";
    } else if (stream == contract::kTelemetryStream &&
               (subject.substr(0, 4) != "tel." ||
                (tokenCount(subject) < 4 &&
                 !(tokenCount(subject) == 3 && subject.substr(subject.rfind('.')) == ".cycle")))) {
        // Two shapes (docs/sync.md): an issuer's health, and an agent's whole cycle, whose three tokens were set
        // aside as malformed by `sync --streams TELEMETRY`.
        check.quarantineReason =
            "subject '" + std::string(subject) + "' does not follow tel.<tenant>.issuer.<issuer> or tel.<tenant>.cycle";
    }

    // Qt's JSON parser validates and indexes the payload about twice as fast as a DOM or SAX pass of nlohmann's
    // (measured with bench_sync_ingest); this runs for every delivered event.
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), static_cast<qsizetype>(body.size())), &error);
    const bool valid = error.error == QJsonParseError::NoError;
    const QJsonObject object = doc.object();
    if (check.quarantineReason.empty()) {
        if (!valid) {
            check.quarantineReason = "payload is not valid JSON";
        } else if (!doc.isObject()) {
            check.quarantineReason = "payload is not a JSON object";
        } else {
            const QJsonValue schema = object.value(QLatin1String("schema"));
            const bool integer = schema.isDouble() && schema.toDouble() == static_cast<double>(schema.toInteger());
            if (!integer && !schema.isString())
                check.quarantineReason = "payload has no \"schema\" version field";
        }
    }
    if (valid && doc.isObject()) {
        const QJsonValue eventId = object.value(QLatin1String("event_id"));
        if (check.eventId.empty() && eventId.isString())
            check.eventId = eventId.toString().toStdString();
        const QJsonValue causedBy = object.value(QLatin1String("caused_by"));
        if (causedBy.isString()) {
            check.causedBy = causedBy.toString().toStdString();
            // Only "applied" confirms: an outcome the contract does not name ("failed", "Rejected", none) is not
            // a success, and the operator is told it was refused with whatever detail came.
            const QString outcome = object.value(QLatin1String("outcome")).toString();
            check.rejected = outcome != QLatin1String("applied");
        }
    }
    if (check.eventId.empty())
        check.eventId = std::string(stream) + ":" + std::to_string(streamSeq);
    return check;
}

} // namespace payops::sync
