#include "detect/csv_scoring.h"

#include "core/vector_state.h"
#include "detect/metric_csv.h"

#include <QSaveFile>
#include <algorithm>
#include <cmath>

namespace payops::detect {

namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

std::string where(const QString& path, const CsvProblem& problem)
{
    std::string out = path.toStdString();
    if (problem.line > 0)
        out += ":line " + std::to_string(problem.line);
    return out + ": " + problem.message;
}

// "0.123457": six decimals written by hand, since the score is in [0, 1]; snprintf would cost about as much as the
// detector itself. Same digits as %.6f except, rarely, the last one when score * 1e6 lies within rounding error of
// a half.
void appendScore(std::string& out, double score)
{
    if (!(score >= 0)) // NaN too
        score = 0;
    auto micros = static_cast<std::int64_t>(std::llround(std::min(score, 1.0) * 1e6));
    char text[8];
    text[0] = static_cast<char>('0' + micros / 1'000'000);
    text[1] = '.';
    micros %= 1'000'000;
    for (int i = 7; i >= 2; --i) {
        text[i] = static_cast<char>('0' + micros % 10);
        micros /= 10;
    }
    out.append(text, sizeof text);
}

} // namespace

CsvScoringReport scoreCsvFile(const QString& inputPath, const QString& outputPath, const CsvScoringOptions& options)
{
    CsvScoringReport report;
    MetricCsvReader reader;
    if (!reader.open(inputPath)) {
        report.outcome = CsvScoringReport::Outcome::BadInput;
        report.error = where(inputPath, reader.problem());
        return report;
    }
    // QSaveFile writes next to the output and renames on commit(): a failed run leaves no partial file behind.
    QSaveFile out(outputPath);
    const auto writeFailed = [&] {
        report.outcome = CsvScoringReport::Outcome::WriteFailed;
        report.error = where(outputPath, {0, "cannot write: " + out.errorString().toStdString()});
        out.cancelWriting();
        return report;
    };
    if (!out.open(QIODevice::WriteOnly))
        return writeFailed();

    std::string buffer;
    buffer.reserve(kFlushBytes + 4096);
    buffer += "timestamp,value,anomaly_score\n";
    StreamDetector detector(options.detector);
    MetricRow row;
    clearUpperVectorState(); // core/vector_state.h: opening the files may have left it dirty
    for (;;) {
        const auto status = reader.next(row);
        if (status == MetricCsvReader::Status::End)
            break;
        if (status == MetricCsvReader::Status::Failed ||
            (status == MetricCsvReader::Status::BadRow && !options.skipBadRows)) {
            out.cancelWriting();
            report.outcome = CsvScoringReport::Outcome::BadInput;
            report.error = where(inputPath, reader.problem());
            return report;
        }
        if (status == MetricCsvReader::Status::BadRow) {
            if (report.rowsSkipped++ == 0)
                report.firstSkipped = "line " + std::to_string(reader.problem().line) + ": " + reader.problem().message;
            continue;
        }
        const DetectorReading reading = detector.update(row.timeSeconds, row.value);
        buffer += row.timestampText;
        buffer += ',';
        buffer += row.valueText;
        buffer += ',';
        appendScore(buffer, reading.score);
        buffer += '\n';
        ++report.rowsScored;
        if (buffer.size() >= kFlushBytes) {
            if (out.write(buffer.data(), static_cast<qint64>(buffer.size())) != static_cast<qint64>(buffer.size()))
                return writeFailed();
            buffer.clear();
            clearUpperVectorState(); // once a megabyte: whatever the write ran may have dirtied it again
        }
    }
    if (out.write(buffer.data(), static_cast<qint64>(buffer.size())) != static_cast<qint64>(buffer.size()) ||
        !out.commit())
        return writeFailed();
    return report;
}

} // namespace payops::detect
