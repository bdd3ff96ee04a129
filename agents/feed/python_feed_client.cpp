#include "python_feed_client.h"

#include "core/logging.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QWebSocket>
#include <algorithm>
#include <atomic>
#include <cmath>

namespace payops::feed {

namespace {
constexpr int kRetryBaseMs = 500;
constexpr int kRetryMaxMs = 10000;
// How long the feed must be good before a refusal said already is said again: its window.
constexpr std::int64_t kProblemQuietMs = 60000;
// "feed-20261205T033512.123-1": when this client started, and a count for two started within the millisecond.
QString newRunName()
{
    static std::atomic<int> started{0};
    return QStringLiteral("feed-%1-%2")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz")))
        .arg(++started);
}
} // namespace

PythonFeedClient::PythonFeedClient(QUrl url, DetectorConfig detector, int silenceLimitMs, QObject* parent)
    : QObject(parent), m_url(std::move(url)), m_run(newRunName()), m_reader(std::move(detector))
{
    qRegisterMetaType<payops::feed::FeedStatus>();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &PythonFeedClient::connectNow);
    m_silence.setSingleShot(true);
    m_silence.setInterval(silenceLimitMs);
    connect(&m_silence, &QTimer::timeout, this, [this] {
        if (!m_socket)
            return;
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.reset();
        lost(tr("no message for %1 s").arg(m_silence.interval() / 1000.0));
    });
}

PythonFeedClient::~PythonFeedClient()
{
    if (m_socket)
        m_socket->disconnect(this); // no disconnected() into a half-destroyed client
}

void PythonFeedClient::start()
{
    m_running = true;
    m_status.attempt = 0;
    connectNow();
}

void PythonFeedClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_silence.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.reset();
    }
    setState(FeedState::Closed);
}

void PythonFeedClient::connectNow()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_socket = std::make_unique<QWebSocket>();
    connect(m_socket.get(), &QWebSocket::connected, this, [this] {
        // The backoff starts over once the feed sends a message it can read, not on connecting: a feed that takes
        // connections and closes them was tried again every half second, for good.
        m_silence.start();
        setState(FeedState::Live);
    });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &PythonFeedClient::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray& data) { onText(QString::fromUtf8(data)); });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &PythonFeedClient::onDisconnected);
    if (m_status.state != FeedState::Reconnecting)
        setState(FeedState::Connecting);
    m_silence.start(); // a handshake that never completes is a silence too (QWebSocket has no handshake timeout)
    m_socket->open(m_url);
}

void PythonFeedClient::onDisconnected()
{
    lost(m_socket ? m_socket->errorString() : QString());
}

void PythonFeedClient::lost(const QString& error)
{
    m_silence.stop();
    if (!m_running)
        return;
    ++m_status.attempt;
    // Jittered exponential backoff: a feed that restarts is not hammered by every console at once.
    const double base = std::min<double>(kRetryMaxMs, kRetryBaseMs * std::pow(2.0, std::min(m_status.attempt - 1, 5)));
    const int delay = static_cast<int>(base * (0.5 + 0.5 * QRandomGenerator::global()->generateDouble()));
    qCInfo(lcFeed) << "feed" << m_url.toString() << "lost:" << error << "- retry in" << delay << "ms";
    setState(FeedState::Reconnecting, error);
    m_retry.start(delay);
}

void PythonFeedClient::onText(const QString& text)
{
    m_silence.start(); // any message, readable or not, says the link is alive
    auto snapshot = m_reader.read(text.toStdString());
    if (!snapshot) {
        ++m_status.refused;
        const QString why = QString::fromStdString(snapshot.error());
        m_status.lastError = why;
        // The same refusal with other numbers in it is the same problem: a clock stepped back names each message's
        // own timestamp, and was said once a second.
        static const QRegularExpression number(QStringLiteral(R"(-?\d+(\.\d+)?([eE][-+]?\d+)?)"));
        const QString kind = QString(why).replace(number, QStringLiteral("#"));
        m_goodSinceMs = -1;
        if (m_saidProblems.insert(kind).second) { // two kinds in turn were each said every time
            qCWarning(lcFeed) << "refused a message from" << m_url.toString() << ":" << why;
            Q_EMIT problem(tr("Python agent feed %1: message refused: %2").arg(m_url.toString(), why));
        }
        Q_EMIT statusChanged(m_status);
        return;
    }
    m_status.attempt = 0;
    // A problem is said again only once the feed has been good for a whole window since: one that alternates good
    // and bad messages was said every other second.
    if (m_goodSinceMs < 0)
        m_goodSinceMs = snapshot->timeMs;
    else if (snapshot->timeMs - m_goodSinceMs >= kProblemQuietMs)
        m_saidProblems.clear();
    // The feed has no run id: one run per client, which survives reconnects (m_run).
    Q_EMIT cycle(m_run, std::make_shared<const CycleSnapshot>(std::move(*snapshot)));
}

void PythonFeedClient::setState(FeedState state, const QString& error)
{
    m_status.state = state;
    if (!error.isEmpty())
        m_status.lastError = error;
    Q_EMIT statusChanged(m_status);
}

} // namespace payops::feed
