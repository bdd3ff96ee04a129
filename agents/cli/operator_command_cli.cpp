#include "operator_command_cli.h"

#include "cli/cli_common.h"
#include "core/clock.h"

#include <QElapsedTimer>
#include <QThread>
#include <cstdio>

namespace payops::cli {

int submitOperatorCommand(AgentStore& store, const QString& dbPath, OperatorCommand command, int waitMs)
{
    command.createdAt = SystemClock().nowMs();
    auto id = store.enqueueCommand(command);
    if (!id.ok())
        return fail(id.failure(), 1);
    if (!RunnerLock::isHeld(dbPath.toStdString())) {
        std::printf("queued as command %lld: no agent is running on %s; it applies when the run resumes "
                    "(payops-agent run --resume --db %s)\n",
                    static_cast<long long>(id.value()), qPrintable(dbPath), qPrintable(dbPath));
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    bool agentGone = false;
    while (timer.elapsed() < waitMs) {
        auto c = store.command(id.value());
        if (c.ok() && c.value() && c.value()->state != "queued") {
            if (c.value()->state == "refused")
                return fail(QString::fromStdString(c.value()->result), 1);
            std::printf("%s\n", c.value()->result.c_str());
            return 0;
        }
        // The agent stopped without taking it (its last cycle had begun, or it was stopped): waiting on is pointless.
        // Judged after a last look at the command, which that last cycle may have applied.
        if (agentGone) {
            std::printf("queued as command %lld: the agent on %s stopped before applying it; it applies when the run "
                        "resumes (payops-agent run --resume --db %s)\n",
                        static_cast<long long>(id.value()), qPrintable(dbPath), qPrintable(dbPath));
            return 0;
        }
        agentGone = !RunnerLock::isHeld(dbPath.toStdString());
        QThread::msleep(50);
    }
    std::printf("queued as command %lld; the running agent has not reached its next cycle yet\n",
                static_cast<long long>(id.value()));
    return 0;
}

} // namespace payops::cli
