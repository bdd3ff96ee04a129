#pragma once
// Connection settings for remote sync: server URLs, authentication, TLS trust, and a "Test connection" that
// really connects (CONNECT + PING/PONG) and says what answered or why not. The secret goes to the OS keychain
// through SecretStore, never to the settings file.

#include "core/result.h"
#include "models/console_settings.h"
#include "sync/nats_options.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace payops {

namespace sync {
class NatsWsConnection;
}

// The server list as typed ("ws://a:4222, wss://b"): its parts between commas, trimmed.
QStringList syncServerUrls(const QString& urls);
// A sync server is reached over WebSockets: ws:// or wss://.
bool isWebSocketUrl(const QString& url);

// Settings + secret -> connection options; the error names the field.
Result<sync::NatsConnectionOptions> syncConnectionOptions(const ConsoleSettings::SyncServer& server,
                                                          const QString& secret, const QString& clientName);

class SyncSettingsDialog : public QDialog {
    Q_OBJECT
public:
    SyncSettingsDialog(const ConsoleSettings::SyncServer& current, const QString& secret, QWidget* parent = nullptr);
    ~SyncSettingsDialog() override;

    ConsoleSettings::SyncServer server() const;
    QString secret() const;
    bool workOffline() const { return m_offline; }

    // Starts a connection test; the result appears in testResult() (tests wait on testFinished()).
    void testConnection();
    QString testResult() const;
    // JWT credentials: reads a .creds file (what "Load .creds file…" does); false, with the reason shown, when it
    // is not one.
    bool loadCredentials(const QString& path);

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void updateFields();
    void finishTest(bool ok, const QString& text);
    void showError(const QString& text);
    void accept() override;

    QLineEdit* m_urls;
    QComboBox* m_auth;
    QLabel* m_userLabel;
    QLineEdit* m_user;
    QLabel* m_secretLabel;
    QLineEdit* m_secret;
    QPushButton* m_loadCreds;
    QString m_creds; // the loaded .creds text (the secret for "jwt")
    QLineEdit* m_ca;
    QCheckBox* m_verify;
    QPushButton* m_test;
    QLabel* m_result;
    QLabel* m_error;
    bool m_offline = false;
    std::unique_ptr<sync::NatsWsConnection> m_probe;
};

} // namespace payops
