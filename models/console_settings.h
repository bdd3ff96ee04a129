#pragma once
// Typed access to the console's persistent settings: every key has one accessor, a default and a change signal,
// so no code spells a settings key twice. The backing store is QSettings (the platform's native place) or, for
// tests, an INI file in a temporary directory. migrate() upgrades settings written by older versions.

#include "approvals/operator_role.h"

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>
#include <memory>
#include <optional>

class QTemporaryDir;

namespace payops {

class ConsoleSettings : public QObject {
    Q_OBJECT
public:
    static constexpr int kVersion = 1;

    explicit ConsoleSettings(QObject* parent = nullptr);                         // the user's settings
    explicit ConsoleSettings(const QString& iniPath, QObject* parent = nullptr); // tests and --settings FILE
    ~ConsoleSettings() override;

    // A settings file that exists but is not one QSettings can read (another program's file given to --settings, a
    // hand edit gone wrong) would be read as empty and overwritten at the first change. It is never written:
    // - the user's own settings file is moved aside (setAsideAs() says where) and the console starts with defaults;
    // - a file given with --settings, or one that cannot be moved, is left as it is, and the settings live in a
    //   scratch file for this session only.
    // unreadable() says where the file went wrong (line 3: "version: 1"); empty when the file was fine, or when
    // QSettings objected to something no line shows).
    bool wasUnreadable() const { return !m_unreadableFile.isEmpty(); }
    QString unreadable() const { return m_unreadable; }
    QString unreadableFile() const { return m_unreadableFile; }
    QString setAsideAs() const { return m_setAsideAs; }

    enum class Theme { System, Light, Dark };
    Theme theme() const;
    void setTheme(Theme theme);

    QString language() const; // "en", "de"; empty = the system's
    void setLanguage(const QString& language);

    QString userName() const; // local profile: defaults to the login name
    void setUserName(const QString& name);
    QString role() const; // viewer, support, success, oncall, config_manager, admin
    void setRole(const QString& role);
    // The role the console acts as: a key it does not know (a hand edit, a newer version's role) gives Viewer, who
    // may change nothing, rather than the default's rights.
    approvals::OperatorRole operatorRole() const;

    double speed() const;
    void setSpeed(double speed);
    QString scenario() const;
    void setScenario(const QString& scenario);

    int renotifyMinutes() const;
    void setRenotifyMinutes(int minutes);
    bool desktopNotifications() const;
    void setDesktopNotifications(bool on);

    // Remote sync (docs/sync.md). No secrets here: tokens, passwords and seeds live in the OS keychain.
    struct SyncServer {
        QString urls;     // comma-separated ws:// / wss:// URLs; empty = offline (local)
        QString authKind; // none, token, user, nkey, jwt (a .creds file: user JWT and nkey seed)
        QString user;     // for "user"
        QString caFile;   // extra CA (PEM) for wss://
        bool verifyTls = true;
    };
    SyncServer syncServer() const;
    void setSyncServer(const SyncServer& server);

    // Where the Health and Anomalies pages get their cycles: the agent embedded here (with the simulator), a
    // remote `payops-agent publish` through the sync server, or the Python original's telemetry feed.
    enum class Source { Local, RemoteAgent, PythonFeed };
    Source source() const;
    QString remoteTenant() const;  // whose agent to follow (the publisher's --tenant)
    QString pythonFeedUrl() const; // ws://host:8765
    void setSource(Source source, const QString& remoteTenant, const QString& pythonFeedUrl);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& state);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    // Splitters and table headers, by a stable name ("health/splitter", "anomalies/columns").
    QByteArray viewState(const QString& name) const;
    void setViewState(const QString& name, const QByteArray& state);
    QString lastPage() const;
    void setLastPage(const QString& page);
    bool firstRun() const; // no settings written yet

    void sync();
    // Why what is set now cannot be saved (a read-only file or directory, a directory given as the file), or empty.
    // QSettings drops the writes without a word.
    QString cannotSave() const;
    QString fileName() const;

Q_SIGNALS:
    void themeChanged(payops::ConsoleSettings::Theme theme);
    void sourceChanged();
    void languageChanged(const QString& language);
    void syncServerChanged();
    void profileChanged();

private:
    void migrate();
    void noteUnreadable(const QString& path); // what wasUnreadable(), unreadableFile() and unreadable() report
    void useScratch();                        // settings for this session only: the unreadable file stays untouched
    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<QSettings> m_settings;
    bool m_firstRun = false;
    QString m_unreadable, m_unreadableFile, m_setAsideAs;
};

QString themeName(ConsoleSettings::Theme theme);    // system, light, dark
QString sourceName(ConsoleSettings::Source source); // local, remote, python-feed
std::optional<ConsoleSettings::Source> sourceFromName(const QString& name);
ConsoleSettings::Theme themeFromName(const QString& name);

} // namespace payops
