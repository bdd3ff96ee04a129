// payops-agent audit verify | export --format jsonl|csv [--output FILE]
#include "cli/cli_common.h"
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
    p.setApplicationDescription(tr("audit verify | export: check the hash chain of the audit log, or export it."));
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
    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    if (action != QStringLiteral("verify") && action != QStringLiteral("export"))
        return fail(QStringLiteral("usage: payops-agent audit verify | export --format jsonl|csv [--output FILE]"));

    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
    if (!store.ok())
        return fail(QString::fromStdString(store.error()));
    if (action == QStringLiteral("verify")) {
        const AuditVerifyReport report = store.value()->verifyAudit();
        if (report.ok) {
            std::printf("audit log of %s is intact: %lld records, hash chain verified\n", qPrintable(dbPath),
                        static_cast<long long>(report.recordsChecked));
            return 0;
        }
        std::fprintf(stderr, "audit log of %s has been tampered with:\n", qPrintable(dbPath));
        for (const auto& problem : report.problems)
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
    // The shell's own redirection (`--output /dev/stdout >> log`, or the file standard output or error already is):
    // written through that descriptor, as the shell opened it, and not renamed over.
    const auto inheritedStream = [&]() -> std::ostream* {
        struct stat target {};
        if (::stat(QFile::encodeName(p.value(output)).constData(), &target) != 0)
            return nullptr;
        for (int fd : {1, 2}) {
            struct stat inherited {};
            if (::fstat(fd, &inherited) == 0 && inherited.st_dev == target.st_dev && inherited.st_ino == target.st_ino)
                return fd == 1 ? &std::cout : &std::cerr;
        }
        return nullptr;
    };
    std::ostream* direct = !p.isSet(output) ? &std::cout : inheritedStream();
    if (direct) {
        Status s = store.value()->exportAudit(*direct, fmt);
        direct->flush();
        if (s.ok() && !*direct)
            s = Error{std::string("cannot write: ") + std::strerror(errno)};
        return s.ok() ? 0 : fail(QString::fromStdString(s.error()), 1);
    }
    // A pipe or a device (a FIFO a reader waits on) is written as it is: renaming over it would replace it with a
    // file nobody reads.
    const QFileInfo info(p.value(output));
    if (info.exists() && !info.isFile()) {
        std::ofstream stream(QFile::encodeName(p.value(output)).toStdString(), std::ios::binary);
        Status s = stream ? store.value()->exportAudit(stream, fmt) : Status(Error{"cannot open it"});
        stream.flush();
        if (!s.ok() || !stream)
            return fail(QStringLiteral("export to %1 failed: %2")
                            .arg(p.value(output), QString::fromStdString(s.ok() ? "write error" : s.error())),
                        1);
        return 0;
    }
    // A file is written next to its target and renamed over it, so a failed export never leaves a truncated file
    // behind; through a symbolic link, next to the file it points at (the link stays a link, also one whose file
    // does not exist yet), keeping that file's permissions.
    QString target = p.value(output);
    if (info.isSymLink())
        target = info.canonicalFilePath().isEmpty() ? info.symLinkTarget() : info.canonicalFilePath();
    const std::string path = QFile::encodeName(target).toStdString();
    const std::string partial = path + ".partial";
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(QStringLiteral("cannot write %1").arg(p.value(output)), 1);
        Status s = store.value()->exportAudit(file, fmt);
        file.flush();
        if (!s.ok() || !file) {
            std::remove(partial.c_str());
            return fail(
                QStringLiteral("export to %1 failed: %2")
                    .arg(p.value(output), QString::fromStdString(s.ok() ? "write error (disk full?)" : s.error())),
                1);
        }
    }
    if (struct stat before{}; ::stat(path.c_str(), &before) == 0)
        (void)::chmod(partial.c_str(), before.st_mode & 07777);
    if (std::rename(partial.c_str(), path.c_str()) != 0)
        return fail(QStringLiteral("cannot write %1").arg(p.value(output)), 1);
    return 0;
}

} // namespace payops::cli
