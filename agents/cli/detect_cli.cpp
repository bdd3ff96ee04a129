// payops-agent detect --input FILE.csv --output OUT.csv [--skip-bad-rows]
#include "cli/cli_common.h"
#include "detect/csv_scoring.h"
#include "detect/stop_request.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <csignal>
#include <cstdio>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}
} // namespace

int detectCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("detect --input FILE.csv --output OUT.csv: score every row of a timestamp,value CSV file for anomalies "
           "and write timestamp,value,anomaly_score (from 0 to 1; 0.5 or more marks an anomaly). The header line "
           "names the columns; timestamps are YYYY-MM-DD[ HH:MM[:SS[.fff]][Z|+HH:MM|+HHMM|+HH]] ('T' may stand for "
           "the space) or Unix seconds, in the "
           "order they happened (a step back of up to an hour, as when a local clock leaves daylight saving time, is "
           "accepted). The first 150 rows are the detector's warm-up and score 0. "
           "A malformed row stops the command (exit code 2, no output file written) unless "
           "--skip-bad-rows is given. --output - writes to standard output as rows are scored; there a "
           "stopped run leaves the rows before the bad one, so check the exit code. --input - reads standard "
           "input: fed a row at a time (tail -f, a live pipe) with --output -, each row's score is written as "
           "the row arrives. Interrupted (Ctrl-C, SIGTERM), it ends on a whole row of a stream, writes no file, "
           "and then ends by that signal."));
    p.addHelpOption();
    QCommandLineOption input(QStringLiteral("input"), tr("The CSV file to score (- for standard input)."),
                             QStringLiteral("FILE"));
    QCommandLineOption output(QStringLiteral("output"), tr("Where to write the scored CSV."), QStringLiteral("FILE"));
    QCommandLineOption skipBadRows(
        QStringLiteral("skip-bad-rows"),
        tr("Skip malformed rows instead of stopping: each is named on standard error (the first 10) and "
           "gets no output row. A row more than an hour before the latest is malformed, with two exceptions, "
           "in which the timestamp ahead was the wrong one (it was scored where it came, and is named): the row "
           "is back where the rows before that one left off (one timestamp jumped ahead: nothing is skipped), or "
           "it is the third in order after such a step back (time follows the rows; the two before it are "
           "skipped). A file sorted newest first is refused all the same, and so is one with more rows skipped "
           "for stepping back than scored, three or more (not in time order): their rows are not a few bad "
           "ones."));
    p.addOptions({input, output, skipBadRows});
    const QString usage = tr("usage: payops-agent detect --input FILE.csv --output OUT.csv [--skip-bad-rows]");
    parseCommandLine(p, arguments, QStringLiteral("detect"));
    for (const QCommandLineOption* o : {&input, &output}) {
        const QString name = o->names().constFirst();
        if (p.isSet(*o) && p.value(*o).isEmpty()) // --input "$FILE" with FILE unset
            return fail(tr("--%1 is empty; give a file name, or - for standard %2")
                            .arg(name, o == &input ? tr("input") : tr("output")));
        if (p.value(*o).isEmpty())
            return fail(tr("missing --%1 FILE\n%2").arg(name, usage));
    }

    if (p.value(input) == QLatin1String("-") && standardInputWasClosed())
        return fail(tr("--input -: standard input is closed; pipe the rows in, or give --input FILE"));
    if (p.value(output) == QLatin1String("-") && standardOutputWasClosed())
        return fail(tr("--output -: standard output is closed; give --output FILE"));

    detect::CsvScoringOptions options;
    options.skipBadRows = p.isSet(skipBadRows);
    const QString inputName = QString::fromStdString(detect::displayName(p.value(input), detect::Direction::Input));
    // Each skipped row is named as it is met (a live feed hears of it at once), the first kListed of them: a file
    // in the wrong format would otherwise print a line for each of its rows.
    constexpr std::int64_t kListed = 10;
    std::int64_t skippedSoFar = 0;
    options.skipped = [&](std::int64_t line, const std::string& problem) {
        if (++skippedSoFar <= kListed)
            std::fprintf(stderr, "payops-agent: %s:line %lld: %s (skipped)\n", qPrintable(inputName),
                         static_cast<long long>(line), problem.c_str());
        else if (skippedSoFar == kListed + 1)
            std::fprintf(stderr, "payops-agent: %s: more bad rows are skipped, counted but not listed\n",
                         qPrintable(inputName));
        std::fflush(stderr);
    };
    options.noted = [&](std::int64_t line, const std::string& note) {
        std::fprintf(stderr, "payops-agent: %s:line %lld: note: %s\n", qPrintable(inputName),
                     static_cast<long long>(line), note.c_str());
        std::fflush(stderr);
    };
    // Ctrl-C or a kill ends the run after its current row: a stream ends on a whole row, a file is dropped cleanly.
    // No SA_RESTART, so a read waiting on a live feed returns at once; SA_RESETHAND, so a second Ctrl-C kills at once
    // (a run stuck writing to a stalled pipe).
    struct sigaction stop = {};
    stop.sa_handler = [](int signal) { detect::requestStop(signal); };
    stop.sa_flags = SA_RESETHAND;
    sigemptyset(&stop.sa_mask);
    for (int signal : {SIGINT, SIGTERM})
        ::sigaction(signal, &stop, nullptr);
    const detect::CsvScoringReport report = detect::scoreCsvFile(p.value(input), p.value(output), options);
    switch (report.outcome) {
    case detect::CsvScoringReport::Outcome::Scored:
        break;
    case detect::CsvScoringReport::Outcome::BadInput:
        return fail(QString::fromStdString(report.error), 2);
    case detect::CsvScoringReport::Outcome::WriteFailed:
        return fail(QString::fromStdString(report.error), 1);
    case detect::CsvScoringReport::Outcome::Interrupted:
        fail(QString::fromStdString(report.error));
        std::fflush(stderr);
        // Ended by the signal, as far as the parent can tell: a shell loop stops on Ctrl-C, a service manager sees
        // its own SIGTERM (an exit code would read as a failure to both).
        if (const int signal = detect::stopSignal()) {
            std::signal(signal, SIG_DFL);
            std::raise(signal);
        }
        return 130;
    }
    if (report.rowsSkipped > 0) {
        const QString scored = QString::number(report.rowsScored);
        const QString summary =
            report.rowsSkipped == 1
                ? tr("%1: skipped 1 bad row, scored %2").arg(inputName, scored)
                : tr("%1: skipped %2 bad rows, scored %3").arg(inputName, QString::number(report.rowsSkipped), scored);
        std::fprintf(stderr, "payops-agent: %s\n", qPrintable(summary));
    }
    // A short file is all warm-up: say so, or its zeros read as "nothing unusual".
    if (report.rowsScored <= options.detector.warmupRows)
        std::fprintf(stderr, "payops-agent: note: %s\n",
                     qPrintable(tr("%1: every row scores 0: the detector's first %3 rows are its warm-up, and this "
                                   "input had %2")
                                    .arg(inputName, QString::number(report.rowsScored),
                                         QString::number(options.detector.warmupRows))));
    return 0;
}

} // namespace payops::cli
