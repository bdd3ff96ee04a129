#pragma once
// Streaming reader of timestamp,value CSV files (NAB's format, and what spreadsheets and databases export).
// The file goes through one fixed-size buffer a line at a time, so a file of any length is read in constant
// memory.
//
// Accepted: a header line naming the columns timestamp and value (any order, any case, other columns allowed),
// a UTF-8 byte order mark, CRLF or LF line endings, whitespace around fields, double-quoted fields ("" inside one
// is a quote; a quote must close on its line: no time or number holds a line break), blank lines (ignored).
// Timestamps as parseTimestamp() takes them, in the order they happened (a step back of up to an hour is accepted),
// values any number std::from_chars reads (with an optional leading '+') up to 1e300 in magnitude; one too small for
// a double ("1e-400") reads as 0.

#include <QFile>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace payops::detect {

struct MetricRow {
    std::int64_t line = 0; // 1-based line in the file; the header is on line 1 (or the first non-blank line)
    // The fields as written, without quotes and surrounding whitespace; valid until the next call to next().
    std::string_view timestampText;
    std::string_view valueText;
    double timeSeconds = 0; // on the writer's clock (ParsedTimestamp::wallSeconds): where the row falls in a day
    double value = 0;
};

// What is wrong with the input and where; line 0 when the problem is not on one line (the file cannot be opened).
struct CsvProblem {
    std::int64_t line = 0;
    std::string message;
};

class MetricCsvReader {
public:
    enum class Status {
        Row,    // row holds the next good row
        BadRow, // the line problem() names is malformed; reading can go on with the next one
        End,    // no more rows
        Failed, // the file cannot be read further (problem() says why)
    };

    MetricCsvReader();

    // Opens the file ("-": standard input) and reads its header. False, with problem() set, when the file cannot be
    // read, is empty, or its header does not name both columns.
    bool open(const QString& path);
    // Called before every read from the file, which on a pipe may wait for the writer: a caller streaming results
    // hands out what it has first, so a live feed gets its answers as its rows arrive.
    void setBeforeRead(std::function<void()> beforeRead) { m_beforeRead = std::move(beforeRead); }
    // The next row. Time may step back an hour (local wall-clock time repeats one when daylight saving ends); a row
    // further back than that from the latest time so far is a bad row, unless it is the third in order among
    // themselves after such a jump back (the jump ahead before them was the odd one): from it on time follows them.
    Status next(MetricRow& row);
    const CsvProblem& problem() const { return m_problem; }
    // Set by the row next() just returned when time has followed a jump back: the rows before it were skipped as bad
    // and the row that was ahead of them was scored where it came. Cleared by the next call.
    const std::optional<CsvProblem>& note() const { return m_note; }
    // Set by open() when the header was read with a guess (a two-column file's other column as the value).
    const std::optional<CsvProblem>& headerNote() const { return m_headerNote; }
    // Rows skipped so far for stepping back in time, and the line of the first: a file with more of them than rows
    // read is not in time order at all (shuffled), which skipping bad rows cannot mend.
    std::int64_t outOfOrderRows() const { return m_outOfOrderRows; }
    std::int64_t firstOutOfOrderLine() const { return m_firstOutOfOrderLine; }

private:
    enum class LineResult { Line, TooLong, End, Failed };
    LineResult readLine(std::string_view& line);
    bool fill();
    Status badRow(std::string message);
    bool readHeader();

    QFile m_file;
    std::function<void()> m_beforeRead;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0, m_end = 0; // unread bytes are m_buffer[m_begin, m_end)
    bool m_eof = false;
    bool m_stopped = false;       // the input ended because a stop was requested (detect/stop_request.h)
    bool m_discarding = false;    // inside a line too long for the buffer: dropping bytes up to its end
    bool m_longLineHasCr = false; // that line holds a carriage return (the file's lines end in a bare CR)
    std::int64_t m_line = 0;
    double m_latestSeconds = 0;     // the latest time of a good row so far
    std::int64_t m_latestLine = 0;  // and its line (0: no good row yet)
    double m_priorSeconds = 0;      // the latest time before m_latestLine's row set it
    std::int64_t m_priorLine = 0;   // and its line (0: none)
    std::int64_t m_lastRowLine = 0; // the line of the last row read as good
    int m_oddRowsNamed = 0;         // single rows far ahead of their neighbours, so far
    int m_backRows = 0;             // rows in a row, in order among themselves, more than an hour before it
    double m_backSeconds = 0;       // the last of them
    std::int64_t m_backSkipped = 0; // rows skipped as too far back since the latest time was set
    std::int64_t m_outOfOrderRows = 0, m_firstOutOfOrderLine = 0; // outOfOrderRows(), firstOutOfOrderLine()
    // The first rows' order: a file sorted newest first steps back on each of them.
    int m_startRows = 0;           // rows read so far, each a second or more before the one above (5: settled)
    double m_startSeconds = 0;     // the last of them
    int m_startSubSecondSteps = 0; // steps of under a second (not ties) among the first rows, and how many went back
    int m_startSubSecondBacks = 0;
    std::int64_t m_startLine = 0;     // the first row's line and timestamp
    std::int64_t m_startLastLine = 0; // the line of the last row counted in m_startRows
    std::string m_startText;
    CsvProblem m_problem;
    std::optional<CsvProblem> m_note;
    std::optional<CsvProblem> m_headerNote;
    std::string m_latestText; // the timestamp of the latest line, as written

    std::vector<std::string_view> m_fields;
    std::size_t m_columns = 0, m_timestampColumn = 0, m_valueColumn = 0;
};

} // namespace payops::detect
