#include "detect/csv_scoring.h"

#include "core/output_target.h"
#include "core/vector_state.h"
#include "detect/metric_csv.h"
#include "detect/stop_request.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace payops::detect {

namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

std::string where(std::string out, const CsvProblem& problem)
{
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

// A timestamp such as "2015-01-01 00:00:00,5" (a comma before the fraction) is echoed quoted, so the output keeps
// its three columns.
void appendTimestamp(std::string& out, std::string_view text)
{
    if (text.find_first_of(",\"") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

std::string displayName(const QString& path, Direction direction)
{
    if (path == QLatin1String("-"))
        return direction == Direction::Input ? "standard input" : "standard output";
    return path.toStdString();
}

CsvScoringReport scoreCsvFile(const QString& inputPath, const QString& outputPath, const CsvScoringOptions& options)
{
    CsvScoringReport report;
    MetricCsvReader reader;
    if (!reader.open(inputPath)) {
        // Stopped while waiting for the header (a live feed that has not started): not a file without one.
        const bool stopped = stopRequested();
        report.outcome = stopped ? CsvScoringReport::Outcome::Interrupted : CsvScoringReport::Outcome::BadInput;
        report.error = where(displayName(inputPath, Direction::Input),
                             stopped ? CsvProblem{0, "interrupted before its header line arrived; nothing was written"}
                                     : reader.problem());
        return report;
    }
    if (const auto& note = reader.headerNote(); note && options.noted)
        options.noted(note->line, note->message);
    if (isSameFile(inputPath, outputPath)) {
        report.outcome = CsvScoringReport::Outcome::BadInput;
        report.error = where(displayName(outputPath, Direction::Output),
                             {0, "is the input file; write the scores to another file (the input would be lost)"});
        return report;
    }
    // A file is written through QSaveFile, which writes next to it and renames on commit(): a failed run leaves no
    // partial file behind. A stream (stdout, a pipe) gets the rows as they come.
    std::unique_ptr<QFileDevice> device;
    QSaveFile* saveFile = nullptr;
    bool opened = false;
    if (const OutputTarget stream = outputTargetOf(outputPath); stream.descriptor >= 0) {
        auto file = std::make_unique<QFile>();
        opened = file->open(stream.descriptor, QIODevice::WriteOnly, QFileDevice::DontCloseHandle);
        device = std::move(file);
    } else if (stream.direct) {
        auto file = std::make_unique<QFile>(outputPath);
        opened = file->open(QIODevice::WriteOnly);
        device = std::move(file);
    } else {
        auto file = std::make_unique<QSaveFile>(outputPath);
        saveFile = file.get();
        opened = file->open(QIODevice::WriteOnly);
        device = std::move(file);
    }
    QFileDevice& out = *device;
    const auto abandon = [&] {
        if (saveFile)
            saveFile->cancelWriting();
    };
    // The write's own errno: QSaveFile reports a full disk as "Unknown error".
    int writeErrno = 0;
    // QSaveFile writes beside the output under its name and 7 more bytes, and renames that into place. Past the file
    // system's limit on a name this fails at commit with "Unknown error" when an old file is replaced (a new one may
    // be linked into place from a file without a name, where the file system has them). A name past the limit itself
    // fails wherever it is written. Said only then: another failure keeps its own words.
    enum class Stage { Open, Write, Commit };
    const auto nameTooLong = [&](Stage stage) -> std::optional<std::string> {
        const QFileInfo target(outputPath);
        const QByteArray name = QFile::encodeName(target.fileName());
        const long nameMax = ::pathconf(QFile::encodeName(target.absolutePath()).constData(), _PC_NAME_MAX);
        if (nameMax <= 0)
            return std::nullopt;
        if (name.size() > nameMax)
            return "the file name is " + std::to_string(name.size()) + " bytes, past the file system's limit of " +
                   std::to_string(nameMax) + "; use a shorter name";
        if (!saveFile || stage != Stage::Commit || name.size() + 7 <= nameMax)
            return std::nullopt;
        return "an existing file is replaced through a file beside it, named with 7 more bytes, so that a failed run "
               "never leaves half of it, and this name (" +
               std::to_string(name.size()) + " bytes) leaves no room for that under the file system's limit of " +
               std::to_string(nameMax) + "; use a shorter name, remove the old file first, or --output - > FILE";
    };
    const auto writeFailed = [&](Stage stage = Stage::Write) {
        report.outcome = CsvScoringReport::Outcome::WriteFailed;
        const std::optional<std::string> tooLong = writeErrno ? std::nullopt : nameTooLong(stage);
        const std::string why = writeErrno ? std::strerror(writeErrno)
                                : tooLong  ? *tooLong
                                           : out.errorString().toStdString();
        report.error = where(displayName(outputPath, Direction::Output), {0, "cannot write: " + why});
        abandon();
        return report;
    };
    if (!opened) {
        // A file the user may write, in a directory they may not (a shared drop folder): the file is written beside its
        // name and renamed into place, so that a failed run never leaves half of it. Say so, and how to write it
        // anyway, rather than "Permission denied" on a file that is writable.
        const QFileInfo target(outputPath);
        if (saveFile && target.exists() && target.isWritable() && !QFileInfo(target.absolutePath()).isWritable()) {
            report.outcome = CsvScoringReport::Outcome::WriteFailed;
            report.error = where(displayName(outputPath, Direction::Output),
                                 {0, "cannot write: its directory is not writable, and the scores are written beside "
                                     "the file and renamed into place so that a failed run never leaves half of it; "
                                     "to write the file itself, use --output - > FILE"});
            return report;
        }
        return writeFailed(Stage::Open);
    }

    std::string buffer;
    buffer.reserve(kFlushBytes + 4096);
    buffer += "timestamp,value,anomaly_score\n";
    const auto writeBuffer = [&] {
        errno = 0;
        const bool written =
            out.write(buffer.data(), static_cast<qint64>(buffer.size())) == static_cast<qint64>(buffer.size());
        if (!written)
            writeErrno = errno;
        buffer.clear();
        return written;
    };
    // A stream hands out its scores whenever the input may make us wait (a pipe fed row by row, such as
    // `tail -f metrics.csv | payops-agent detect --input - --output -`), so each row's score follows its row. A
    // file being read never waits, and a file written gets its rows at commit.
    bool streamFailed = false;
    if (!saveFile)
        reader.setBeforeRead([&] {
            if (!streamFailed && !buffer.empty())
                streamFailed = !writeBuffer() || !out.flush();
        });
    StreamDetector detector(options.detector);
    MetricRow row;
    clearUpperVectorState(); // core/vector_state.h: opening the files may have left it dirty
    for (;;) {
        if (stopRequested())
            break;
        const auto status = reader.next(row);
        if (streamFailed)
            return writeFailed();
        if (status == MetricCsvReader::Status::End)
            break;
        if (status == MetricCsvReader::Status::Failed ||
            (status == MetricCsvReader::Status::BadRow && !options.skipBadRows)) {
            // A stream keeps the rows before the bad one, as the help promises; a file is not written at all.
            if (!saveFile && writeBuffer())
                out.flush();
            abandon();
            report.outcome = CsvScoringReport::Outcome::BadInput;
            report.error = where(displayName(inputPath, Direction::Input), reader.problem());
            return report;
        }
        if (status == MetricCsvReader::Status::BadRow) {
            if (report.rowsSkipped++ == 0)
                report.firstSkipped = "line " + std::to_string(reader.problem().line) + ": " + reader.problem().message;
            if (options.skipped)
                options.skipped(reader.problem().line, reader.problem().message);
            continue;
        }
        if (const auto& note = reader.note(); note && options.noted)
            options.noted(note->line, note->message);
        const DetectorReading reading = detector.update(row.timeSeconds, row.value);
        appendTimestamp(buffer, row.timestampText);
        buffer += ',';
        buffer += row.valueText;
        buffer += ',';
        appendScore(buffer, reading.score);
        buffer += '\n';
        ++report.rowsScored;
        if (buffer.size() >= kFlushBytes) {
            if (!writeBuffer())
                return writeFailed();
            clearUpperVectorState(); // once a megabyte: whatever the write ran may have dirtied it again
        }
    }
    if (stopRequested()) {
        // The buffer holds whole rows only: a stream ends on one. A file stays as it was (written only when whole).
        if (!saveFile && (!writeBuffer() || !out.flush()))
            return writeFailed();
        abandon();
        report.outcome = CsvScoringReport::Outcome::Interrupted;
        report.error = where(displayName(inputPath, Direction::Input),
                             {0, "interrupted after " + std::to_string(report.rowsScored) + " rows scored; " +
                                     (saveFile ? displayName(outputPath, Direction::Output) +
                                                     " was not written (a file gets its rows when the whole input "
                                                     "is scored; --output - streams them)"
                                               : std::string("the rows scored were written"))});
        return report;
    }
    // Every row skipped is a wrong file or a wrong format, not a few bad rows, and a header alone is an export that
    // found nothing: an empty result must not pass for scores, nor replace an earlier run's file (it did, exit 0).
    // The whole input refused once read: a stream keeps what it was sent, a file is not written.
    const auto refuseWhole = [&](const std::string& what) {
        if (!saveFile && writeBuffer())
            out.flush();
        abandon();
        report.outcome = CsvScoringReport::Outcome::BadInput;
        report.error =
            where(displayName(inputPath, Direction::Input),
                  {0, what + (saveFile ? "; " + displayName(outputPath, Direction::Output) + " was not written"
                                       : std::string())});
        return report;
    };
    if (report.rowsScored == 0)
        return refuseWhole(report.rowsSkipped == 0
                               ? std::string("it has no rows after its header: nothing to score")
                               : "no row could be read: " +
                                     (report.rowsSkipped == 1
                                          ? std::string("its only row is bad")
                                          : "all " + std::to_string(report.rowsSkipped) + " rows are bad") +
                                     " (first: " + report.firstSkipped + ")");
    // A shuffled file is not a few rows out of place: skipping the rows that step back scored a quarter of one, each
    // row against whichever came before it, and exited 0. Refused when such rows outnumber those scored, and are more
    // than one mistyped timestamp costs (two rows; a three-row file with its first year mistyped is not shuffled).
    // So is a short daily export sorted newest first, whose steps back of a day each are rows skipped.
    constexpr std::int64_t kOutOfOrderRowsForAShuffle = 3;
    if (reader.outOfOrderRows() > report.rowsScored && reader.outOfOrderRows() >= kOutOfOrderRowsForAShuffle)
        return refuseWhole(
            std::to_string(reader.outOfOrderRows()) + " of " + std::to_string(report.rowsScored + report.rowsSkipped) +
            " rows step back in time (the first on line " + std::to_string(reader.firstOutOfOrderLine()) +
            "), more than were scored: the file is not in time order; sort its rows oldest first");
    // Flushed before the commit: a commit that fails on its own flush reports "Unknown error", not the full disk.
    if (!writeBuffer() || !out.flush())
        return writeFailed();
    if (saveFile && !saveFile->commit())
        return writeFailed(Stage::Commit);
    return report;
}

} // namespace payops::detect
