#pragma once
// Scores every row of a timestamp,value CSV file with one StreamDetector and writes timestamp,value,anomaly_score:
// the work behind `payops-agent detect` and its benchmark. Streams from file to file in constant memory.

#include "detect/stream_detector.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <string>

namespace payops::detect {

struct CsvScoringOptions {
    DetectorParams detector;
    // Skip malformed rows (no output row for them) instead of stopping at the first one.
    bool skipBadRows = false;
    // Told of each skipped row as it is skipped (its line and what is wrong), so a live feed hears of it at once.
    std::function<void(std::int64_t line, const std::string& problem)> skipped;
    // Told of what a scored row says about rows before it (MetricCsvReader::note(): a timestamp that was ahead).
    std::function<void(std::int64_t line, const std::string& note)> noted;
};

struct CsvScoringReport {
    enum class Outcome {
        Scored,
        BadInput,    // the input cannot be opened, has no proper header, (without skipBadRows) a bad row, or (with it)
                     // no good row at all
        WriteFailed, // the output cannot be written
        Interrupted, // stopped by requestStop() (detect/stop_request.h): a stream has the rows scored before it, a
                     // file is not written
    };
    Outcome outcome = Outcome::Scored;
    std::string error; // "FILE:line N: what is wrong" (or "FILE: ...") when not Scored
    std::int64_t rowsScored = 0;
    std::int64_t rowsSkipped = 0;
    std::string firstSkipped; // "line N: what is wrong" of the first skipped row
};

// "-" as the paths name it in messages: "standard input" or "standard output"; any other path as it is.
enum class Direction { Input, Output };
std::string displayName(const QString& path, Direction direction);

// Output columns: the input's timestamp and value text as written (without surrounding whitespace, and without
// quotes unless the timestamp holds a comma), then the score with six decimals. One output row per good input row,
// in input order; LF line endings. A file appears under its name only when the whole input was scored.
// inputPath "-" is standard input. An output path naming the input file is refused (BadInput) before anything is
// written. outputPath "-" (or /dev/stdout, a pipe) is a stream: rows go out as they are scored, so a bad row or a write
// error leaves the rows before it there; the outcome says whether the run completed.
CsvScoringReport scoreCsvFile(const QString& inputPath, const QString& outputPath,
                              const CsvScoringOptions& options = {});

} // namespace payops::detect
