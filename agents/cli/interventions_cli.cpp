// payops-agent interventions list | rollback ID --reason TEXT
#include "cli/cli_common.h"
#include "cli/operator_command_cli.h"
#include "core/json_error.h"

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

int interventionsCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("interventions list | rollback ID --reason TEXT: what the agent has in force."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("action"), tr("list or rollback."));
    p.addPositionalArgument(QStringLiteral("ID"), tr("The intervention (rollback)."));
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: %1).").arg(defaultDatabasePath()),
                          QStringLiteral("FILE"));
    QCommandLineOption reason(QStringLiteral("reason"), tr("Why (required)."), QStringLiteral("TEXT"));
    QCommandLineOption actor(QStringLiteral("actor"), tr("Who (default: %1).").arg(defaultActor()),
                             QStringLiteral("NAME"));
    QCommandLineOption wait(QStringLiteral("wait-ms"), tr("How long to wait for a running agent to apply it."),
                            QStringLiteral("MS"), QStringLiteral("20000"));
    p.addOptions({db, reason, actor, wait});
    parseCommandLine(p, arguments, QStringLiteral("interventions"), Positionals::Allowed);
    // The audit log records who decided: an empty name would make the record say nobody did.
    if (p.isSet(actor) && p.value(actor).trimmed().isEmpty() &&
        p.positionalArguments().value(0) != QStringLiteral("list"))
        return fail(QStringLiteral("--actor must name who decides (the audit log records it)"));
    const QStringList pos = p.positionalArguments();
    const bool list = pos.value(0) == QStringLiteral("list");
    if (const auto extra = unexpectedArgument(
            pos, list ? 1 : 2,
            QStringLiteral("interventions %1 takes %2")
                .arg(pos.value(0), list ? QStringLiteral("no argument") : QStringLiteral("one intervention ID"))))
        return fail(*extra);
    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    if (list) {
        auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
        if (!store.ok())
            return fail(store.failure());
        auto cp = store.value()->loadCheckpoint();
        if (!cp.ok())
            return fail(cp.failure(), 1);
        if (!cp.value()) {
            std::printf("no agent run in %s\n", qPrintable(dbPath));
            return 0;
        }
        try {
            const auto state = nlohmann::json::parse(cp.value()->stateJson).at("runtime").at("executor");
            // Nothing printed would read as a failure or a wrong database: say the run has none.
            if (state.at("active").empty() && state.at("ended").empty())
                std::printf("no interventions in the agent run in %s (cycle %lld)\n", qPrintable(dbPath),
                            static_cast<long long>(cp.value()->cycle));
            for (const char* part : {"active", "ended"}) {
                for (const auto& iv : state.at(part)) {
                    const auto& o = iv.at("option");
                    std::printf("#%-4lld %-11s %s %s%s%s  (%s)\n", iv.at("id").get<long long>(),
                                iv.at("state").get<std::string>().c_str(), o.at("type").get<std::string>().c_str(),
                                o.at("target").get<std::string>().c_str(),
                                o.at("alternative").get<std::string>().empty() ? "" : " -> ",
                                o.at("alternative").get<std::string>().c_str(),
                                iv.at("source").get<std::string>().c_str());
                }
            }
        } catch (const nlohmann::json::exception& e) {
            return fail(QStringLiteral("the agent checkpoint in %1 is damaged: %2")
                            .arg(dbPath, QString::fromStdString(jsonErrorText(e))),
                        1);
        }
        return 0;
    }
    if (pos.value(0) != QStringLiteral("rollback"))
        return fail(QStringLiteral("usage: payops-agent interventions list | rollback ID --reason TEXT"));
    bool ok = false;
    const qint64 id = pos.value(1).toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("interventions rollback needs a numeric ID, got '%1'").arg(pos.value(1)));
    if (p.value(reason).trimmed().isEmpty())
        return fail(QStringLiteral("rolling back needs --reason TEXT (it goes into the audit log)"));
    const int waitMs = p.value(wait).toInt(&ok);
    if (!ok || waitMs < 0)
        return fail(QStringLiteral("--wait-ms must be a whole number >= 0, got '%1'").arg(p.value(wait)));
    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::Existing);
    if (!store.ok())
        return fail(store.failure());
    // Refuse now what the agent would refuse later, where nobody would see it.
    auto cp = store.value()->loadCheckpoint();
    if (!cp.ok())
        return fail(cp.failure(), 1);
    if (!cp.value())
        return fail(QStringLiteral("no agent run in %1").arg(dbPath));
    try {
        const auto executor = nlohmann::json::parse(cp.value()->stateJson).at("runtime").at("executor");
        auto findIn = [&](const char* part) -> const nlohmann::json* {
            for (const auto& iv : executor.at(part)) {
                if (iv.at("id").get<qint64>() == id)
                    return &iv;
            }
            return nullptr;
        };
        if (!findIn("active")) {
            if (const nlohmann::json* ended = findIn("ended"))
                return fail(QStringLiteral("intervention %1 is not in force (it is %2)")
                                .arg(id)
                                .arg(QString::fromStdString(ended->at("state").get<std::string>())),
                            1);
            return fail(QStringLiteral("no intervention %1 in %2").arg(id).arg(dbPath));
        }
    } catch (const nlohmann::json::exception& e) {
        return fail(QStringLiteral("the agent checkpoint in %1 is damaged: %2")
                        .arg(dbPath, QString::fromStdString(jsonErrorText(e))),
                    1);
    }
    OperatorCommand command;
    command.kind = "rollback";
    command.targetId = id;
    command.actor = (p.isSet(actor) ? p.value(actor).trimmed() : defaultActor()).toStdString();
    command.reason = p.value(reason).toStdString();
    return submitOperatorCommand(*store.value(), dbPath, command, waitMs);
}

} // namespace payops::cli
