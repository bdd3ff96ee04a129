#include "operator_command_cli.h"

#include "cli/cli_common.h"
#include "core/clock.h"
#include "runtime/agent_runtime.h"

#include <QElapsedTimer>
#include <QThread>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops::cli {

namespace {

// The run's time and config version, as the agent stamps its own records: the wall clock here put a record eleven
// months after its neighbours in a simulated run.
std::pair<TimeMs, std::int64_t> runStamp(AgentStore& store)
{
    TimeMs timeMs = SystemClock().nowMs();
    std::int64_t configVersion = 0;
    if (auto cp = store.loadCheckpoint(); cp.ok() && cp.value()) {
        timeMs = cp.value()->timeMs;
        try {
            configVersion = nlohmann::json::parse(cp.value()->stateJson).at("runtime").at("config_version");
        } catch (const nlohmann::json::exception&) {
            // A damaged checkpoint: the record is written all the same, with version 0 (none known).
        }
    }
    return {timeMs, configVersion};
}

// How to take a queued decision back, for the message that says it was queued.
// With the database named: pasted without it, the hint withdrew another operator's decision in the default one.
QString withdrawHint(const OperatorCommand& command, const QString& dbPath)
{
    return QStringLiteral("; `payops-agent %1 withdraw %2 --db %3` takes it back before then")
        .arg(command.kind == "rollback" ? QStringLiteral("interventions") : QStringLiteral("approvals"))
        .arg(command.targetId)
        .arg(shellQuoted(dbPath));
}

} // namespace

int refuseOperatorCommand(AgentStore& store, OperatorCommand command, const QString& why)
{
    const auto [timeMs, configVersion] = runStamp(store);
    const AuditEntry entry = commandRefusedRecord(command.actor, command.kind, command.targetId, command.reason,
                                                  why.toStdString(), timeMs, configVersion);
    if (auto recorded = store.appendAudit(entry); !recorded.ok())
        return fail(QStringLiteral("%1 (and the refusal could not be recorded in the audit log: %2)")
                        .arg(why, QString::fromStdString(recorded.error())),
                    1);
    return fail(why, 1);
}

int submitOperatorCommand(AgentStore& store, const QString& dbPath, OperatorCommand command, int waitMs)
{
    command.createdAt = SystemClock().nowMs();
    auto enqueued = store.enqueueCommandUnlessWaiting(command);
    if (!enqueued.ok())
        return fail(enqueued.failure(), 1);
    if (const std::optional<OperatorCommand>& waiting = enqueued.value().waiting)
        return refuseOperatorCommand(
            store, command,
            QStringLiteral("%1 %2 already has a decision waiting to be applied (command %3: %4 by %5); only the "
                           "first could apply, when the agent next runs on %6")
                .arg(command.kind == "rollback" ? QStringLiteral("intervention") : QStringLiteral("approval request"))
                .arg(command.targetId)
                .arg(waiting->id)
                .arg(QString::fromStdString(waiting->kind), QString::fromStdString(waiting->actor), dbPath));
    const std::int64_t id = enqueued.value().id;
    if (!RunnerLock::isHeld(dbPath.toStdString())) {
        std::printf("queued as command %lld: no agent is running on %s; it applies when the run resumes "
                    "(payops-agent run --resume --db %s)%s\n",
                    static_cast<long long>(id), qPrintable(dbPath), qPrintable(shellQuoted(dbPath)),
                    qPrintable(withdrawHint(command, dbPath)));
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    bool agentGone = false;
    while (timer.elapsed() < waitMs) {
        auto c = store.command(id);
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
                        "resumes (payops-agent run --resume --db %s)%s\n",
                        static_cast<long long>(id), qPrintable(dbPath), qPrintable(shellQuoted(dbPath)),
                        qPrintable(withdrawHint(command, dbPath)));
            return 0;
        }
        agentGone = !RunnerLock::isHeld(dbPath.toStdString());
        QThread::msleep(50);
    }
    std::printf("queued as command %lld; the running agent has not reached its next cycle yet\n",
                static_cast<long long>(id));
    return 0;
}

int withdrawQueuedCommand(const QString& dbPath, bool onApproval, std::int64_t targetId, const std::string& actor,
                          const std::string& reason)
{
    const QString target =
        (onApproval ? QStringLiteral("approval request %1") : QStringLiteral("intervention %1")).arg(targetId);
    // Held while withdrawing: an agent starting now would take the command in its first cycle.
    auto lock = RunnerLock::acquire(dbPath.toStdString());
    if (!lock.ok())
        return fail(QStringLiteral("%1: a running agent applies queued decisions at its next cycle, so none can be "
                                   "withdrawn while it runs. Stop it to withdraw one it has not applied yet; one it "
                                   "has applied stands, and an intervention it put in force can be rolled back "
                                   "(payops-agent interventions rollback ID --db %2)")
                        .arg(QString::fromStdString(lock.error()), shellQuoted(dbPath)),
                    1);
    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::Existing);
    if (!store.ok())
        return fail(store.failure());
    const auto [timeMs, configVersion] = runStamp(*store.value());
    auto withdrawn = store.value()->withdrawQueuedCommand(onApproval, targetId, actor, reason, timeMs, configVersion);
    if (!withdrawn.ok())
        return fail(withdrawn.failure(), 1);
    if (!withdrawn.value())
        return fail(QStringLiteral("%1 has no decision waiting to be applied in %2").arg(target, dbPath), 1);
    const OperatorCommand& c = *withdrawn.value();
    std::printf("withdrew command %lld (%s of %s, queued by %s): it will not apply\n", static_cast<long long>(c.id),
                c.kind.c_str(), qPrintable(target), c.actor.c_str());
    return 0;
}

} // namespace payops::cli
