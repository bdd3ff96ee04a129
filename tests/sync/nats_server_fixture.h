#pragma once
// A real nats-server for tests (SYNC.md 5.6): config in a temporary directory, random ports on 127.0.0.1, the
// websocket URL read from the ports file, stopped by PID only. restart() keeps the ports and the JetStream
// store, as a supervisor restarting a crashed server would.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>
#include <sys/types.h>

class NatsServerFixture {
public:
    static QString binary() { return QStandardPaths::findExecutable(QStringLiteral("nats-server")); }

    // extra: config text appended inside the top level (authorization blocks, limits).
    // websocketExtra: lines inside the websocket block (tls, auth overrides).
    bool start(const QString& extra = {}, const QString& websocketExtra = QStringLiteral("no_tls: true"))
    {
        m_extra = extra;
        m_websocketExtra = websocketExtra;
        return launch(QStringLiteral("-1"), QStringLiteral("-1"));
    }

    // Starts again on the same ports and store (after kill9() or terminate()).
    bool restart()
    {
        const QUrl ws(m_wsUrl);
        return launch(QString::number(m_natsPort), QString::number(ws.port()));
    }

    void kill9()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
            m_process->waitForFinished(5000);
        }
    }

    void terminate()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                kill9();
        }
    }

    ~NatsServerFixture() { kill9(); }

    QString wsUrl() const { return m_wsUrl; }
    QString natsUrl() const { return QStringLiteral("nats://127.0.0.1:%1").arg(m_natsPort); }
    QString dir() const { return m_dir.path(); }
    QString log() const { return m_process ? QString::fromUtf8(m_process->readAllStandardError()) : QString(); }

private:
    bool launch(const QString& natsPort, const QString& wsPort)
    {
        if (binary().isEmpty())
            return false;
        const QString conf = m_dir.filePath(QStringLiteral("ci.conf"));
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QString text =
            QStringLiteral("listen: 127.0.0.1:%1\n"
                           "websocket {\n  host: 127.0.0.1\n  port: %2\n  %3\n}\n"
                           "jetstream { store_dir: \"%4\" }\n"
                           "%5\n")
                .arg(natsPort, wsPort, m_websocketExtra, m_dir.filePath(QStringLiteral("js")), m_extra);
        f.write(text.toUtf8());
        f.close();
        const QString portsDir = m_dir.filePath(QStringLiteral("ports"));
        QDir().mkpath(portsDir);
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(binary(), {QStringLiteral("-c"), conf, QStringLiteral("--ports_file_dir"), portsDir});
        if (!m_process->waitForStarted(5000))
            return false;
        const QString portsFile = portsDir + QStringLiteral("/nats-server_%1.ports").arg(m_process->processId());
        for (int i = 0; i < 100; ++i) {
            QFile pf(portsFile);
            if (pf.open(QIODevice::ReadOnly)) {
                const QJsonObject o = QJsonDocument::fromJson(pf.readAll()).object();
                const QString ws = o.value(QStringLiteral("websocket")).toArray().at(0).toString();
                const QString nats = o.value(QStringLiteral("nats")).toArray().at(0).toString();
                if (!ws.isEmpty() && !nats.isEmpty()) {
                    m_wsUrl = ws;
                    m_natsPort = QUrl(nats).port();
                    return true;
                }
            }
            if (m_process->state() == QProcess::NotRunning)
                return false;
            QTest::qWait(50);
        }
        return false;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_extra;
    QString m_websocketExtra;
    QString m_wsUrl;
    int m_natsPort = 0;
};

// Tests that need the server say so instead of passing silently.
#define REQUIRE_NATS_SERVER()                                                                                          \
    do {                                                                                                               \
        if (NatsServerFixture::binary().isEmpty())                                                                     \
            QSKIP("nats-server is not installed (apt-get install nats-server): this test needs a real server");        \
    } while (false)
