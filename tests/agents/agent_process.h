#pragma once
// Runs the built payops-agent (PAYOPS_AGENT_BIN, set by CTest) as a user would: a real process, its exit code
// and both output streams.
#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

struct Outcome {
    int exitCode = -1;
    QByteArray out, err;
};

// Starts payops-agent as user nobody (uid and gid 65534), for tests of permissions that root would override. False,
// and nothing started, without setpriv.
inline bool startAgentAsNobody(QProcess& p, const QStringList& args)
{
    if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        return false;
    p.start(QStringLiteral("setpriv"),
            QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                        QStringLiteral("--clear-groups"), qEnvironmentVariable("PAYOPS_AGENT_BIN")} +
                args);
    return true;
}

// `workingDir`: where it runs (empty: this process's), for names given without a directory.
inline Outcome runAgent(const QStringList& args, const QString& workingDir = {})
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
