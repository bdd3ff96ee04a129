// payops-agent detect as a user runs it (a real process on real files), and the timestamp parser under it.
#include "agent_process.h"
#include "detect/timestamp_parser.h"
#include "stream/rng.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <unistd.h>

using payops::detect::parseTimestamp;
using payops::detect::TimestampError;

namespace {

Outcome runDetect(const QString& input, const QString& output, const QStringList& extra = {})
{
    return runAgent(
        QStringList{QStringLiteral("detect"), QStringLiteral("--input"), input, QStringLiteral("--output"), output} +
        extra);
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The data lines of a CSV file (header and trailing line break dropped).
QList<QByteArray> dataLines(const QByteArray& csv)
{
    QList<QByteArray> lines = csv.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (!lines.isEmpty())
        lines.removeFirst();
    return lines;
}

// "2014-07-01 00:00:00" plus step * 5 minutes, the NAB layout.
QByteArray timestampAt(int step)
{
    const QDateTime t = QDateTime(QDate(2014, 7, 1), QTime(0, 0), Qt::UTC).addSecs(300LL * step);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
}

// A flat series with bounded noise that steps from 100 to 130 at row stepAt (no step if stepAt >= rows).
QByteArray stepSeries(int rows, int stepAt)
{
    payops::Rng rng(11);
    QByteArray csv = "timestamp,value\n";
    for (int i = 0; i < rows; ++i) {
        const double v = (i >= stepAt ? 130.0 : 100.0) + rng.uniform(-1.0, 1.0);
        csv += timestampAt(i) + ',' + QByteArray::number(v, 'f', 3) + '\n';
    }
    return csv;
}

QByteArray goodRows(int count, int firstStep = 0)
{
    QByteArray rows;
    for (int i = 0; i < count; ++i)
        rows += timestampAt(firstStep + i) + ',' + QByteArray::number(10 + i % 7) + '\n';
    return rows;
}

} // namespace

class TestDetectCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(!qEnvironmentVariable("PAYOPS_AGENT_BIN").isEmpty(), "CTest sets it"); }

    void parsesValidTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("seconds");
        QTest::newRow("space") << QStringLiteral("2014-07-01 00:00:00") << 1404172800.0;
        QTest::newRow("T") << QStringLiteral("2014-07-01T00:30:00") << 1404174600.0;
        QTest::newRow("Z") << QStringLiteral("2014-07-01T00:30:00Z") << 1404174600.0;
        QTest::newRow("+02:00") << QStringLiteral("2014-07-01T02:30:00+02:00") << 1404174600.0;
        QTest::newRow("+0200") << QStringLiteral("2014-07-01T02:30:00+0200") << 1404174600.0;
        QTest::newRow("+05:45") << QStringLiteral("2014-07-01 05:45:00+05:45") << 1404172800.0;
        QTest::newRow("-05:00") << QStringLiteral("2014-06-30T19:30:00-05:00") << 1404174600.0;
        // As `date` and many loggers write it.
        QTest::newRow("space, +02:00") << QStringLiteral("2014-07-01T02:30:00 +02:00") << 1404174600.0;
        QTest::newRow("space, -0500") << QStringLiteral("2014-06-30 19:30:00 -0500") << 1404174600.0;
        QTest::newRow("fraction") << QStringLiteral("2014-07-01 00:00:00.25") << 1404172800.25;
        QTest::newRow("fraction Z") << QStringLiteral("2014-07-01T00:00:00.125Z") << 1404172800.125;
        QTest::newRow("no seconds") << QStringLiteral("2000-02-29 12:00") << 951825600.0;
        QTest::newRow("bare date") << QStringLiteral("1970-01-01") << 0.0;
        QTest::newRow("leap day 2016") << QStringLiteral("2016-02-29") << 1456704000.0;
        QTest::newRow("before 1970") << QStringLiteral("1969-12-31 23:59:59") << -1.0;
        QTest::newRow("epoch") << QStringLiteral("1404172800") << 1404172800.0;
        QTest::newRow("epoch fraction") << QStringLiteral("1404172800.5") << 1404172800.5;
        QTest::newRow("epoch zero") << QStringLiteral("0") << 0.0;
    }
    void parsesValidTimestamps()
    {
        QFETCH(QString, text);
        QFETCH(double, seconds);
        const std::string s = text.toStdString();
        const auto parsed = parseTimestamp(s);
        QVERIFY2(parsed.ok(), payops::detect::describeTimestampError(parsed.error));
        QCOMPARE(parsed.seconds, seconds);
        // Cross-check the calendar arithmetic with Qt for the date forms.
        if (text.size() >= 10 && text[4] == QLatin1Char('-') && !text.contains(QLatin1Char('+')) &&
            text.lastIndexOf(QLatin1Char('-')) == 7) {
            QString iso = text;
            iso.replace(QLatin1Char(' '), QLatin1Char('T'));
            if (!iso.endsWith(QLatin1Char('Z')))
                iso += iso.size() == 10 ? QStringLiteral("T00:00:00Z") : QStringLiteral("Z");
            const QDateTime qt = QDateTime::fromString(iso, Qt::ISODateWithMs);
            QVERIFY2(qt.isValid(), qPrintable(iso));
            QCOMPARE(parsed.seconds, qt.toMSecsSinceEpoch() / 1000.0);
        }
    }

    void refusesInvalidTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("error");
        const int format = static_cast<int>(TimestampError::Format), date = static_cast<int>(TimestampError::Date),
                  time = static_cast<int>(TimestampError::Time), offset = static_cast<int>(TimestampError::Offset);
        QTest::newRow("no leap day 2015") << QStringLiteral("2015-02-29") << date;
        QTest::newRow("no leap day 1900") << QStringLiteral("1900-02-29 00:00:00") << date;
        QTest::newRow("month 13") << QStringLiteral("2014-13-01") << date;
        QTest::newRow("month 0") << QStringLiteral("2014-00-10") << date;
        QTest::newRow("day 0") << QStringLiteral("2014-01-00") << date;
        QTest::newRow("April 31") << QStringLiteral("2014-04-31 10:00:00") << date;
        QTest::newRow("hour 24") << QStringLiteral("2014-07-01 24:00:00") << time;
        QTest::newRow("minute 60") << QStringLiteral("2014-07-01 12:60") << time;
        QTest::newRow("second 60") << QStringLiteral("2014-07-01T12:00:60Z") << time;
        QTest::newRow("offset 25h") << QStringLiteral("2014-07-01T00:00:00+25:00") << offset;
        QTest::newRow("offset 60m") << QStringLiteral("2014-07-01T00:00:00+01:60") << offset;
        QTest::newRow("empty") << QString() << format;
        QTest::newRow("words") << QStringLiteral("yesterday") << format;
        QTest::newRow("one-digit month") << QStringLiteral("2014-7-01") << format;
        QTest::newRow("slashes") << QStringLiteral("2014/07/01") << format;
        QTest::newRow("bad separator") << QStringLiteral("2014-07-01X00:00:00") << format;
        QTest::newRow("hour only") << QStringLiteral("2014-07-01 00") << format;
        QTest::newRow("trailing space") << QStringLiteral("2014-07-01 00:00:00 ") << format;
        QTest::newRow("empty fraction") << QStringLiteral("2014-07-01 00:00:00.") << format;
        QTest::newRow("junk after zone") << QStringLiteral("2014-07-01 00:00:00Zx") << format;
        QTest::newRow("short offset") << QStringLiteral("2014-07-01 00:00:00+1") << format;
        QTest::newRow("two spaces before the zone") << QStringLiteral("2014-07-01 00:00:00  +01:00") << format;
        QTest::newRow("space before a bare date's zone") << QStringLiteral("2014-07-01 +01:00") << format;
        QTest::newRow("number and junk") << QStringLiteral("12abc") << format;
        QTest::newRow("inf") << QStringLiteral("inf") << format;
        QTest::newRow("nan") << QStringLiteral("nan") << format;
        QTest::newRow("lone plus") << QStringLiteral("+") << format;
        QTest::newRow("milliseconds") << QStringLiteral("1435708800000")
                                      << static_cast<int>(TimestampError::EpochRange);
    }
    void refusesInvalidTimestamps()
    {
        QFETCH(QString, text);
        QFETCH(int, error);
        const std::string s = text.toStdString();
        QCOMPARE(static_cast<int>(parseTimestamp(s).error), error);
    }

    void everyRowIsScoredInOrder()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        const QByteArray csv = stepSeries(1000, 700);
        QVERIFY(writeFile(in, csv));
        const Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QByteArray scored = readFile(out);
        QVERIFY(scored.startsWith("timestamp,value,anomaly_score\n"));
        const QList<QByteArray> input = dataLines(csv), output = dataLines(scored);
        QCOMPARE(output.size(), input.size());
        for (qsizetype i = 0; i < input.size(); ++i) {
            const QList<QByteArray> fields = output[i].split(',');
            QCOMPARE(fields.size(), 3);
            QCOMPARE(fields[0] + ',' + fields[1], input[i]);
            bool ok = false;
            const double score = fields[2].toDouble(&ok);
            QVERIFY2(ok && score >= 0 && score <= 1, fields[2].constData());
        }
    }

    void aStepGetsTheHighestScoreRightAfterIt()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        constexpr int kStep = 600;
        QVERIFY(writeFile(in, stepSeries(900, kStep)));
        QCOMPARE(runDetect(in, out).exitCode, 0);
        const QList<QByteArray> rows = dataLines(readFile(out));
        QCOMPARE(rows.size(), 900);
        int argmax = 0;
        double best = -1;
        for (int i = 0; i < rows.size(); ++i) {
            const double score = rows[i].split(',').at(2).toDouble();
            if (i < kStep)
                QVERIFY2(score < 0.5,
                         qPrintable(QStringLiteral("row %1 of the flat part scores %2").arg(i).arg(score)));
            if (score > best) {
                best = score;
                argmax = i;
            }
        }
        QVERIFY2(argmax >= kStep && argmax <= kStep + 5, qPrintable(QString::number(argmax)));
        QVERIFY(best >= 0.5);
    }

    void twoRunsAreByteIdentical()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(writeFile(in, stepSeries(3000, 2000)));
        const QString a = dir.filePath(QStringLiteral("a.csv")), b = dir.filePath(QStringLiteral("b.csv"));
        QCOMPARE(runDetect(in, a).exitCode, 0);
        QCOMPARE(runDetect(in, b).exitCode, 0);
        const QByteArray first = readFile(a);
        QVERIFY(!first.isEmpty());
        QCOMPARE(first, readFile(b));
    }

    void badInputStopsWithTheLine_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("message"); // expected after "FILE"
        const QByteArray header = "timestamp,value\n";
        QTest::newRow("bad value") << header + goodRows(2) + timestampAt(2) + ",abc\n" + goodRows(2, 3)
                                   << QStringLiteral(":line 4: value 'abc' (column 2) is not a number");
        QTest::newRow("infinite value") << header + goodRows(3) + timestampAt(3) + ",inf\n"
                                        << QStringLiteral(":line 5: value 'inf' (column 2) is not a finite number");
        QTest::newRow("plus minus") << header + goodRows(1) + timestampAt(1) + ",+-5\n"
                                    << QStringLiteral(":line 3: value '+-5' (column 2) is not a number");
        QTest::newRow("plus infinity") << header + goodRows(1) + timestampAt(1) + ",+inf\n"
                                       << QStringLiteral(":line 3: value '+inf' (column 2) is not a finite number");
        // 1 and 450 zeros, times 1e-100: 1e350, out of range although its exponent is negative.
        QTest::newRow("large with negative exponent")
            << header + goodRows(1) + timestampAt(1) + ",1" + QByteArray(450, '0') + "e-100\n"
            << QStringLiteral(":line 3: value '1") + QString(59, QLatin1Char(u'0')) +
                   QStringLiteral("...' (column 2) is out of range");
        QTest::newRow("huge value")
            << header + goodRows(1) + timestampAt(1) + ",1.7e308\n"
            << QStringLiteral(":line 3: value '1.7e308' (column 2) is too large (more than 1e300 in magnitude)");
        QTest::newRow("milliseconds") << header + "1435708800000,5\n"
                                      << QStringLiteral(":line 2: timestamp '1435708800000' (column 1) is beyond the "
                                                        "year 9999 as Unix seconds (milliseconds? divide by 1000)");
        QTest::newRow("microseconds") << header + "1435708800000000,5\n"
                                      << QStringLiteral(
                                             ":line 2: timestamp '1435708800000000' (column 1) is beyond "
                                             "the year 9999 as Unix seconds (microseconds? divide by 1000000)");
        QTest::newRow("nanoseconds") << header + "1435708800000000000,5\n"
                                     << QStringLiteral(":line 2: timestamp '1435708800000000000' (column 1) is beyond "
                                                       "the year 9999 as Unix seconds (nanoseconds? divide by "
                                                       "1000000000)");
        QTest::newRow("nanoseconds with an exponent")
            << header + "1.4357088e18,5\n"
            << QStringLiteral(":line 2: timestamp '1.4357088e18' (column 1) is beyond the year 9999 as Unix seconds "
                              "(nanoseconds? divide by 1000000000)");
        QTest::newRow("time twice") << QByteArray("Time,time\n") + timestampAt(0) + "," + timestampAt(1) + "\n"
                                    << QStringLiteral(":line 1: the header names the column 'time' twice");
        // A row of empty cells, as spreadsheets write under the data, is a blank line.
        QTest::newRow("empty cells after the data")
            << header + goodRows(1) + ",\n , ,\n" + goodRows(1, 1) + "x,1\n"
            << QStringLiteral(":line 6: timestamp 'x' (column 1) is not a timestamp");
        QTest::newRow("empty value") << header + goodRows(1) + timestampAt(1) + ",\n"
                                     << QStringLiteral(":line 3: the value (column 2) is empty");
        QTest::newRow("bad date") << header + goodRows(1) + "2014-13-01 00:00:00,5\n"
                                  << QStringLiteral(
                                         ":line 3: timestamp '2014-13-01 00:00:00' (column 1) is not a valid date");
        QTest::newRow("not a timestamp") << header + "July 1st,5\n"
                                         << QStringLiteral(
                                                ":line 2: timestamp 'July 1st' (column 1) is not a timestamp");
        QTest::newRow("one column") << header + goodRows(5) + timestampAt(5) + "\n"
                                    << QStringLiteral(":line 7: expected 2 columns, found 1");
        QTest::newRow("three columns") << header + goodRows(1) + timestampAt(1) + ",1,2\n"
                                       << QStringLiteral(":line 3: expected 2 columns, found 3");
        QTest::newRow("decimal comma") << header + timestampAt(0) + ",10,1288\n"
                                       << QStringLiteral(":line 2: expected 2 columns, found 3 (is '10,1288' a number "
                                                         "with a decimal comma? write it with a point)");
        // Python's logging writes a comma before the milliseconds: the comma splits the time, not the value. The
        // hint blamed the value alone; read either way, both are named.
        QTest::newRow("comma before milliseconds")
            << header + "2024-01-01 00:00:00,125,7.5\n"
            << QStringLiteral(":line 2: expected 2 columns, found 3 (is '2024-01-01 00:00:00,125' a timestamp with a "
                              "comma before its fraction of a second? put the timestamp in double quotes, or write "
                              "'2024-01-01 00:00:00.125')");
        QTest::newRow("comma before milliseconds, or a thousands separator")
            << header + "2024-01-01 00:00:00,500,100\n"
            << QStringLiteral(":line 2: expected 2 columns, found 3 (is '2024-01-01 00:00:00,500' a timestamp with a "
                              "comma before its fraction of a second? put the timestamp in double quotes, or write "
                              "'2024-01-01 00:00:00.500'; or is '500,100' a number with a thousands separator, or "
                              "with a decimal comma? write numbers without thousands separators and with a decimal "
                              "point)");
        // Three digits after the comma may be a thousands separator: read as a decimal it would be off by a thousand.
        QTest::newRow("thousands or decimal") << header + timestampAt(0) + ",1,234\n"
                                              << QStringLiteral(":line 2: expected 2 columns, found 3 (is '1,234' a "
                                                                "number with a thousands separator, or with a decimal "
                                                                "comma? write numbers without thousands separators and "
                                                                "with a decimal point)");
        QTest::newRow("thousands") << header + timestampAt(0) + ",9,410.6\n"
                                   << QStringLiteral(":line 2: expected 2 columns, found 3 (is '9,410.6' a number with "
                                                     "thousands separators? write it without them: 9410.6)");
        QTest::newRow("quoted thousands") << header + timestampAt(0) + ",\"1,234,567\"\n"
                                          << QStringLiteral(":line 2: value '1,234,567' (column 2) is not a number "
                                                            "(thousands separators or a decimal comma? write numbers "
                                                            "without thousands separators and with a decimal point)");
        QTest::newRow("semicolons") << QByteArray("timestamp;value\n") + timestampAt(0) + ";5\n"
                                    << QStringLiteral(":line 1: the columns are separated by ';' (found "
                                                      "'timestamp;value'); this command reads comma-separated files: "
                                                      "save it with ',' between columns");
        QTest::newRow("tabs") << QByteArray("value\ttimestamp\n") + "5\t" + timestampAt(0) + "\n"
                              << QStringLiteral(":line 1: the columns are separated by tabs");
        QTest::newRow("unclosed quote") << header + goodRows(1) + "\"2014-07-01 00:05:00,5\n"
                                        << QStringLiteral(":line 3: a quoted field opened on this line is not closed");
        // Not read on for the closing quote: the rows after a stray quote are not swallowed into its field.
        QTest::newRow("quote open over lines")
            << header + goodRows(1) + timestampAt(1) + ",\"5\n" + goodRows(2, 2) + "\"\n"
            << QStringLiteral(":line 3: a quoted field opened on this line is not closed on it");
        QTest::newRow("newest first") << header + timestampAt(24) + ",1\n" + timestampAt(0) + ",2\n"
                                      << QStringLiteral(
                                             ":line 3: timestamp '2014-07-01 00:00:00' (column 1) is 2 h before the "
                                             "one on line 2; rows must be in the order they happened");
        QTest::newRow("a day back") << header + goodRows(300) + timestampAt(0) + ",2\n"
                                    << QStringLiteral(
                                           ":line 302: timestamp '2014-07-01 00:00:00' (column 1) is 25 h before the "
                                           "one on line 301");
        QTest::newRow("compact date") << header + "20150101,5\n"
                                      << QStringLiteral(":line 2: timestamp '20150101' (column 1) looks like a date "
                                                        "written YYYYMMDD: write it as YYYY-MM-DD");
        QTest::newRow("binary file") << QByteArray("\x7f"
                                                   "ELF\x02\x01\x01\0\0\0\r\x03\0>\0\n",
                                                   16)
                                     << QStringLiteral(":line 1: this is not a text file (its first line holds NUL "
                                                       "bytes)");
        QTest::newRow("no-break space") << header + timestampAt(0) +
                                               ",\xC2\xA0"
                                               "5\n"
                                        << QStringLiteral(":line 2: value '\\u00a05' (column 2) is not a number");
        QTest::newRow("not UTF-8") << header + timestampAt(0) +
                                          ",\xFF"
                                          "5\n"
                                   << QStringLiteral(":line 2: value '\\xff5' (column 2) is not a number");
        QTest::newRow("C1 control") << header + timestampAt(0) +
                                           ",\xC2\x9B"
                                           "5\n"
                                    << QStringLiteral(":line 2: value '\\u009b5' (column 2) is not a number");
        QTest::newRow("newest first, five minutes a row")
            << header +
                   [] {
                       QByteArray rows;
                       for (int i = 199; i >= 0; --i)
                           rows += timestampAt(i) + ",1\n";
                       return rows;
                   }()
            // Said at its fifth row, as the order it is: its steps back are within the hour's allowance until line 15,
            // which used to be where it was named, as a step back of 65 minutes.
            << QStringLiteral(":line 6: time runs backwards from line 2 ('2014-07-01 16:35:00') to line 6 "
                              "('2014-07-01 16:15:00'): the file looks sorted newest first; sort its rows oldest "
                              "first");
        QTest::newRow("UTF-16") << QByteArray("\xFF\xFEt\0i\0m\0e\0\n\0", 12)
                                << QStringLiteral(":line 1: the file is UTF-16 (its byte order mark says so); save it "
                                                  "as UTF-8");
        QTest::newRow("an hour and a second back")
            << header + timestampAt(0) + ",1\n" +
                   QDateTime(QDate(2014, 6, 30), QTime(22, 59, 59), Qt::UTC)
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       .toLatin1() +
                   ",1\n"
            << QStringLiteral(":line 3: timestamp '2014-06-30 22:59:59' (column 1) is 60 min 1 s before the one on "
                              "line 2");
        QTest::newRow("bare CR line ends")
            << QByteArray("timestamp,value\r") + goodRows(3).replace('\n', '\r')
            << QStringLiteral(":line 1: the lines end with a bare carriage return (CR); save the file with LF or CRLF "
                              "line endings");
        QTest::newRow("no header") << goodRows(3)
                                   << QStringLiteral(
                                          ":line 1: the first line must be a header naming the columns timestamp "
                                          "and value, found '2014-07-01 00:00:00,10'");
        // Two columns are read as time and value (with a note); with three, which one is meant is not guessed.
        QTest::newRow("no value column") << QByteArray("timestamp,count,host\n") + goodRows(3).replace("\n", ",h\n")
                                         << QStringLiteral(":line 1: the header has no 'value' column");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral(": the file is empty");
        QTest::newRow("blank file") << QByteArray("\xEF\xBB\xBF\r\n\n") << QStringLiteral(": the file is empty");
        QTest::newRow("line too long") << header + goodRows(4) + timestampAt(4) + "," + QByteArray(2 << 20, '1') +
                                              "\n" + goodRows(1, 5)
                                       << QStringLiteral(
                                              ":line 6: the line does not fit in 1048576 bytes with its line break");
        // Past the first 1 MiB of output: what was already written must not survive either.
        QTest::newRow("bad row deep in the file")
            << header + goodRows(60000) + timestampAt(60000) + ",1e999\n"
            << QStringLiteral(":line 60002: value '1e999' (column 2) is out of range");
    }
    void badInputStopsWithTheLine()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, csv));
        const Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("payops-agent: ") + in + message), qPrintable(err));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("in.csv")}); // no temp file
    }

    void aFailedRunLeavesAnOldOutputAlone()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, "timestamp,value\n" + goodRows(3) + "2014-07-01 00:20:00,x\n"));
        QVERIFY(writeFile(out, "previous results\n"));
        QCOMPARE(runDetect(in, out).exitCode, 2);
        QCOMPARE(readFile(out), QByteArray("previous results\n"));
    }

    // "2015-01-01 00:00:00,5" (a comma before the fraction) must come out quoted, or the row would have four
    // columns; a value too small for a double is a number all the same.
    void oddButValidFieldsKeepThreeColumns()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        const QByteArray tiny = "0." + QByteArray(400, '0') + "1"; // 1e-401 written out
        QVERIFY(writeFile(in, "timestamp,value\n\"2015-01-01 00:00:00,5\",1\n2015-01-01 00:05:00,1e-400\n"
                              "2015-01-01 00:10:00,+2\n2015-01-01 00:15:00," +
                                  tiny + "\n"));
        const Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(dataLines(readFile(out)),
                 (QList<QByteArray>{"\"2015-01-01 00:00:00,5\",1,0.000000", "2015-01-01 00:05:00,1e-400,0.000000",
                                    "2015-01-01 00:10:00,+2,0.000000", "2015-01-01 00:15:00," + tiny + ",0.000000"}));
    }

    // "-" and /dev/stdout are streams: the rows go to standard output, and a file that standard output is appended
    // to keeps what it had (QSaveFile would have renamed its temporary file over it).
    void standardOutputIsAStream()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        const QByteArray csv = "timestamp,value\n" + goodRows(4);
        QVERIFY(writeFile(in, csv));
        const Outcome dash = runDetect(in, QStringLiteral("-"));
        QCOMPARE(dash.exitCode, 0);
        QCOMPARE(dataLines(dash.out).size(), 4);
        QVERIFY(dash.out.startsWith("timestamp,value,anomaly_score\n"));

        const QString log = dir.filePath(QStringLiteral("log.txt"));
        QVERIFY(writeFile(log, "earlier line\n"));
        QProcess p;
        p.setStandardOutputFile(log, QIODevice::Append);
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), {QStringLiteral("detect"), QStringLiteral("--input"), in,
                                                           QStringLiteral("--output"), QStringLiteral("/dev/stdout")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(readFile(log), "earlier line\n" + dash.out);

        // Written through the shell's own descriptor: the rows land between what came before and after them.
        const QString shellOut = dir.filePath(QStringLiteral("shell.txt"));
        QProcess sh;
        sh.setStandardOutputFile(shellOut);
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("echo first; \"$0\" detect --input \"$1\" --output /dev/stdout; "
                                 "echo done"),
                  qEnvironmentVariable("PAYOPS_AGENT_BIN"), in});
        QVERIFY(sh.waitForFinished(30000));
        QCOMPARE(sh.exitCode(), 0);
        QCOMPARE(readFile(shellOut), "first\n" + dash.out + "done\n");
    }

    // A quoted field must close on its line (no time or number holds a line break): a stray quote costs its own row
    // only, not the rows after it, and a comma inside quotes is still no separator.
    void aStrayQuoteCostsItsRowOnly()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, "timestamp,value,note\n" + timestampAt(0) + ",1,\"a, b\"\n" + timestampAt(1) +
                                  ",\"2,stray\n" + goodRows(3, 2).replace("\n", ",x\n")));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 3: a quoted field opened on this line is not closed on it"), r.err.constData());
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("skipped 1 bad row, scored 4"), r.err.constData());
        const QList<QByteArray> rows = dataLines(readFile(out));
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].startsWith(QByteArray(timestampAt(0) + ",1,")));
        for (int i = 1; i < 4; ++i)
            QVERIFY(rows[i].startsWith(QByteArray(timestampAt(i + 1) + ',')));
    }

    // Writing the scores over the input would lose it: refused before anything is written, through a link too.
    void theOutputMayNotBeTheInput()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), link = dir.filePath(QStringLiteral("link.csv"));
        const QByteArray csv = "timestamp,value\n" + goodRows(5);
        QVERIFY(writeFile(in, csv));
        QVERIFY(QFile::link(in, link));
        for (const QString& out : {in, link}) {
            const Outcome r = runDetect(in, out);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains((out + QStringLiteral(": is the input file")).toUtf8()), r.err.constData());
            QCOMPARE(readFile(in), csv);
        }
        // Standard output redirected onto the input (`--output - >> in.csv`): it read its own rows back.
        QProcess p;
        p.setStandardOutputFile(in, QIODevice::Append);
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), {QStringLiteral("detect"), QStringLiteral("--input"), in,
                                                           QStringLiteral("--output"), QStringLiteral("-")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("standard output: is the input file"), "not refused");
        QCOMPARE(readFile(in), csv);
    }

    // A failed write names its cause and the stream it went to.
    void writeErrorsNameTheirCause()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, stepSeries(3000, 5000)));
        QProcess full;
        full.setStandardOutputFile(QStringLiteral("/dev/full"));
        full.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), {QStringLiteral("detect"), QStringLiteral("--input"), in,
                                                              QStringLiteral("--output"), QStringLiteral("-")});
        QVERIFY(full.waitForFinished(30000));
        QCOMPARE(full.exitCode(), 1);
        QByteArray err = full.readAllStandardError();
        QVERIFY2(err.contains("standard output: cannot write: No space left on device"), err.constData());

        // A file that may not grow past 20 KB (the shell's file size limit, its signal ignored) fails as a full
        // disk does, and the partial file goes away.
        QProcess limited;
        limited.start(QStringLiteral("/bin/sh"),
                      {QStringLiteral("-c"),
                       QStringLiteral("ulimit -f 20; trap '' XFSZ; exec \"$0\" detect --input \"$1\" --output \"$2\""),
                       qEnvironmentVariable("PAYOPS_AGENT_BIN"), in, out});
        QVERIFY(limited.waitForFinished(30000));
        QCOMPARE(limited.exitCode(), 1);
        err = limited.readAllStandardError();
        QVERIFY2(err.contains(": cannot write: File too large"), err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("in.csv")});
    }

    // An existing file the user may write, in a directory they may not write in: the atomic rename cannot work there,
    // so the run says why and how to write it anyway (it said "Permission denied" of a file that is writable), and the
    // file keeps what it held.
    void aReadOnlyDirectoryIsExplained()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(writeFile(in, stepSeries(400, 300)));
        const QString drop = dir.filePath(QStringLiteral("drop")), out = drop + QStringLiteral("/out.csv");
        QVERIFY(QDir().mkdir(drop) && writeFile(out, "old\n"));
        QProcess p;
        if (::geteuid() == 0) {
            // root writes anywhere: run as nobody, who owns the file but not the directory.
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("running as root without setpriv");
            QVERIFY(::chown(qPrintable(out), 65534, 65534) == 0);
            for (const QString& path : {dir.path(), in})
                QFile::setPermissions(path, QFile::permissions(path) | QFile::ReadOther | QFile::ExeOther);
            QVERIFY(startAgentAsNobody(
                p, {QStringLiteral("detect"), QStringLiteral("--input"), in, QStringLiteral("--output"), out}));
        } else {
            QVERIFY(QFile::setPermissions(drop, QFile::ReadOwner | QFile::ExeOwner));
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("detect"), QStringLiteral("--input"), in, QStringLiteral("--output"), out});
        }
        QVERIFY(p.waitForFinished(30000));
        QFile::setPermissions(drop, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("out.csv: cannot write: its directory is not writable") &&
                     err.contains("use --output - > FILE"),
                 err.constData());
        QCOMPARE(readFile(out), QByteArray("old\n"));
    }

    // Replacing a file whose name is within 7 bytes of the file system's limit: the file written beside it cannot be
    // named, and the run says so (it said "Unknown error"); the old file stays.
    void aNameTooLongToWriteBesideIsExplained()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(writeFile(in, stepSeries(400, 300)));
        const long nameMax = ::pathconf(qPrintable(dir.path()), _PC_NAME_MAX);
        if (nameMax <= 0 || nameMax > 1000)
            QSKIP("this file system states no usable limit on a name");
        const QString out = dir.filePath(QString(nameMax - 5, QLatin1Char('p')) + QStringLiteral(".csv"));
        QVERIFY(writeFile(out, "old\n"));
        const Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write: an existing file is replaced through a file beside it, named with 7 "
                                "more bytes") &&
                     r.err.contains("use a shorter name, remove the old file first, or --output - > FILE"),
                 r.err.constData());
        QCOMPARE(readFile(out), QByteArray("old\n"));
        // A name past the limit itself is said as such, with no advice that would fail the same way.
        const QString tooLong = dir.filePath(QString(nameMax + 1, QLatin1Char('q')));
        const Outcome past = runDetect(in, tooLong);
        QCOMPARE(past.exitCode, 1);
        QVERIFY2(past.err.contains(QStringLiteral("cannot write: the file name is %1 bytes, past the file system's "
                                                  "limit of %2; use a shorter name")
                                       .arg(nameMax + 1)
                                       .arg(nameMax)
                                       .toUtf8()),
                 past.err.constData());
    }

    // A stopped stream keeps what it wrote: the rows before the bad one, which the help promises.
    void aStoppedStreamKeepsTheRowsBeforeTheBadOne()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(writeFile(in, "timestamp,value\n" + goodRows(3) + "2014-07-01 00:20:00,x\n"));
        const Outcome r = runDetect(in, QStringLiteral("-"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 5: value 'x' (column 2) is not a number"), r.err.constData());
        QVERIFY(r.out.startsWith("timestamp,value,anomaly_score\n"));
        QCOMPARE(dataLines(r.out).size(), 3);
    }

    // Stopped (Ctrl-C, a kill) while it waits on a live feed: a stream ends on its last whole row (a row still
    // arriving is not scored), a file keeps what it held before with no temporary file beside it, and the process ends
    // by the signal, as a shell loop or a service manager expects.
    void anInterruptedRunEndsCleanly()
    {
        QTemporaryDir dir;
        const QByteArray csv = stepSeries(400, 300);
        const QList<QByteArray> lines = csv.split('\n');
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(out, "yesterday's scores\n"));
        for (const QString& output : {QStringLiteral("-"), out}) {
            QProcess p;
            p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("detect"), QStringLiteral("--input"), QStringLiteral("-"),
                     QStringLiteral("--output"), output, QStringLiteral("--skip-bad-rows")});
            QVERIFY(p.waitForStarted(30000));
            // 200 rows, a bad one (named on standard error as it is met: the sign that everything before it was
            // read), and half of the next row.
            p.write(lines.mid(0, 201).join('\n') + "\nnot a row\n" + lines[201].left(15));
            QByteArray received, err;
            const QDeadlineTimer deadline(30000);
            while (!err.contains("(skipped)") && !deadline.hasExpired()) {
                p.waitForReadyRead(50); // standard output's readiness; standard error is read meanwhile too
                received += p.readAllStandardOutput();
                err += p.readAllStandardError();
            }
            QVERIFY2(err.contains("line 202: "), err.constData());
            if (output == QLatin1String("-")) {
                while (dataLines(received).size() < 200 && p.waitForReadyRead(10000))
                    received += p.readAllStandardOutput();
            }
            p.terminate(); // SIGTERM, as a kill or a service manager sends
            QVERIFY(p.waitForFinished(30000));
            received += p.readAllStandardOutput();
            err += p.readAllStandardError();
            QCOMPARE(p.exitStatus(), QProcess::CrashExit); // ended by the signal it was sent
            QVERIFY2(err.contains("standard input: interrupted after 200 rows scored; "), err.constData());
            if (output == QLatin1String("-")) {
                QVERIFY(received.endsWith('\n'));
                QCOMPARE(dataLines(received).size(), 200);
                QVERIFY(dataLines(received).last().startsWith(lines[200]));
            } else {
                QVERIFY2(err.contains("out.csv was not written"), err.constData());
                QCOMPARE(readFile(out), QByteArray("yesterday's scores\n"));
                QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("out.csv")});
            }
        }
        // Stopped before the header arrived: said so, not "the file is empty".
        QProcess early;
        early.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"), {QStringLiteral("detect"), QStringLiteral("--input"),
                                                               QStringLiteral("-"), QStringLiteral("--output"), out});
        QVERIFY(early.waitForStarted(30000));
        early.write("timest");
        QTest::qWait(500); // no output to wait for; a kill before the handler is set ends it too, without the message
        early.terminate();
        QVERIFY(early.waitForFinished(30000));
        const QByteArray earlyErr = early.readAllStandardError();
        QVERIFY2(earlyErr.isEmpty() || earlyErr.contains("interrupted before its header line arrived"),
                 earlyErr.constData());
        QCOMPARE(readFile(out), QByteArray("yesterday's scores\n"));
    }

    // --input - reads standard input. Fed row by row (a live feed through a pipe), each row's score comes out
    // while the feed is still open, not when it ends; the rows are the ones a file gives.
    void standardInputIsALiveFeed()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        const QByteArray csv = stepSeries(400, 300);
        QVERIFY(writeFile(in, csv));
        const Outcome fromFile = runDetect(in, QStringLiteral("-"));
        QCOMPARE(fromFile.exitCode, 0);

        QProcess p;
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("detect"), QStringLiteral("--input"), QStringLiteral("-"), QStringLiteral("--output"),
                 QStringLiteral("-")});
        QVERIFY(p.waitForStarted(30000));
        const QList<QByteArray> lines = csv.split('\n');
        QByteArray received;
        const auto feedAndAwait = [&](int from, int to) {
            QByteArray chunk;
            for (int i = from; i < to; ++i)
                chunk += lines[i] + '\n';
            p.write(chunk);
            // to - 1 data rows fed so far (line 0 is the header): all of them scored before any more is written.
            while (dataLines(received).size() < to - 1 && p.waitForReadyRead(10000))
                received += p.readAllStandardOutput();
            return dataLines(received).size();
        };
        QCOMPARE(feedAndAwait(0, 101), 100);
        QCOMPARE(feedAndAwait(101, 301), 300);
        QCOMPARE(p.state(), QProcess::Running);
        p.write(lines.mid(301).join('\n'));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        received += p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(received, fromFile.out);

        // Errors name standard input.
        QProcess empty;
        empty.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("detect"), QStringLiteral("--input"), QStringLiteral("-"),
                     QStringLiteral("--output"), dir.filePath(QStringLiteral("out.csv"))});
        empty.closeWriteChannel();
        QVERIFY(empty.waitForFinished(30000));
        QCOMPARE(empty.exitCode(), 2);
        const QByteArray err = empty.readAllStandardError();
        QVERIFY2(err.startsWith("payops-agent: standard input: the file is empty"), err.constData());
    }

    // A feed that sends no line break (binary data piped in by mistake, /dev/zero) is refused once a line passes the
    // buffer, not when the line ends: on a feed that end may never come, and the command sat silent until killed.
    void aFeedWithoutLineBreaksIsRefusedAtOnce()
    {
        QProcess p;
        p.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("detect"), QStringLiteral("--input"), QStringLiteral("-"), QStringLiteral("--output"),
                 QStringLiteral("-")});
        QVERIFY(p.waitForStarted(30000));
        p.write(QByteArray("timestamp,value\n") + QByteArray(2 * 1024 * 1024, 'x')); // the write side stays open
        QVERIFY2(p.waitForFinished(20000), "still waiting for the end of a line that never comes");
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("standard input:line 2: the line does not fit in 1048576 bytes"), err.constData());
    }

    // Started with standard input closed (a supervisor, a CI step): said at once. Qt's event descriptor took the free
    // descriptor 0, and detect waited on it for ever.
    void aClosedStandardInputIsSaid()
    {
        QProcess p;
        p.setStandardInputFile(QProcess::nullDevice());
        // sh closes descriptor 0 (<&-) and execs the agent with it closed.
        p.start(QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("exec \"$0\" detect --input - --output - <&-"),
                 qEnvironmentVariable("PAYOPS_AGENT_BIN")});
        QVERIFY2(p.waitForFinished(20000), "waiting on a closed standard input");
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("--input -: standard input is closed"), err.constData());

        const Outcome empty = runAgent({QStringLiteral("detect"), QStringLiteral("--input"), QString(),
                                        QStringLiteral("--output"), QStringLiteral("-")});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains("--input is empty; give a file name, or - for standard input"),
                 empty.err.constData());
    }

    void missingInputOrOptionsAreRefused()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("nope.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains((in + QStringLiteral(": cannot open")).toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(out));

        r = runAgent({QStringLiteral("detect"), QStringLiteral("--input"), in});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("usage: payops-agent detect --input"), r.err.constData());
        r = runAgent({QStringLiteral("detect"), QStringLiteral("--bogus")});
        QCOMPARE(r.exitCode, 2);

        r = runAgent({QStringLiteral("detect"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--skip-bad-rows"));
    }

    // A year mistyped ahead on one row: the next row is back where the rows before it left off, so the typo is the
    // odd one, and nothing is dropped (until 2026-12-06 the two rows after it were skipped as "bad", and without
    // --skip-bad-rows the run stopped on the correct row after it).
    void oneMistypedYearLosesNothing()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QByteArray csv = "timestamp,value\n";
        for (int i = 0; i < 300; ++i)
            csv += (i == 20 ? QByteArray("2042-07-01 01:40:00") : timestampAt(i)) + ",1\n"; // line 22 is the typo
        QVERIFY(writeFile(in, csv));
        const Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(":line 22: note: timestamp '2042-07-01 01:40:00' is 10227 days ahead of line 23 "
                                "('2014-07-01 01:45:00') and of line 21 before it: it is likely wrong; each row was "
                                "scored where it came"),
                 r.err.constData());
        QVERIFY2(!r.err.contains("skipped"), r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 300);

        // Only a row far ahead of both neighbours is taken for a typo. Rows swapped in pairs two hours apart are out
        // of order, not mistyped: refused as before (they passed as 95 "likely wrong" rows for a while). The first
        // pair alone reads as one row two hours ahead (line 12, named); the second cannot.
        QByteArray swapped = "timestamp,value\n";
        for (int i = 0; i < 200; ++i)
            swapped += timestampAt(i < 10 ? i : 10 + 24 * ((i - 10) / 2) + ((i - 10) % 2 == 0 ? 24 : 0)) + ",1\n";
        QVERIFY(writeFile(in, swapped));
        const Outcome refused = runDetect(in, out);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(":line 12: note: timestamp") && refused.err.contains(":line 15: timestamp") &&
                     !refused.err.contains(":line 14: note"),
                 refused.err.constData());

        // An hourly export that repeats two hours (00:00 .. 03:00, then 01:00 again) is not one odd row at 03:00:
        // the row after it goes back before the row before it. It passed, with the hours scored twice and a note
        // saying 03:00 was two hours ahead of 02:00.
        const QByteArray repeated = "timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n"
                                    "2026-01-01 02:00:00,3\n2026-01-01 03:00:00,4\n2026-01-01 01:00:00,5\n"
                                    "2026-01-01 02:00:00,6\n2026-01-01 03:00:00,7\n";
        QVERIFY(writeFile(in, repeated));
        const Outcome twice = runDetect(in, out);
        QCOMPARE(twice.exitCode, 2);
        QVERIFY2(twice.err.contains(":line 6: timestamp '2026-01-01 01:00:00' (column 1) is 2 h before the one on "
                                    "line 5"),
                 twice.err.constData());
    }

    // Two rows a year ahead (or two files joined, the second starting before the first ends): the rows after them,
    // in order among themselves, take time over after a few (the third), so it costs two rows and not the rest of
    // the file.
    void aJumpBackIsTrustedOnceTheRowsAfterItAgree()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QByteArray csv = "timestamp,value\n";
        for (int i = 0; i < 300; ++i) {
            if (i == 20 || i == 21) // lines 22 and 23
                csv += QByteArray(i == 20 ? "2042-07-01 01:40:00" : "2042-07-01 01:45:00") + ",1\n";
            else
                csv += timestampAt(i) + ",1\n";
        }
        QVERIFY(writeFile(in, csv));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 24: timestamp '2014-07-01 01:50:00' (column 1) is 10227 days before the one on "
                                "line 23"),
                 r.err.constData());
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(": skipped 2 bad rows, scored 298"), r.err.constData());
        // The rows skipped were right and the jump was scored: the row that shows it names the jump.
        QVERIFY2(r.err.contains(":line 26: note: time goes back 10227 days from line 23 ('2042-07-01 01:45:00') and "
                                "the rows since agree, so time follows them from here: that timestamp is wrong, or "
                                "two files were joined. Line 23 was scored where it came; 2 rows since were skipped"),
                 r.err.constData());
        QVERIFY(!r.err.contains("line 27"));
    }

    void badRowsCanBeSkipped()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        const QByteArray csv = "timestamp,value\n" + goodRows(2) + // lines 2-3
                               timestampAt(2) + ",oops\n" +        // line 4: bad value
                               goodRows(2, 3) +                    // lines 5-6
                               "2014-02-30 00:00:00,1\n" +         // line 7: bad date
                               timestampAt(0) + ",1\n" +           // line 8: time steps back (a clock change): kept
                               timestampAt(5) + ",1,extra\n" +     // line 9: three columns
                               goodRows(3, 6);                     // lines 10-12
        QVERIFY(writeFile(in, csv));
        Outcome r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 0);
        // Each skipped row is named (as it is met), then the count.
        const QByteArray prefix = "payops-agent: " + in.toUtf8();
        QList<QByteArray> err = r.err.split('\n');
        QVERIFY2(err.size() >= 4, r.err.constData());
        QCOMPARE(err[0], QByteArray(prefix + ":line 4: value 'oops' (column 2) is not a number (skipped)"));
        QVERIFY(err[1].startsWith(
            QByteArray(prefix + ":line 7: timestamp '2014-02-30 00:00:00' (column 1) is not a valid date")));
        QCOMPARE(err[2], QByteArray(prefix + ":line 9: expected 2 columns, found 3 (skipped)"));
        QCOMPARE(err[3], QByteArray(prefix + ": skipped 3 bad rows, scored 8"));
        const QList<QByteArray> rows = dataLines(readFile(out));
        QCOMPARE(rows.size(), 8);
        const QList<int> goodSteps{0, 1, 3, 4, 0, 6, 7, 8};
        for (int i = 0; i < rows.size(); ++i)
            QVERIFY(rows[i].startsWith(QByteArray(timestampAt(goodSteps[i]) + ',')));

        // A line past the buffer costs that line only, whether a line break ends it or the file does; the lines are
        // counted as before (it is refused as it passes the buffer, no longer at its end).
        const QByteArray longLine = timestampAt(2) + ',' + QByteArray(1100 * 1024, '7');
        QVERIFY(writeFile(in, "timestamp,value\r\n" + goodRows(2) + longLine + "\r\n" + goodRows(2, 3) + longLine));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 0);
        err = r.err.split('\n');
        QVERIFY2(err.size() >= 3, r.err.constData());
        QCOMPARE(err[0], QByteArray(prefix + ":line 4: the line does not fit in 1048576 bytes with its line break "
                                             "(skipped)"));
        QCOMPARE(err[1], QByteArray(prefix + ":line 7: the line does not fit in 1048576 bytes with its line break "
                                             "(skipped)"));
        QCOMPARE(err[2], QByteArray(prefix + ": skipped 2 bad rows, scored 4"));
        QCOMPARE(dataLines(readFile(out)).size(), 4);

        // A file in the wrong format is not a list of thousands of messages: ten are named, the rest counted.
        QByteArray many = "timestamp,value\n";
        for (int i = 0; i < 25; ++i)
            many += timestampAt(i) + (i % 5 == 0 ? ",1\n" : ",n/a\n");
        QVERIFY(writeFile(in, many));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 0);
        err = r.err.split('\n');
        QCOMPARE(err.count(), 10 + 3 + 1); // ten named, "more ... not listed", the count, the warm-up note; "" last
        QVERIFY(err[10].contains("more bad rows are skipped, counted but not listed"));
        QVERIFY2(err[11].endsWith(": skipped 20 bad rows, scored 5"), err[11].constData());
        QCOMPARE(dataLines(readFile(out)).size(), 5);

        // Nothing readable at all is an error, not an empty result that looks like a quiet stream.
        QFile::remove(out);
        QVERIFY(writeFile(in, "timestamp,value\n" + timestampAt(0) + ",x\n" + timestampAt(1) + ",y\n"));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(": no row could be read: all 2 rows are bad (first: line 2: value 'x'"),
                 r.err.constData());
        QVERIFY(!QFile::exists(out));

        // A file sorted newest first is not a few bad rows either: skipping let 13 of 400 rows through, exit 0.
        QByteArray newestFirst = "timestamp,value\n";
        for (int i = 399; i >= 0; --i)
            newestFirst += timestampAt(i) + ",1\n";
        QVERIFY(writeFile(in, newestFirst));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 6: time runs backwards from line 2"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        // Nor when its first two rows share a timestamp: the tie tells no order, the rows after it do.
        QByteArray tiedNewestFirst = "timestamp,value\n" + timestampAt(399) + ",1\n";
        for (int i = 399; i >= 0; --i)
            tiedNewestFirst += timestampAt(i) + ",1\n";
        QVERIFY(writeFile(in, tiedNewestFirst));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 7: time runs backwards from line 2"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        // Nor a shuffled file: skipping the rows that step back scored a quarter of nyc_taxi shuffled, exit 0.
        QByteArray shuffled = "timestamp,value\n";
        for (int i = 0; i < 400; ++i)
            shuffled += timestampAt((i * 137) % 400) + ",1\n"; // 137 is prime to 400: each row once
        QVERIFY(writeFile(in, shuffled));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QRegularExpression(QStringLiteral(": \\d+ of 400 rows step back in time \\(the first on line \\d+\\), "
                                                   "more than were scored: the file is not in time order; sort its "
                                                   "rows oldest first; .* was not written"))
                     .match(QString::fromUtf8(r.err))
                     .hasMatch(),
                 r.err.constData());
        QVERIFY(!QFile::exists(out));
        // ... but a short file whose first timestamp is a year ahead is not shuffled: its two rows after it are
        // skipped as bad, more than the one scored, and it is not refused as out of order.
        QVERIFY(writeFile(in, "timestamp,value\n2062-07-01 00:00:00,1\n2026-07-01 00:05:00,1\n"
                              "2026-07-01 00:10:00,1\n"));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 1);
        QFile::remove(out);
        // A file too short for the start's check, sorted newest first: said at its end, if its three rows or more all
        // stepped back (scored backwards, exit 0), also where its steps of a day are rows skipped.
        const QByteArray fiveMinutes = "timestamp,value\n" + timestampAt(3) + ",1\n" + timestampAt(2) + ",1\n" +
                                       timestampAt(1) + ",1\n" + timestampAt(0) + ",1\n";
        const QByteArray daily = "timestamp,value\n2014-07-04 00:00:00,1\n2014-07-03 00:00:00,1\n"
                                 "2014-07-02 00:00:00,1\n2014-07-01 00:00:00,1\n";
        for (const auto& [csv, first] : {std::pair{fiveMinutes, QByteArray("2014-07-01 00:15:00")},
                                         std::pair{daily, QByteArray("2014-07-04 00:00:00")}}) {
            QVERIFY(writeFile(in, csv));
            r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
            QCOMPARE(r.exitCode, 2);
            const QByteArray said = ":line 5: time runs backwards from line 2 ('" + first +
                                    "') on each of its 4 rows: the file looks sorted newest first";
            QVERIFY2(r.err.contains(said), r.err.constData());
            QVERIFY(!QFile::exists(out));
        }
        // A feed sampled faster than once a second, sorted newest first, is refused as well: its steps back were
        // passed over as jitter, and skipping scored its first hour backwards, dropped the rest and exited 0.
        const auto subSecondRows = [](int rows, int step, int stepBackAt) {
            QByteArray csv = "timestamp,value\n";
            double t = 1404172800; // 2014-07-01 00:00:00 UTC
            for (int i = 0; i < rows; ++i, t += step * 0.5) {
                if (i == stepBackAt || i == 2 * stepBackAt)
                    t -= 2; // a clock correction
                csv += QByteArray::number(t, 'f', 1) + ',' + QByteArray::number(i % 7) + '\n';
            }
            return csv;
        };
        QVERIFY(writeFile(in, subSecondRows(9000, -1, -1)));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 12: time runs backwards from line 2 ('1404172800.0') to line 12 "
                                "('1404172795.0'): the file looks sorted newest first"),
                 r.err.constData());
        QVERIFY(!QFile::exists(out));
        // In order, it is read whole, steps back of a clock's corrections (two seconds, an hour apart) included:
        // the start's check stayed open and refused such a file as newest first.
        QVERIFY(writeFile(in, subSecondRows(15000, 1, 7200)));
        r = runDetect(in, out, {QStringLiteral("--skip-bad-rows")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 15000);
        // Every row ending with a comma (an exporter's habit): the empty cell after the last column is nothing. Each
        // row was refused as having three columns.
        QByteArray trailing = "timestamp,value\n";
        for (int i = 0; i < 5; ++i)
            trailing += timestampAt(i) + "," + QByteArray::number(i) + ",\n";
        QVERIFY(writeFile(in, trailing));
        r = runDetect(in, out);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 5);
        // Two empty cells, or one with something in it, are still a column too many.
        QVERIFY(writeFile(in, "timestamp,value\n" + timestampAt(0) + ",1,,\n"));
        QCOMPARE(runDetect(in, out).exitCode, 2);
        // Nor jitter of seconds: the first three rows of a merged feed in reverse were refused as sorted newest first.
        QVERIFY(writeFile(in, "timestamp,value\n2014-07-01 00:00:05,1\n2014-07-01 00:00:03,1\n"
                              "2014-07-01 00:00:01,1\n" +
                                  goodRows(3, 1)));
        r = runDetect(in, out);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 6);
        // Sub-second jitter at the start (several producers writing one feed) is no order of its own.
        QVERIFY(writeFile(in, "timestamp,value\n2014-07-01 00:00:00.5,1\n2014-07-01 00:00:00.3,1\n"
                              "2014-07-01 00:00:00.1,1\n" +
                                  goodRows(3, 1)));
        r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(dataLines(readFile(out)).size(), 6);
    }

    void spreadsheetExportsAreRead()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        // BOM, CRLF, quoted header and fields, columns in another order plus an extra one (with a comma inside
        // quotes), whitespace, T and Z, an offset, fractional seconds, a blank last line.
        const QByteArray csv = "\xEF\xBB\xBF\"Value\" , host ,\"timestamp\"\r\n"
                               " \"12.5\" ,\"a,b\", \"2014-07-01T00:00:00Z\" \r\n"
                               "13,plain,2014-07-01T00:05:00.500Z\r\n"
                               "+14 , \"say \"\"hi\"\"\",2014-07-01T02:10:00+02:00\r\n"
                               "-1.5e1,x,2014-07-01\t00:15:00\r\n"
                               "\r\n";
        QVERIFY(writeFile(in, csv));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2); // a tab is not a date/time separator
        QVERIFY2(r.err.contains(":line 5: timestamp '2014-07-01\\t00:15:00' (column 3) is not a timestamp"),
                 r.err.constData());

        QVERIFY(writeFile(in, QByteArray(csv).replace('\t', ' ')));
        r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        // Four rows are all warm-up, and the run says so (nothing else).
        QCOMPARE(r.err, QByteArray("payops-agent: note: " + in.toUtf8() +
                                   ": every row scores 0: the detector's first 150 rows are its warm-up, and this "
                                   "input had 4\n"));
        const QList<QByteArray> rows = dataLines(readFile(out));
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].startsWith("2014-07-01T00:00:00Z,12.5,"));
        QVERIFY(rows[1].startsWith("2014-07-01T00:05:00.500Z,13,"));
        QVERIFY(rows[2].startsWith("2014-07-01T02:10:00+02:00,+14,"));
        QVERIFY(rows[3].startsWith("2014-07-01 00:15:00,-1.5e1,"));
    }

    // A dashboard's export: "Time" and a column named after its series. Read, with the value column said once; a
    // "value" column, where there is one, is still the value.
    void aDashboardExportIsRead()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, "\"Time\",\"A-series\"\n" + goodRows(3, 1)));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(":line 1: note: reading the column 'A-series' as the value (the header names no "
                                "'value' column)"),
                 r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 3);
        QVERIFY(writeFile(in, "time,host,value\n" + goodRows(3, 1).replace(",", ",h1,")));
        r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains("reading the column"), r.err.constData());
        QCOMPARE(dataLines(readFile(out)).size(), 3);
        // Three columns and no "value": which one is meant is not guessed.
        QVERIFY(writeFile(in, "time,host,cpu\n" + goodRows(3, 1).replace(",", ",h1,")));
        r = runDetect(in, out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(":line 1: the header has no 'value' column (columns: 'time', 'host', 'cpu')"),
                 r.err.constData());
    }

    // A spreadsheet's date numbers (days since 1899-12-30) read as Unix seconds land a few hours into 1970-01-01: said
    // once, as a note, with the date they would be; the run goes on. Seconds from 0 say nothing.
    void spreadsheetDateNumbersAreNoted()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, "timestamp,value\n46083.003472,1\n46083.006944,2\n"));
        Outcome r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(":line 2: note: timestamp '46083.003472' reads as Unix seconds, 1970-01-01 12:48:03; "
                                "if it is a spreadsheet's date number (days since 1899-12-30, here 2026-03-02 "
                                "00:05:00), write the timestamps as YYYY-MM-DD HH:MM:SS"),
                 r.err.constData());
        QCOMPARE(r.err.count("spreadsheet"), 1);
        QCOMPARE(dataLines(readFile(out)).size(), 2);
        QVERIFY(writeFile(in, "timestamp,value\n0,1\n60,2\n"));
        r = runDetect(in, out);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.err.contains("spreadsheet"));
    }

    // A daily pattern that follows local time, written once in plain local times (an hour repeats when daylight
    // saving time ends) and once with UTC offsets (+02:00, then +01:00): the same data, so the same scores. Scored on
    // UTC, the offsets' version had its day an hour off after the change, and alarmed on it.
    void utcOffsetsKeepTheWritersDay()
    {
        QTemporaryDir dir;
        const QString plain = dir.filePath(QStringLiteral("plain.csv")), zoned = dir.filePath(QStringLiteral("z.csv"));
        QByteArray a = "timestamp,value\n", b = a;
        payops::Rng rng(5);
        const qint64 start = QDateTime(QDate(2014, 10, 10), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const qint64 change = QDateTime(QDate(2014, 10, 26), QTime(1, 0), Qt::UTC).toSecsSinceEpoch(); // CEST ends
        for (int i = 0; i < 12 * 24 * 40; ++i) {
            const qint64 utc = start + 300LL * i;
            const int offset = utc < change ? 7200 : 3600;
            const QDateTime local = QDateTime::fromSecsSinceEpoch(utc + offset, Qt::UTC);
            const double hour = local.time().hour() + local.time().minute() / 60.0;
            const QByteArray value =
                QByteArray::number(50 + 20 * std::sin(2 * M_PI * hour / 24) + rng.normal(), 'f', 3);
            const QByteArray wall = local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
            a += wall + ',' + value + '\n';
            b += wall + (offset == 7200 ? "+02:00," : "+01:00,") + value + '\n';
        }
        QVERIFY(writeFile(plain, a) && writeFile(zoned, b));
        const QString outA = dir.filePath(QStringLiteral("a.out")), outB = dir.filePath(QStringLiteral("b.out"));
        QCOMPARE(runDetect(plain, outA).exitCode, 0);
        QCOMPARE(runDetect(zoned, outB).exitCode, 0);
        const QList<QByteArray> rowsA = dataLines(readFile(outA)), rowsB = dataLines(readFile(outB));
        QCOMPARE(rowsA.size(), 12 * 24 * 40);
        QCOMPARE(rowsB.size(), rowsA.size());
        double highest = 0;
        for (int i = 0; i < rowsA.size(); ++i) {
            const QByteArray scoreA = rowsA[i].split(',').last(), scoreB = rowsB[i].split(',').last();
            QCOMPARE(scoreB, scoreA);
            if (i >= 12 * 24 * 10) // the range seen is still growing in the first days (spatial novelty)
                highest = std::max(highest, scoreA.toDouble());
        }
        QVERIFY2(highest < 0.5, QByteArray::number(highest).constData()); // regular days, and the change, raise none
        const auto parsed = parseTimestamp("2014-10-26T02:10:00+01:00");
        QCOMPARE(parsed.seconds, static_cast<double>(change + 600));
        QCOMPARE(parsed.wallSeconds, static_cast<double>(change + 600 + 3600));
    }

    void epochSecondsWorkAndHeaderOnlyFilesAreRefused()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv")), out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(writeFile(in, "value,timestamp\n1,1404172800\n2,1404173100.5\n3,1404173400\n"));
        QCOMPARE(runDetect(in, out).exitCode, 0);
        const QList<QByteArray> rows = dataLines(readFile(out));
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[1].startsWith("1404173100.5,2,"));

        // A header alone (an export whose query found nothing) is an error, and an earlier run's scores stay: it used
        // to replace them with a header and exit 0.
        QVERIFY(writeFile(in, "timestamp,value\r\n"));
        const QByteArray earlier = readFile(out);
        const Outcome headerOnly = runDetect(in, out);
        QCOMPARE(headerOnly.exitCode, 2);
        QCOMPARE(readFile(out), earlier);
        QVERIFY2(headerOnly.err.contains(QByteArray(": it has no rows after its header: nothing to score; " +
                                                    out.toUtf8() + " was not written")),
                 headerOnly.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDetectCli)
#include "test_detect_cli.moc"
