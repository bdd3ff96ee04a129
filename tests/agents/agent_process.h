#pragma once
// Runs the built payops-agent (PAYOPS_AGENT_BIN, set by CTest) as a user would: a real process, its exit code
// and both output streams.
#include <QByteArray>
#include <QProcess>
#include <QStringList>

struct Outcome {
    int exitCode = -1;
    QByteArray out, err;
};

inline Outcome runAgent(const QStringList& args)
{
    QProcess p;
    p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
