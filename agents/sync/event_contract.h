#pragma once
// The sync contract between remote services and consoles (docs/sync.md): subjects, streams, the identity of an
// event, and what makes a payload acceptable. Invalid payloads are quarantined with a reason, never applied and
// never a crash; unknown fields and unknown topics are kept, so newer services do not break older consoles.

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <string_view>

namespace payops::sync {

struct NatsHeaders;

namespace contract {
inline constexpr const char* kEventsStream = "EVENTS";       // evt.<topic>.<tenant>.<entity_type>.<entity_id>
inline constexpr const char* kTelemetryStream = "TELEMETRY"; // tel.<tenant>.issuer.<issuer>, tel.<tenant>.cycle
inline constexpr const char* kCommandsStream = "COMMANDS";   // cmd.<domain>.<action>
inline constexpr const char* kConfigBucket = "console_config";
inline constexpr int kSchemaVersion = 1;

// The topics services publish today; others are accepted and stored (forward compatibility).
QStringList knownTopics();
QString eventSubject(const QString& topic, const QString& tenant, const QString& entityType, const QString& entityId);
QString telemetrySubject(const QString& tenant, const QString& issuer);
// One message per agent cycle with the whole snapshot a console shows (health, anomalies, decisions).
QString cycleTelemetrySubject(const QString& tenant);
QString commandSubject(const QString& domain, const QString& action);
// Replaces characters a subject token may not hold ('.', '*', '>', spaces) so ids like "HDFC/UPI" stay one token.
QString subjectToken(const QString& raw);
// Whether a name (a tenant) is one subject token as it is (subjectToken would leave it unchanged) and hides nothing
// (approvals::hasHiddenCharacter). A tenant typed with a dot or a space is refused where it is typed, rather than
// published or followed under another name.
bool isSubjectToken(const QString& name);
} // namespace contract

struct EventCheck {
    std::string eventId;          // Nats-Msg-Id, else the payload's "event_id", else "<stream>:<seq>"
    std::string quarantineReason; // empty when the event is acceptable
    std::string causedBy;         // a result event's "caused_by" (command id), if any
    bool rejected = false;        // the result event says the command was rejected
};

// Checks one delivered message against the contract of its stream.
EventCheck checkEvent(std::string_view stream, std::uint64_t streamSeq, std::string_view subject,
                      const NatsHeaders& headers, std::string_view body);

} // namespace payops::sync
