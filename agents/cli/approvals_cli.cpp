// payops-agent approvals list|approve ID|reject ID --reason TEXT|withdraw ID
#include "cli/cli_common.h"
#include "cli/operator_command_cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}
} // namespace

int approvalsCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("approvals list | approve ID | reject ID --reason TEXT | withdraw ID: the agent's decisions waiting for a "
           "human (withdraw takes back a decision queued while no agent runs)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("action"), tr("list, approve, reject or withdraw."));
    p.addPositionalArgument(QStringLiteral("ID"), tr("The approval request (approve, reject, withdraw)."));
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: %1).").arg(defaultDatabasePath()),
                          QStringLiteral("FILE"));
    QCommandLineOption state(QStringLiteral("state"), tr("list: only pending, approved, rejected or expired."),
                             QStringLiteral("STATE"));
    QCommandLineOption json(QStringLiteral("json"), tr("list: one JSON object per line."));
    QCommandLineOption reason(QStringLiteral("reason"), tr("Why (required to reject)."), QStringLiteral("TEXT"));
    QCommandLineOption actor(QStringLiteral("actor"), tr("Who decides (default: %1).").arg(defaultActor()),
                             QStringLiteral("NAME"));
    QCommandLineOption wait(QStringLiteral("wait-ms"), tr("How long to wait for a running agent to apply it."),
                            QStringLiteral("MS"), QStringLiteral("20000"));
    p.addOptions({db, state, json, reason, actor, wait});
    parseCommandLine(p, arguments, QStringLiteral("approvals"), Positionals::Allowed);
    // The audit log records who decided: an empty or forged name would make the record say someone else did.
    // Without --actor the name is ours (cli: and the login name, already checked by defaultActor).
    if (p.positionalArguments().value(0) != QStringLiteral("list") && p.isSet(actor))
        if (const auto problem = actorProblem(p.value(actor)))
            return fail(*problem);

    const QStringList pos = p.positionalArguments();
    const QString action = pos.value(0);
    const bool list = action == QStringLiteral("list");
    if (const auto extra = unexpectedArgument(
            pos, list ? 1 : 2,
            QStringLiteral("approvals %1 takes %2")
                .arg(action, list ? QStringLiteral("no argument") : QStringLiteral("one request ID"))))
        return fail(*extra);
    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    if (list) {
        auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
        if (!store.ok())
            return fail(store.failure());
        const QString filter = p.value(state);
        if (!filter.isEmpty() && !QStringList{QStringLiteral("pending"), QStringLiteral("approved"),
                                              QStringLiteral("rejected"), QStringLiteral("expired")}
                                      .contains(filter))
            return fail(QStringLiteral("--state must be pending, approved, rejected or expired, got '%1'").arg(filter));
        auto rows = store.value()->approvals(filter.toStdString());
        if (!rows.ok())
            return fail(rows.failure(), 1);
        for (const auto& r : rows.value()) {
            if (p.isSet(json))
                std::printf("%s\n", nlohmann::json{{"id", r.id},
                                                   {"state", r.state},
                                                   {"summary", r.summary},
                                                   {"created_ms", r.createdAt},
                                                   {"decided_by", r.decidedBy},
                                                   {"reason", r.reason}}
                                        .dump()
                                        .c_str());
            else {
                // An expired request was decided by nobody: the queue records the agent as closing it, and "[by agent]"
                // read as the agent having decided it.
                const bool decided = !r.decidedBy.empty() && r.state != "expired";
                std::printf("#%-4lld %-9s %s%s%s\n", static_cast<long long>(r.id), r.state.c_str(), r.summary.c_str(),
                            decided ? "  [by " : "", decided ? (r.decidedBy + "]").c_str() : "");
            }
        }
        if (rows.value().empty() && !p.isSet(json))
            std::printf("no approval requests%s\n", filter.isEmpty() ? "" : qPrintable(QStringLiteral(" ") + filter));
        return 0;
    }
    if (action != QStringLiteral("approve") && action != QStringLiteral("reject") &&
        action != QStringLiteral("withdraw"))
        return fail(QStringLiteral(
            "usage: payops-agent approvals list | approve ID | reject ID --reason TEXT | withdraw ID [--reason TEXT]"));
    bool ok = false;
    const qint64 id = pos.value(1).toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("approvals %1 needs a numeric request ID, got '%2'").arg(action, pos.value(1)));
    if (action == QStringLiteral("withdraw"))
        return withdrawQueuedCommand(dbPath, true, id,
                                     (p.isSet(actor) ? p.value(actor).trimmed() : defaultActor()).toStdString(),
                                     p.value(reason).trimmed().toStdString());
    if (action == QStringLiteral("reject") && p.value(reason).trimmed().isEmpty())
        return fail(QStringLiteral("rejecting needs --reason TEXT (it goes into the audit log)"));
    const int waitMs = p.value(wait).toInt(&ok);
    if (!ok || waitMs < 0)
        return fail(QStringLiteral("--wait-ms must be a whole number >= 0"));

    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::Existing);
    if (!store.ok())
        return fail(store.failure());
    auto row = store.value()->approval(id);
    if (!row.ok())
        return fail(row.failure(), 1);
    if (!row.value())
        return fail(QStringLiteral("no approval request %1 in %2").arg(id).arg(dbPath));
    OperatorCommand command;
    command.kind = action.toStdString();
    command.targetId = id;
    command.actor = (p.isSet(actor) ? p.value(actor).trimmed() : defaultActor()).toStdString();
    command.reason = p.value(reason).toStdString();
    if (const ApprovalRow& r = *row.value(); r.state != "pending") {
        // Who decided, for a decision; an expired request was decided by nobody ("expired by agent" misled).
        const bool decided = r.state == "approved" || r.state == "rejected";
        return refuseOperatorCommand(
            *store.value(), command,
            QStringLiteral("approval request %1 is already %2%3")
                .arg(id)
                .arg(QString::fromStdString(r.state), decided && !r.decidedBy.empty()
                                                          ? QStringLiteral(" by ") + QString::fromStdString(r.decidedBy)
                                                          : QString()));
    }
    return submitOperatorCommand(*store.value(), dbPath, command, waitMs);
}

} // namespace payops::cli
