#pragma once
// Attaches read-only to the Python original's telemetry feed (ws://host:8765): connects, reads each message
// through a PythonFeedReader, and reconnects with jittered backoff when the feed goes away. Nothing is sent.

#include "feed/python_feed_reader.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <memory>
#include <set>

class QWebSocket;

namespace payops::feed {

enum class FeedState { Connecting, Live, Reconnecting, Closed };

struct FeedStatus {
    FeedState state = FeedState::Closed;
    int attempt = 0;          // reconnect attempt while Reconnecting
    QString lastError;        // the socket's or the last refused message's
    std::int64_t refused = 0; // messages that were not a valid feed message
};

class PythonFeedClient : public QObject {
    Q_OBJECT
public:
    // silenceLimitMs: a connection that brings no message for this long is taken as lost (the feed sends one a
    // second; a hung feed or a half-open link otherwise read "Live" for good).
    explicit PythonFeedClient(QUrl url, DetectorConfig detector = defaultAgentConfig().detector,
                              int silenceLimitMs = 15000, QObject* parent = nullptr);
    ~PythonFeedClient() override;

    void start();
    void stop();
    const QUrl& url() const { return m_url; }
    const FeedStatus& status() const { return m_status; }
    const FeedSummary& summary() const { return m_reader.summary(); }

Q_SIGNALS:
    void cycle(const QString& run, const payops::CycleSnapshotPtr& snapshot);
    void statusChanged(const payops::feed::FeedStatus& status);
    // A refused message; the same error again is not repeated.
    void problem(const QString& message);

private:
    void connectNow();
    void onText(const QString& text);
    void onDisconnected();
    void lost(const QString& error);
    void setState(FeedState state, const QString& error = {});

    QUrl m_url;
    // This client's run: its reader numbers anomalies from 1, so a run named after the feed alone would hand the
    // triage (state, owner, notes) of an earlier client's anomaly #1 to this one's. Kept across reconnects.
    QString m_run;
    PythonFeedReader m_reader;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retry;
    QTimer m_silence; // restarted by every message; its timeout drops the connection
    FeedStatus m_status;
    std::set<QString> m_saidProblems; // refusals said since the feed was last good for a while, numbers left out
    std::int64_t m_goodSinceMs = -1;  // feed time of the first message accepted since that refusal
    bool m_running = false;
};

} // namespace payops::feed

Q_DECLARE_METATYPE(payops::feed::FeedStatus)
