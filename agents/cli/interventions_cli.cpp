// payops-agent interventions list | rollback ID --reason TEXT | withdraw ID
#include "action/intervention_executor.h"
#include "cli/cli_common.h"
#include "cli/operator_command_cli.h"
#include "core/json_error.h"
#include "runtime/json_codec.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}

// Every intervention of the run the checkpoint holds, in force first, then the ended ones: what `list` shows and
// `rollback` checks its ID against.
Result<std::vector<Intervention>> interventionsIn(const Checkpoint& checkpoint, const QString& dbPath)
{
    std::vector<Intervention> all;
    try {
        const auto executor = nlohmann::json::parse(checkpoint.stateJson).at("runtime").at("executor");
        for (const char* part : {"active", "ended"})
            for (const auto& j : executor.at(part))
                all.push_back(j.get<Intervention>());
    } catch (const nlohmann::json::exception& e) {
        return Error{QStringLiteral("the agent checkpoint in %1 is damaged: %2")
                         .arg(dbPath, QString::fromStdString(jsonErrorText(e)))
                         .toStdString()};
    }
    return all;
}
} // namespace

int interventionsCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("interventions list | rollback ID --reason TEXT | withdraw ID: what the agent has in "
           "force (withdraw takes back a rollback queued while no agent runs)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("action"), tr("list, rollback or withdraw."));
    p.addPositionalArgument(QStringLiteral("ID"), tr("The intervention (rollback, withdraw)."));
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: %1).").arg(defaultDatabasePath()),
                          QStringLiteral("FILE"));
    QCommandLineOption reason(QStringLiteral("reason"), tr("Why (required)."), QStringLiteral("TEXT"));
    QCommandLineOption actor(QStringLiteral("actor"), tr("Who (default: %1).").arg(defaultActor()),
                             QStringLiteral("NAME"));
    QCommandLineOption wait(QStringLiteral("wait-ms"), tr("How long to wait for a running agent to apply it."),
                            QStringLiteral("MS"), QStringLiteral("20000"));
    QCommandLineOption state(QStringLiteral("state"), tr("list: only active, expired, rolled_back or completed."),
                             QStringLiteral("STATE"));
    QCommandLineOption json(QStringLiteral("json"), tr("list: one JSON object per line."));
    p.addOptions({db, state, json, reason, actor, wait});
    parseCommandLine(p, arguments, QStringLiteral("interventions"), Positionals::Allowed);
    // The audit log records who decided: an empty or forged name would make the record say someone else did.
    // Without --actor the name is ours (cli: and the login name, already checked by defaultActor).
    if (p.positionalArguments().value(0) != QStringLiteral("list") && p.isSet(actor))
        if (const auto problem = actorProblem(p.value(actor)))
            return fail(*problem);
    const QStringList pos = p.positionalArguments();
    const bool list = pos.value(0) == QStringLiteral("list");
    if (const auto extra = unexpectedArgument(
            pos, list ? 1 : 2,
            QStringLiteral("interventions %1 takes %2")
                .arg(pos.value(0), list ? QStringLiteral("no argument") : QStringLiteral("one intervention ID"))))
        return fail(*extra);
    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    if (list) {
        const QString filter = p.value(state);
        const QStringList states{QStringLiteral("active"), QStringLiteral("expired"), QStringLiteral("rolled_back"),
                                 QStringLiteral("completed")};
        if (p.isSet(state) && !states.contains(filter))
            return fail(
                QStringLiteral("--state must be active, expired, rolled_back or completed, got '%1'").arg(filter));
        auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
        if (!store.ok())
            return fail(store.failure());
        auto cp = store.value()->loadCheckpoint();
        if (!cp.ok())
            return fail(cp.failure(), 1);
        if (!cp.value()) {
            if (!p.isSet(json)) // a script reading JSON lines gets none: there is nothing to list
                std::printf("no agent run in %s\n", qPrintable(dbPath));
            return 0;
        }
        auto all = interventionsIn(*cp.value(), dbPath);
        if (!all.ok())
            return fail(all.failure(), 1);
        std::vector<Intervention> shown;
        for (Intervention& iv : all.value())
            if (filter.isEmpty() || filter == QLatin1String(interventionStateName(iv.state)))
                shown.push_back(std::move(iv));
        for (const Intervention& iv : shown) {
            const InterventionOption& o = iv.option;
            if (p.isSet(json)) {
                // Times are the run's (simulated) milliseconds, as the audit log and the checkpoint keep them.
                nlohmann::json line{{"id", iv.id},
                                    {"state", interventionStateName(iv.state)},
                                    {"type", o.type},
                                    {"target", o.target},
                                    {"alternative", o.alternative},
                                    {"source", iv.source},
                                    {"applied_ms", iv.appliedMs},
                                    {"expires_ms", iv.expiresMs}};
                if (iv.state != InterventionState::Active) {
                    line["ended_ms"] = iv.endedMs;
                    line["ended_by"] = iv.endedBy;
                    line["end_reason"] = iv.endReason;
                }
                std::printf("%s\n", line.dump().c_str());
            } else {
                std::printf("#%-4lld %-11s %s %s%s%s  (%s)\n", static_cast<long long>(iv.id),
                            interventionStateName(iv.state), o.type.c_str(), o.target.c_str(),
                            o.alternative.empty() ? "" : " -> ", o.alternative.c_str(), iv.source.c_str());
            }
        }
        // Nothing printed would read as a failure or a wrong database: say the run has none.
        if (shown.empty() && !p.isSet(json))
            std::printf("no %sinterventions in the agent run in %s (cycle %lld)\n",
                        filter.isEmpty() ? "" : qPrintable(filter + QLatin1Char(' ')), qPrintable(dbPath),
                        static_cast<long long>(cp.value()->cycle));
        return 0;
    }
    if (pos.value(0) != QStringLiteral("rollback") && pos.value(0) != QStringLiteral("withdraw"))
        return fail(QStringLiteral(
            "usage: payops-agent interventions list | rollback ID --reason TEXT | withdraw ID [--reason TEXT]"));
    bool ok = false;
    const qint64 id = pos.value(1).toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("interventions %1 needs a numeric ID, got '%2'").arg(pos.value(0), pos.value(1)));
    if (pos.value(0) == QStringLiteral("withdraw"))
        return withdrawQueuedCommand(dbPath, false, id,
                                     (p.isSet(actor) ? p.value(actor).trimmed() : defaultActor()).toStdString(),
                                     p.value(reason).trimmed().toStdString());
    if (p.value(reason).trimmed().isEmpty())
        return fail(QStringLiteral("rolling back needs --reason TEXT (it goes into the audit log)"));
    const int waitMs = p.value(wait).toInt(&ok);
    if (!ok || waitMs < 0)
        return fail(QStringLiteral("--wait-ms must be a whole number >= 0, got '%1'").arg(p.value(wait)));
    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::Existing);
    if (!store.ok())
        return fail(store.failure());
    OperatorCommand command;
    command.kind = "rollback";
    command.targetId = id;
    command.actor = (p.isSet(actor) ? p.value(actor).trimmed() : defaultActor()).toStdString();
    command.reason = p.value(reason).toStdString();
    // Refuse now what the agent would refuse later, where nobody would see it.
    auto cp = store.value()->loadCheckpoint();
    if (!cp.ok())
        return fail(cp.failure(), 1);
    if (!cp.value())
        return fail(QStringLiteral("no agent run in %1").arg(dbPath));
    auto all = interventionsIn(*cp.value(), dbPath);
    if (!all.ok())
        return fail(all.failure(), 1);
    const auto found =
        std::find_if(all.value().begin(), all.value().end(), [id](const Intervention& iv) { return iv.id == id; });
    if (found == all.value().end())
        return fail(QStringLiteral("no intervention %1 in %2").arg(id).arg(dbPath));
    if (found->state != InterventionState::Active)
        return refuseOperatorCommand(*store.value(), command,
                                     QStringLiteral("intervention %1 is not in force (it is %2)")
                                         .arg(id)
                                         .arg(QLatin1String(interventionStateName(found->state))));
    return submitOperatorCommand(*store.value(), dbPath, command, waitMs);
}

} // namespace payops::cli
