#include "secret_store.h"

#include <qt6keychain/keychain.h>

namespace payops {

SecretStore::SecretStore(QString service, QObject* parent) : QObject(parent), m_service(std::move(service)) {}

void SecretStore::write(const QString& key, const QString& secret, std::function<void(const QString&)> done)
{
    m_session.insert(key, secret);
    if (!m_keychain) {
        done(tr("the OS keychain is not used here; the secret is kept for this session only"));
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, key, done](QKeychain::Job* j) {
        if (j->error() == QKeychain::NoError) {
            m_session.remove(key);
            done({});
        } else {
            done(tr("the OS keychain refused the secret (%1); it is kept for this session only").arg(j->errorString()));
        }
    });
    job->start();
}

void SecretStore::read(const QString& key, std::function<void(const QString&, const QString&)> done)
{
    if (m_session.contains(key) || !m_keychain) {
        done(m_session.value(key), {});
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job* j) {
        auto* r = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (r->error() == QKeychain::NoError)
            done(r->textData(), {});
        else if (r->error() == QKeychain::EntryNotFound)
            done({}, {});
        else
            done({}, tr("cannot read the OS keychain: %1").arg(r->errorString()));
    });
    job->start();
}

void SecretStore::remove(const QString& key)
{
    m_session.remove(key);
    if (!m_keychain)
        return;
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    job->setAutoDelete(true);
    job->start();
}

} // namespace payops
