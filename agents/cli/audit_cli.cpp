// payops-agent audit verify | export --format jsonl|csv [--output FILE]
#include "cli/cli_common.h"
#include "core/output_target.h"
#include "store/agent_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}
} // namespace

int auditCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("audit verify | export: check the hash chain of the audit log, or export it. "
                                   "An export of a log that does not verify is written as it is, with a warning, and "
                                   "ends with exit code 3."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("action"), tr("verify or export."));
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: %1).").arg(defaultDatabasePath()),
                          QStringLiteral("FILE"));
    QCommandLineOption format(QStringLiteral("format"), tr("export: jsonl or csv."), QStringLiteral("FORMAT"),
                              QStringLiteral("jsonl"));
    QCommandLineOption output(QStringLiteral("output"), tr("export: write to FILE instead of standard output."),
                              QStringLiteral("FILE"));
    p.addOptions({db, format, output});
    parseCommandLine(p, arguments, QStringLiteral("audit"), Positionals::Allowed);
    const QString action = p.positionalArguments().value(0);
    if (const auto extra =
            unexpectedArgument(p.positionalArguments(), 1, QStringLiteral("audit %1 takes no argument").arg(action)))
        return fail(*extra);
    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    if (action != QStringLiteral("verify") && action != QStringLiteral("export"))
        return fail(QStringLiteral("usage: payops-agent audit verify | export --format jsonl|csv [--output FILE]"));

    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
    if (!store.ok())
        return fail(store.failure());
    if (action == QStringLiteral("verify")) {
        const AuditVerifyReport report = store.value()->verifyAudit();
        // A file damaged on disk breaks the chain as a deletion does; calling that tampering sends an auditor after
        // a person. And a chain that verifies in a damaged file is no sign the file is sound.
        if (const std::optional<std::string> damage = store.value()->damage()) {
            std::fprintf(stderr,
                         "audit log of %s cannot be verified: the database file is damaged (%s); a damaged file "
                         "breaks the hash chain as tampering does. Verify a backup of it instead.\n",
                         qPrintable(dbPath), damage->c_str());
            if (!report.ok) {
                std::fprintf(stderr, "what the chain check finds in the readable part:\n");
                for (const auto& problem : report.problems)
                    std::fprintf(stderr, "  %s\n", problem.c_str());
            }
            return 1;
        }
        // The config versions the log names are part of what it says: a version edited after it was recorded
        // would run as the one the log names.
        const AuditVerifyReport configs = store.value()->verifyConfigVersions();
        if (report.ok && configs.ok) {
            std::printf("audit log of %s is intact: %lld records, hash chain verified; %lld config %s their "
                        "SHA-256\n",
                        qPrintable(dbPath), static_cast<long long>(report.recordsChecked),
                        static_cast<long long>(configs.recordsChecked),
                        configs.recordsChecked == 1 ? "version matches" : "versions match");
            return 0;
        }
        std::fprintf(stderr, "audit log of %s has been tampered with:\n", qPrintable(dbPath));
        for (const auto* r : {&report, &configs})
            for (const auto& problem : r->problems)
                std::fprintf(stderr, "  %s\n", problem.c_str());
        return 1;
    }
    AuditExportFormat fmt;
    if (p.value(format) == QStringLiteral("jsonl"))
        fmt = AuditExportFormat::Jsonl;
    else if (p.value(format) == QStringLiteral("csv"))
        fmt = AuditExportFormat::Csv;
    else
        return fail(QStringLiteral("--format must be jsonl or csv, got '%1'").arg(p.value(format)));
    if (p.isSet(output) && p.value(output).isEmpty()) // --output "$FILE" with FILE unset
        return fail(QStringLiteral("--output is empty; give a file name, or - for standard output"));
    // The database itself, or one of the files SQLite keeps beside it, would be replaced by the export: everything it
    // holds, the audit log included, lost to a copy of the log.
    if (p.isSet(output)) {
        for (const char* companion : {"", "-wal", "-shm", "-journal", ".lock"}) {
            if (isSameFile(dbPath + QLatin1String(companion), p.value(output)))
                return fail(QStringLiteral("--output %1 is the database %2%3; write the export to another file")
                                .arg(p.value(output), dbPath, QLatin1String(companion)));
        }
    }
    // An export is kept as the record: one of a log that no longer verifies must not pass for a sound copy. It is
    // written as it is (the evidence of what was changed), and the run says so and ends with 3.
    const AuditVerifyReport sound = store.value()->verifyAudit();
    // A damaged file breaks nothing the chain check sees when the damage is elsewhere, but what is exported from it is
    // no sound record either (verify refuses such a file).
    const std::optional<std::string> damage = store.value()->damage();
    const auto exported = [&] {
        if (damage) {
            std::fprintf(stderr,
                         "payops-agent: warning: %s is damaged (%s); its audit log was exported as it could be read. "
                         "Export it from a backup of the file for a sound record.\n",
                         qPrintable(dbPath), damage->c_str());
            return 3;
        }
        if (sound.ok)
            return 0;
        std::fprintf(
            stderr,
            "payops-agent: warning: the audit log of %s does not verify (%zu problem%s, the first: %s); it was "
            "exported as it is. `payops-agent audit verify --db %s` names every problem.\n",
            qPrintable(dbPath), sound.problems.size(), sound.problems.size() == 1 ? "" : "s",
            sound.problems.empty() ? "" : sound.problems.front().c_str(), qPrintable(shellQuoted(dbPath)));
        return 3;
    };
    // The shell's own redirection (`--output /dev/stdout >> log`) is written through its descriptor, a pipe or a
    // device as it is: renaming over either would lose what it held or replace it with a file nobody reads.
    const OutputTarget where = outputTargetOf(p.isSet(output) ? p.value(output) : QStringLiteral("-"));
    if (where.descriptor >= 0 || where.direct) {
        std::ofstream opened;
        errno = 0;
        if (where.direct)
            opened.open(QFile::encodeName(p.value(output)).toStdString(), std::ios::binary);
        const int openErrno = errno;
        std::ostream& stream = where.direct ? opened : where.descriptor == 1 ? std::cout : std::cerr;
        errno = 0;
        Status s = stream ? store.value()->exportAudit(stream, fmt)
                          : Status(Error{openErrno ? std::string("cannot open it: ") + std::strerror(openErrno)
                                                   : std::string("cannot open it")});
        stream.flush();
        if (s.ok() && !stream)
            s = Error{std::string("cannot write: ") + std::strerror(errno)};
        if (!s.ok())
            return p.isSet(output) ? fail(QStringLiteral("export to %1 failed: %2")
                                              .arg(p.value(output), QString::fromStdString(s.error())),
                                          1)
                                   : fail(s.failure(), 1);
        return exported();
    }
    const QFileInfo info(p.value(output));
    // A file is written next to its target and renamed over it, so a failed export never leaves a truncated file
    // behind; through a symbolic link, next to the file it points at (the link stays a link, also one whose file
    // does not exist yet), keeping that file's permissions.
    QString target = p.value(output);
    if (info.isSymLink()) {
        target = info.canonicalFilePath();
        if (target.isEmpty()) {
            // Its file does not exist yet: followed link by link to the name it will have (one level replaced the
            // middle link of a chain with the export, and the file it points at was never written).
            target = p.value(output);
            for (int hop = 0; hop < 40 && QFileInfo(target).isSymLink(); ++hop)
                target = QFileInfo(target).symLinkTarget();
        }
    }
    const std::string path = QFile::encodeName(target).toStdString();
    // A name of its own (mkstemp), never one a user's file may have: "OUT.partial" was overwritten, and left behind,
    // a copy of the whole log, when the rename failed.
    std::string partial = path + ".XXXXXX";
    const int fd = ::mkstemp(partial.data());
    if (fd < 0)
        return fail(
            QStringLiteral("cannot write %1: %2").arg(p.value(output), QString::fromLocal8Bit(std::strerror(errno))),
            1);
    ::close(fd);
    const auto abandon = [&](const QString& why) {
        std::remove(partial.c_str());
        return fail(QStringLiteral("export to %1 failed: %2").arg(p.value(output), why), 1);
    };
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        if (!file)
            return abandon(QString::fromLocal8Bit(std::strerror(errno)));
        errno = 0;
        Status s = store.value()->exportAudit(file, fmt);
        file.flush();
        if (!s.ok())
            return abandon(QString::fromStdString(s.error()));
        if (!file)
            return abandon(errno ? QString::fromLocal8Bit(std::strerror(errno)) : QStringLiteral("write error"));
    }
    // mkstemp makes it readable by its owner only: the file it replaces keeps its permissions, a new one gets what any
    // new file gets here.
    mode_t mode = 0;
    if (struct stat before{}; ::stat(path.c_str(), &before) == 0) {
        mode = before.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    (void)::chmod(partial.c_str(), mode);
    if (std::rename(partial.c_str(), path.c_str()) != 0)
        return abandon(QString::fromLocal8Bit(std::strerror(errno)));
    return exported();
}

} // namespace payops::cli
