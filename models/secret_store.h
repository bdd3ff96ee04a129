#pragma once
// Secrets (sync tokens, passwords, nkey seeds) in the OS keychain through qtkeychain - never in settings or logs.
// Where no keychain service answers (a bare desktop session, CI), the secret is kept in memory for this session
// only and the caller is told so, instead of silently writing it somewhere weaker.

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

namespace payops {

class SecretStore : public QObject {
    Q_OBJECT
public:
    explicit SecretStore(QString service = QStringLiteral("PayOps Console"), QObject* parent = nullptr);

    // done(stored, error): error is empty when the keychain took it; otherwise it names why, and the secret is
    // still available for this session.
    void write(const QString& key, const QString& secret, std::function<void(const QString& error)> done);
    // done(secret, error): an empty secret with an empty error means none is stored.
    void read(const QString& key, std::function<void(const QString& secret, const QString& error)> done);
    // Drops this session's copy only; what the keychain holds stays (where a new copy could not be written there).
    void forgetForSession(const QString& key) { m_session.remove(key); }
    void remove(const QString& key);

    // Tests: skip the OS keychain entirely (memory only).
    void setKeychainEnabled(bool on) { m_keychain = on; }

private:
    QString m_service;
    bool m_keychain = true;
    QHash<QString, QString> m_session; // what the keychain could not take
};

} // namespace payops
