// payops-agent detect --input FILE.csv --output OUT.csv [--skip-bad-rows]
#include "cli/cli_common.h"
#include "detect/csv_scoring.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
           "names the columns; timestamps are YYYY-MM-DD[ HH:MM:SS[.fff][Z|+HH:MM]] or Unix seconds, in the "
           "order they happened (a step back, as when a local clock leaves daylight saving time, is accepted). "
           "A malformed row stops the command (exit code 2, no output file written) unless "
           "--skip-bad-rows is given. --output - writes to standard output as rows are scored; there a "
           "stopped run leaves the rows before the bad one, so check the exit code. --input - reads standard "
           "input: fed a row at a time (tail -f, a live pipe) with --output -, each row's score is written as "
           "the row arrives."));
    const QCommandLineOption help = p.addHelpOption();
    QCommandLineOption input(QStringLiteral("input"), tr("The CSV file to score (- for standard input)."),
                             QStringLiteral("FILE"));
    QCommandLineOption output(QStringLiteral("output"), tr("Where to write the scored CSV."), QStringLiteral("FILE"));
    QCommandLineOption skipBadRows(QStringLiteral("skip-bad-rows"),
                                   tr("Skip malformed rows (reported on standard error) instead of stopping."));
    p.addOptions({input, output, skipBadRows});
    const QString usage = tr("usage: payops-agent detect --input FILE.csv --output OUT.csv [--skip-bad-rows]");
    if (!p.parse(arguments))
        return fail(p.errorText() + QLatin1Char('\n') + usage);
    if (p.isSet(help))
        p.showHelp(0);
    if (!p.positionalArguments().isEmpty() || p.value(input).isEmpty() || p.value(output).isEmpty())
        return fail(usage);

    detect::CsvScoringOptions options;
    options.skipBadRows = p.isSet(skipBadRows);
    const detect::CsvScoringReport report = detect::scoreCsvFile(p.value(input), p.value(output), options);
    switch (report.outcome) {
    case detect::CsvScoringReport::Outcome::Scored:
        break;
    case detect::CsvScoringReport::Outcome::BadInput:
        return fail(QString::fromStdString(report.error), 2);
    case detect::CsvScoringReport::Outcome::WriteFailed:
        return fail(QString::fromStdString(report.error), 1);
    }
    if (report.rowsSkipped > 0) {
        const QString inputName = QString::fromStdString(detect::displayName(p.value(input), detect::Direction::Input));
        const QString first = QString::fromStdString(report.firstSkipped);
        const QString count = QString::number(report.rowsSkipped);
        const QString summary = report.rowsSkipped == 1
                                    ? tr("%1: skipped 1 bad row (first: %2)").arg(inputName, first)
                                    : tr("%1: skipped %2 bad rows (first: %3)").arg(inputName, count, first);
        std::fprintf(stderr, "payops-agent: %s\n", qPrintable(summary));
    }
    return 0;
}

} // namespace payops::cli
