#pragma once
// Connection settings for remote sync: server URLs, authentication, TLS trust, and a "Test connection" that
// really connects (CONNECT + PING/PONG) and says what answered or why not. The secret goes to the OS keychain
// through SecretStore, never to the settings file.

#include "core/result.h"
#include "models/console_settings.h"
#include "sync/nats_options.h"

#include <QDialog>
#include <functional>
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
// sync::webSocketUrlProblem's reason as a note after "... is not a ws:// or wss:// URL": " (no host)", or nothing
// where the reason is that very sentence (it read "... URL (not a ws:// or wss:// URL)").
QString webSocketUrlNote(const QString& url);

// The authentication kinds' names as the dialog lists them: "Token", "User and password", ...
QString syncAuthKindLabel(const QString& kind);

// Settings + secret -> connection options; the error names the field.
Result<sync::NatsConnectionOptions> syncConnectionOptions(const ConsoleSettings::SyncServer& server,
                                                          const QString& secret, const QString& clientName);

class SyncSettingsDialog : public QDialog {
    Q_OBJECT
public:
    // Reads the secret saved for a server address list: done(secret, error), an empty secret with no error when none
    // is saved (the keychain may answer later).
    using SecretDone = std::function<void(const QString& secret, const QString& error)>;
    using SavedSecretReader = std::function<void(const QString& urls, SecretDone done)>;

    SyncSettingsDialog(const ConsoleSettings::SyncServer& current, SavedSecretReader savedSecret,
                       QWidget* parent = nullptr);
    ~SyncSettingsDialog() override;

    ConsoleSettings::SyncServer server() const;
    // What was typed or loaded; empty: keep the saved one.
    QString secret() const;
    // Saved with the field empty for a new address that has no secret of its own: the one saved under the address
    // the dialog opened with, which Save found and which goes under the new address now. Empty otherwise.
    QString carriedSecret() const { return m_carried; }
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
    // Why the settings cannot do without a secret typed now: none is saved, or the saved one is for another kind of
    // authentication (a token offered as a password). Empty when one is typed, loaded or saved for this kind.
    QString secretNeeded() const;
    // The secret saved for the address typed, else for the one the dialog opened with (Save carries it over to a new
    // address): then(secret, why not), with Test and Save held while the keychain answers. The fields as they were
    // asked about: changed meanwhile, the answer is not used (a token read while the kind became a password).
    void withSavedSecret(std::function<void(const QString& secret, const QString& whyNot)> then);
    QString noneSaved() const;
    void testWith(const QString& secret);
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
    QString m_creds;       // the loaded .creds text (the secret for "jwt")
    QString m_credsSource; // "loaded from x.creds", what the field shows for it
    QString m_typed;       // the field's text while it shows m_credsSource instead
    bool m_showsCreds = false;
    QString m_savedKind; // the kind the saved secrets are for (kept while working offline); empty: none
    QString m_savedUrls; // the address the dialog opened with
    // Whether the keychain holds a secret for m_savedUrls, asked once on opening: the field said "leave empty to
    // keep the saved one" where none was. Unknown until the keychain answers.
    enum class Saved { Unknown, Yes, No, Unreadable } m_openedSecret = Saved::Unknown;
    QString m_carried; // carriedSecret()
    QPushButton* m_save = nullptr;
    SavedSecretReader m_readSaved;
    QLineEdit* m_ca;
    QCheckBox* m_verify;
    QPushButton* m_test;
    QLabel* m_result;
    QLabel* m_error;
    bool m_offline = false;
    std::unique_ptr<sync::NatsWsConnection> m_probe;
};

} // namespace payops
