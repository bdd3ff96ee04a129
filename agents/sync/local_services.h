#pragma once
// The remote services' part when there is no server (SYNC.md 5.7): with LocalBackend it takes the console's
// commands from the local COMMANDS stream and answers each with a result event carrying caused_by, so the outbox
// confirms or rejects them exactly as a real service would; a second decision on the same approval loses with
// `conflict` and who decided first. It also appends demo events (support, escalation, SLA, success) from a bundled
// seed list at a steady pace, so an offline console has a live event stream to show.
//
// What it has answered is kept in the database (its COMMANDS cursor and the decisions in the result events), so
// a restart answers nothing twice and still knows who decided what.

#include "core/result.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <string>

namespace payops {
class AgentStore;
}

namespace payops::sync {

class LocalBackend;
class StreamReader;
struct JsMessage;

struct LocalServicesOptions {
    QString tenant = QStringLiteral("local");
    int demoEventIntervalMs = 0; // 0: no demo events
};

class LocalServices : public QObject {
    Q_OBJECT
public:
    LocalServices(LocalBackend* backend, AgentStore& store, LocalServicesOptions options = {},
                  QObject* parent = nullptr);

    // Rebuilds who decided what and follows the commands from the saved cursor. Safe to call again after it failed
    // (a read error): the caller retries, and one reader follows the commands however often it was called.
    Status start();
    void stop();
    std::int64_t answered() const { return m_answered; }
    std::int64_t demoEvents() const { return m_demoEvents; }

Q_SIGNALS:
    void failed(const QString& message);

private:
    void onCommand(const JsMessage& message);
    void emitDemoEvent();
    Status saveCursor(std::uint64_t next);

    LocalBackend* m_backend;
    AgentStore& m_store;
    LocalServicesOptions m_options;
    StreamReader* m_commands = nullptr;
    QTimer m_demoTimer;
    std::map<std::int64_t, std::pair<std::string, std::string>> m_decided; // approval id -> (state, by whom)
    std::int64_t m_answered = 0;
    std::int64_t m_demoEvents = 0;
};

} // namespace payops::sync
