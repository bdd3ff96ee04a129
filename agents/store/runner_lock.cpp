#include "agent_store.h"
#include "core/logging.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLockFile>
#include <QString>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace payops {

namespace {

// Beside the file the path names in the end: a symbolic link to a database (or a path through one) must find the lock
// the runner of the database itself holds, or two agents would commit to one database. (A hard link is a second name
// for the file that nothing here can see; SQLite itself does not support them.)
QString lockFilePath(const std::string& dbPath)
{
    const QFileInfo db(QString::fromStdString(dbPath));
    QString resolved = db.canonicalFilePath();
    if (resolved.isEmpty()) { // not created yet (also behind a link): the name it will have, in its resolved directory
        const QFileInfo named(db.isSymLink() ? db.symLinkTarget() : db.absoluteFilePath());
        const QString dir = QFileInfo(named.absolutePath()).canonicalFilePath();
        resolved = dir.isEmpty() ? named.absoluteFilePath() : dir + QLatin1Char('/') + named.fileName();
    }
    return resolved + QStringLiteral(".lock");
}

// A lock file whose content cannot be read was left by a process killed between creating and writing it.
// QLockFile never treats it as stale with staleLockTime 0, so after this grace period we do.
constexpr qint64 kUnreadableLockGraceMs = 10'000;

bool unreadableLockIsOld(const QString& path)
{
    const QDateTime modified = QFileInfo(path).lastModified();
    return modified.isValid() && modified.msecsTo(QDateTime::currentDateTime()) > kUnreadableLockGraceMs;
}

} // namespace

struct RunnerLock::Impl {
    explicit Impl(const QString& path) : file(path) {}
    QLockFile file;
};

RunnerLock::~RunnerLock() = default; // QLockFile unlocks (and deletes the file) when destroyed

Result<std::unique_ptr<RunnerLock>> RunnerLock::acquire(const std::string& dbPath)
{
    const QString path = lockFilePath(dbPath);
    auto impl = std::make_unique<Impl>(path);
    // 0: a lock is stale only when its owner process is gone, never because of its age; an agent runs for weeks.
    impl->file.setStaleLockTime(0);

    for (int attempt = 0; attempt < 2; ++attempt) {
        if (impl->file.tryLock(0)) {
            auto lock = std::unique_ptr<RunnerLock>(new RunnerLock);
            lock->m_impl = std::move(impl);
            return Result<std::unique_ptr<RunnerLock>>(std::move(lock));
        }
        switch (impl->file.error()) {
        case QLockFile::LockFailedError: {
            qint64 pid = 0;
            QString host;
            QString app;
            if (impl->file.getLockInfo(&pid, &host, &app)) {
                // The holder by name: a console runs the agent too, and "another payops-agent" sent its user looking
                // for a process that was not there.
                std::string holder = (app.isEmpty() ? std::string("another PayOps program") : app.toStdString()) +
                                     " (pid " + std::to_string(pid);
                if (!host.isEmpty())
                    holder += " on host " + host.toStdString();
                return Error{"database " + dbPath + " is in use by " + holder + ")", true};
            }
            if (attempt == 0 && unreadableLockIsOld(path) && impl->file.removeStaleLockFile()) {
                qCWarning(lcStore) << "removed an unreadable stale lock file" << path;
                continue;
            }
            return Error{"database " + dbPath + " is in use by another PayOps program (lock file " +
                             path.toStdString() + ")",
                         true};
        }
        default: {
            // QLockFile says "unknown error" for a directory that does not exist: say which it is.
            const QFileInfo dir(QFileInfo(path).absolutePath());
            const std::string why = !dir.exists()  ? "the directory " + dir.filePath().toStdString() + " does not exist"
                                    : !dir.isDir() ? dir.filePath().toStdString() + " is not a directory"
                                    : !dir.isWritable() ? "the directory " + dir.filePath().toStdString() +
                                                              " is not writable (the lock file is created beside the "
                                                              "database)"
                                                        : "cannot create " + path.toStdString();
            return Error{"cannot lock database " + dbPath + ": " + why};
        }
        }
    }
    return Error{"database " + dbPath + " is in use by another PayOps program", true};
}

bool RunnerLock::isHeld(const std::string& dbPath)
{
    const QString path = lockFilePath(dbPath);
    if (!QFileInfo::exists(path))
        return false;
    // Judge by the recorded owner instead of trying the lock: a probe that briefly took the lock would make a
    // runner starting at that moment fail with "in use".
    QLockFile probe(path);
    qint64 pid = 0;
    QString host;
    QString app;
    if (!probe.getLockInfo(&pid, &host, &app))
        return !unreadableLockIsOld(path); // being written right now, or debris from a crash
    if (!host.isEmpty() && host != QSysInfo::machineHostName())
        return true; // another machine on a shared filesystem: its process cannot be checked from here
#ifdef Q_OS_UNIX
    if (pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM)
        return false;
#ifdef Q_OS_LINUX
    // The same test QLockFile applies when it decides staleness: a reused pid runs a different executable, and
    // a killed but not yet reaped process has no executable any more.
    if (QFileInfo::exists(QStringLiteral("/proc/self/exe"))) {
        const QString exe = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget();
        // A binary replaced while it runs (a rebuild, a package upgrade) reads "payops-agent (deleted)": still the
        // agent. Taken for another program, it had decisions queued "for when the run resumes" that the running agent
        // applied seconds later, and the withdraw offered with them refused.
        QString name = QFileInfo(exe).fileName();
        if (name.endsWith(QLatin1String(" (deleted)")))
            name.chop(10);
        if (exe.isEmpty() || (!app.isEmpty() && name != app))
            return false;
    }
#endif
    return true;
#else
    probe.setStaleLockTime(0);
    if (probe.tryLock(0)) {
        probe.unlock();
        return false;
    }
    return probe.error() == QLockFile::LockFailedError;
#endif
}

} // namespace payops
