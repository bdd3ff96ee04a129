#pragma once
// Follows one tenant's remote agent (`payops-agent publish`) through its whole-cycle telemetry, tel.<tenant>.cycle
// on the TELEMETRY stream, and hands out each cycle as the CycleSnapshot the agent had, so a console shows a
// remote agent exactly as it shows its local one.
//
// On every (re)connect an ordered consumer replays what the stream keeps of that subject (the last 64 cycles by
// default: the charts start with some history) and then follows it live. Cycles already handed out, and cycles of
// a run the agent has since left, are dropped, so a replay after a reconnect shows nothing twice and never goes
// back to an old run. Malformed messages are counted and reported, never applied.

#include "runtime/cycle_snapshot.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <set>

namespace payops::sync {

class JsApi;
class NatsWsConnection;
class OrderedConsumer;
struct JsMessage;

struct RemoteFeedCounters {
    std::int64_t cycles = 0;    // handed out
    std::int64_t repeated = 0;  // already seen (replay after a reconnect) or from a run that has ended
    std::int64_t malformed = 0; // not a cycle snapshot of a schema we read
};

class RemoteAgentFeed : public QObject {
    Q_OBJECT
public:
    // idleHeartbeatMs: how often the server says the consumer is alive; two missed re-create it.
    RemoteAgentFeed(NatsWsConnection* connection, QString tenant, int idleHeartbeatMs = 5000,
                    QObject* parent = nullptr);
    ~RemoteAgentFeed() override;

    void start();
    void stop();
    const QString& tenant() const { return m_tenant; }
    const RemoteFeedCounters& counters() const { return m_counters; }

    // Decodes one tel.<tenant>.cycle payload: {"schema": 1, "run": R, "snapshot": {...}}.
    static Result<std::pair<QString, CycleSnapshot>> decode(const std::string& payload);

Q_SIGNALS:
    void cycle(const QString& run, const payops::CycleSnapshotPtr& snapshot);
    // Something the operator should know: a malformed cycle, or no telemetry stream on the server yet.
    void problem(const QString& message);

private:
    void onMessage(const JsMessage& message);

    NatsWsConnection* m_conn;
    QString m_tenant;
    JsApi* m_api = nullptr;
    OrderedConsumer* m_consumer = nullptr;
    bool m_running = false;
    QString m_run;                 // the run being followed
    std::int64_t m_lastCycle = -1; // of m_run
    std::set<QString> m_leftRuns;  // runs the agent has moved on from
    RemoteFeedCounters m_counters;
};

} // namespace payops::sync
