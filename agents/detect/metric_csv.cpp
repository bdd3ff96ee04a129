#include "detect/metric_csv.h"

#include "core/decimal_range.h"
#include "core/visible_text.h"
#include "detect/stop_request.h"
#include "detect/stream_detector.h"
#include "detect/timestamp_parser.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <poll.h>
#include <unistd.h>

namespace payops::detect {

namespace {

// Read size, and so also the longest line accepted.
constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
// How far time may step back: the hour a local clock repeats when daylight saving time ends.
constexpr double kMaxStepBackSeconds = 3600;
// Rows in order after a larger step back that make the latest time follow them (the one before was the odd one).
constexpr int kRowsToTrustAJumpBack = 3;
// What to do about a number with a comma that may be a thousands separator or a decimal comma.
constexpr const char* kNumberFormatAdvice = "write numbers without thousands separators and with a decimal point";
// A spreadsheet's date numbers from 1954-10 to 2119-01: as Unix seconds, between 05:33 and 22:13 on 1970-01-01.
constexpr double kSerialFirst = 20000, kSerialLast = 80000;
// Rows named as a single timestamp far ahead of its neighbours (a mistyped year); the rest are counted silently.
constexpr int kOddRowsNamed = 10;
// The first rows whose order tells a file sorted newest first: each before the one above it. Five: at three, a feed
// merged from producers whose clocks differ by seconds was refused when its first three rows came in reverse, also
// with --skip-bad-rows; four steps back in a row by a second or more is an order, not jitter.
constexpr int kStartRowsChecked = 5;
// ... or, in a file that ends sooner, this many.
constexpr int kShortFileRowsBack = 3;
// Steps of under a second among the first rows that tell the order of a feed sampled that fast (ten steps back in a
// row by chance, when the rows are in order with jitter, is one chance in millions).
constexpr int kSubSecondStepsChecked = 10;
// What a header with bare carriage returns means, whether it fits in the buffer or not.
constexpr const char* kBareCrAdvice =
    "the lines end with a bare carriage return (CR); save the file with LF or CRLF line endings";
// "1970-01-01 12:48:03" (UTC, to the second).
std::string utcText(double seconds)
{
    const auto t = static_cast<std::time_t>(std::llround(seconds)); // a date number to six places is off by a fraction
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &tm);
    return out;
}
bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (isBlank(s.front()) || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (isBlank(s.back()) || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Blank, or only empty cells (",,": what a spreadsheet writes for the rows under its data that once held something).
bool isBlankLine(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ',' || c == '\r' || isBlank(c); });
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (x != b[i])
            return false;
    }
    return true;
}

// Text from the file inside a message: quoted, and escaped and cut short as core/visible_text.h says.
std::string inQuotes(std::string_view text)
{
    return "'" + visibleText(text, 60) + "'";
}

// "3 h", "2 days": how far a timestamp steps back, for a message.
std::string duration(double seconds)
{
    const auto whole = [](double v) { return std::to_string(static_cast<long long>(std::llround(v))); };
    if (seconds < 120)
        return whole(seconds) + " s";
    if (seconds < 120 * 60) {
        // To the second: next to "up to an hour is accepted", 3 601 s must not read as "60 min".
        const long long s = std::llround(seconds);
        return std::to_string(s / 60) + " min" + (s % 60 ? " " + std::to_string(s % 60) + " s" : std::string());
    }
    if (seconds < 48 * 3600)
        return whole(seconds / 3600) + " h";
    return whole(seconds / 86400) + " days";
}

enum class Split { Ok, Unclosed, Bad };

// Splits one record into fields. Commas separate them; a field may be double-quoted ("" inside it is a quote, and
// the field keeps it doubled: no field we read can contain one anyway); whitespace around a field is dropped.
// Unclosed: a quoted field runs on past the end of the line.
Split splitFields(std::string_view line, std::vector<std::string_view>& fields, std::string& error)
{
    fields.clear();
    const std::size_t n = line.size();
    std::size_t i = 0;
    for (;;) {
        while (i < n && isBlank(line[i]))
            ++i;
        if (i < n && line[i] == '"') {
            const std::size_t open = i++;
            std::size_t close = std::string_view::npos;
            while (i < n) {
                if (line[i] == '"') {
                    if (i + 1 < n && line[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    close = i;
                    break;
                }
                ++i;
            }
            if (close == std::string_view::npos) {
                error = "a quoted field is not closed on its line";
                return Split::Unclosed;
            }
            fields.push_back(line.substr(open + 1, close - open - 1));
            i = close + 1;
            while (i < n && (isBlank(line[i]) || line[i] == '\r'))
                ++i;
            if (i == n)
                return Split::Ok;
            if (line[i] != ',') {
                error = "unexpected text after the closing quote of column " + std::to_string(fields.size());
                return Split::Bad;
            }
            ++i;
        } else {
            const std::size_t comma = line.find(',', i);
            if (comma == std::string_view::npos) {
                fields.push_back(trim(line.substr(i)));
                return Split::Ok;
            }
            fields.push_back(trim(line.substr(i, comma - i)));
            i = comma + 1;
        }
    }
}

} // namespace

MetricCsvReader::MetricCsvReader() : m_buffer(kBufferBytes) {}

bool MetricCsvReader::open(const QString& path)
{
    bool opened = false;
    if (path == QLatin1String("-")) {
        opened = m_file.open(0, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle);
    } else {
        m_file.setFileName(path);
        opened = m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    if (!opened) {
        m_problem = {0, "cannot open: " + m_file.errorString().toStdString()};
        return false;
    }
    return readHeader();
}

bool MetricCsvReader::fill()
{
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_beforeRead)
        m_beforeRead();
    // read(2) itself, not QFile::read: that one keeps reading until the buffer is full, so on a pipe it would sit on
    // the rows that came until a megabyte of them had.
    // A live feed may keep us waiting for ever: wait in short slices, so a stop (its signal may have gone to another
    // thread, and not interrupted this one) ends the input within a tenth of a second.
    pollfd waiting{m_file.handle(), POLLIN, 0};
    for (;;) {
        if (stopRequested()) {
            m_eof = m_stopped = true;
            return true;
        }
        const int ready = ::poll(&waiting, 1, 100);
        if (ready > 0 || (ready < 0 && errno != EINTR))
            break; // readable, closed, or an error the read below names
    }
    ssize_t got = 0;
    do
        got = ::read(m_file.handle(), m_buffer.data() + m_end, m_buffer.size() - m_end);
    while (got < 0 && errno == EINTR && !stopRequested());
    if (got < 0 && errno == EINTR) { // a stop while waiting for a live feed: the input ends here
        m_eof = m_stopped = true;
        return true;
    }
    if (got < 0) {
        m_problem = {m_line + 1, std::string("cannot read: ") + std::strerror(errno)};
        return false;
    }
    if (got == 0)
        m_eof = true;
    m_end += static_cast<std::size_t>(got);
    return true;
}

MetricCsvReader::LineResult MetricCsvReader::readLine(std::string_view& line)
{
    for (;;) {
        const char* base = m_buffer.data();
        if (const void* nl = std::memchr(base + m_begin, '\n', m_end - m_begin)) {
            const auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - base);
            line = {base + m_begin, at - m_begin};
            m_begin = at + 1;
            if (m_discarding) { // the end of a line already reported as too long
                m_discarding = false;
                continue;
            }
            ++m_line;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            return LineResult::Line;
        }
        if (m_eof) {
            if (m_discarding) {
                m_discarding = false;
                m_begin = m_end;
                continue;
            }
            // After a stop the bytes after the last line break are a row still arriving ("2014-07-02 16:4"), not
            // a last line without its break: never scored.
            if (m_begin == m_end || m_stopped)
                return LineResult::End;
            line = {base + m_begin, m_end - m_begin}; // the last line has no line break
            m_begin = m_end;
            ++m_line;
            if (line.back() == '\r')
                line.remove_suffix(1);
            return LineResult::Line;
        }
        if (m_begin == 0 && m_end == m_buffer.size()) { // a line longer than the buffer: skip to its end
            m_end = 0;
            if (!m_discarding) {
                // A file whose lines end in a bare CR reads as one long line.
                m_longLineHasCr = std::memchr(base, '\r', m_buffer.size()) != nullptr;
                m_discarding = true;
                ++m_line;
                // Said now, not at the line's end: on a feed (binary data piped in, a stream without line breaks) that
                // end may never come, and the command sat silent until killed.
                return LineResult::TooLong;
            }
        }
        if (!fill())
            return LineResult::Failed;
    }
}

bool MetricCsvReader::readHeader()
{
    std::string_view line;
    do {
        switch (readLine(line)) {
        case LineResult::Line:
            break;
        case LineResult::TooLong:
            m_problem = {m_line, "the header line does not fit in " + std::to_string(kBufferBytes) +
                                     " bytes with its line break" +
                                     (m_longLineHasCr ? std::string("; ") + kBareCrAdvice : std::string())};
            return false;
        case LineResult::End:
            m_problem = {0, "the file is empty (expected a header line naming the columns timestamp and value)"};
            return false;
        case LineResult::Failed:
            return false;
        }
        // A UTF-8 byte order mark; dropped here rather than at open, where a pipe may not have delivered all of it.
        if (m_line == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
            line.remove_prefix(3);
    } while (isBlankLine(line));

    if (line.substr(0, 2) == "\xFF\xFE" || line.substr(0, 2) == "\xFE\xFF") { // what Windows tools call "Unicode"
        m_problem = {m_line, "the file is UTF-16 (its byte order mark says so); save it as UTF-8"};
        return false;
    }
    if (line.find('\0') != std::string_view::npos) {
        m_problem = {m_line, "this is not a text file (its first line holds NUL bytes); expected a CSV file with a "
                             "header line naming the columns timestamp and value"};
        return false;
    }
    std::string error;
    if (splitFields(line, m_fields, error) != Split::Ok) {
        m_problem = {m_line, "header: " + error};
        return false;
    }
    bool haveTimestamp = false, haveValue = false;
    std::optional<std::size_t> timeColumn; // "Time", as Grafana and many other exports name it
    std::optional<std::string_view> timeTwice;
    std::string columns;
    constexpr std::size_t kColumnsShown = 8; // a header of 100 000 columns must not fill the terminal
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::string_view name = trim(m_fields[i]);
        if (i < kColumnsShown)
            columns += (i ? ", " : "") + inQuotes(name);
        else if (i == kColumnsShown)
            columns += ", ... " + std::to_string(m_fields.size()) + " in all";
        if (equalsIgnoringCase(name, "time")) {
            if (timeColumn)
                timeTwice = name; // refused below unless a "timestamp" column makes the time columns plain data
            else
                timeColumn = i;
        }
        bool* seen = equalsIgnoringCase(name, "timestamp") ? &haveTimestamp
                     : equalsIgnoringCase(name, "value")   ? &haveValue
                                                           : nullptr;
        if (!seen)
            continue;
        if (*seen) {
            m_problem = {m_line, "the header names the column " + inQuotes(name) + " twice"};
            return false;
        }
        *seen = true;
        (seen == &haveTimestamp ? m_timestampColumn : m_valueColumn) = i;
    }
    m_columns = m_fields.size();
    // A dashboard's export names its time column "Time" and its value column after the series ("Time","A-series"):
    // read as such, and the value column said once, so that a two-column file of something else is noticed.
    // As ambiguous as "timestamp" twice: "Time,Time" read its second column as the value.
    if (!haveTimestamp && timeTwice) {
        m_problem = {m_line, "the header names the column " + inQuotes(*timeTwice) + " twice"};
        return false;
    }
    if (!haveTimestamp && timeColumn) {
        haveTimestamp = true;
        m_timestampColumn = *timeColumn;
    }
    if (haveTimestamp && !haveValue && m_columns == 2) {
        haveValue = true;
        m_valueColumn = 1 - m_timestampColumn;
        m_headerNote = CsvProblem{m_line, "reading the column " + inQuotes(trim(m_fields[m_valueColumn])) +
                                              " as the value (the header names no 'value' column)"};
    }
    if ((!haveTimestamp || !haveValue) && line.find('\r') != std::string_view::npos) {
        m_problem = {m_line, kBareCrAdvice};
        return false;
    }
    if (!haveTimestamp && !haveValue) {
        // A spreadsheet set to another locale writes "timestamp;value": it names the columns, only not with commas.
        for (const char separator : {';', '\t', '|'}) {
            const std::size_t at = line.find(separator);
            const std::string_view head = trim(line.substr(0, at));
            if (at != std::string_view::npos &&
                (equalsIgnoringCase(head, "timestamp") || equalsIgnoringCase(head, "value"))) {
                m_problem = {m_line,
                             std::string("the columns are separated by ") +
                                 (separator == '\t' ? std::string("tabs") : inQuotes(std::string(1, separator))) +
                                 " (found " + inQuotes(line) +
                                 "); this command reads comma-separated files: save it with ',' between columns"};
                return false;
            }
        }
        m_problem = {m_line,
                     "the first line must be a header naming the columns timestamp and value, found " + inQuotes(line)};
        return false;
    }
    if (!haveTimestamp || !haveValue) {
        m_problem = {m_line, std::string("the header has no '") + (haveTimestamp ? "value" : "timestamp") +
                                 "' column (columns: " + columns + ")"};
        return false;
    }
    return true;
}

MetricCsvReader::Status MetricCsvReader::badRow(std::string message)
{
    m_problem = {m_line, std::move(message)};
    return Status::BadRow;
}

MetricCsvReader::Status MetricCsvReader::next(MetricRow& row)
{
    m_note.reset();
    std::string_view line;
    do {
        switch (readLine(line)) {
        case LineResult::Line:
            break;
        case LineResult::TooLong:
            return badRow("the line does not fit in " + std::to_string(kBufferBytes) + " bytes with its line break");
        case LineResult::End:
            // A short file sorted newest first ends before its order is settled: three rows or more, each a second or
            // more before the one above, are that order too (they were scored backwards, exit 0).
            if (!m_stopped && m_startRows >= kShortFileRowsBack && m_startRows < kStartRowsChecked) {
                m_problem = {m_startLastLine, "time runs backwards from line " + std::to_string(m_startLine) + " (" +
                                                  inQuotes(m_startText) + ") on each of its " +
                                                  std::to_string(m_startRows) +
                                                  " rows: the file looks sorted newest first; sort its rows oldest "
                                                  "first"};
                return Status::Failed;
            }
            return Status::End;
        case LineResult::Failed:
            return Status::Failed;
        }
    } while (isBlankLine(line));

    std::string error;
    const Split split = splitFields(line, m_fields, error);
    // RFC 4180 lets a quoted field hold line breaks, but neither a time nor a number ever does: reading on for the
    // closing quote would swallow the rows after a stray quote (and on a live feed wait for them), so the line alone
    // is bad.
    if (split == Split::Unclosed)
        return badRow("a quoted field opened on this line is not closed on it");
    if (split != Split::Ok)
        return badRow(error);
    // One empty cell after the last column, as some exporters end every row with a comma: nothing in it. Every row
    // of such a file was refused as having a column too many.
    if (m_fields.size() == m_columns + 1 && trim(m_fields.back()).empty())
        m_fields.pop_back();
    if (m_fields.size() != m_columns) {
        std::string message =
            "expected " + std::to_string(m_columns) + " columns, found " + std::to_string(m_fields.size());
        if (line.find('\r') != std::string_view::npos)
            message += " (the line holds a carriage return: do some lines end in a bare CR?)";
        if (line.find('\0') != std::string_view::npos)
            message += " (the line holds NUL bytes: is this a text file?)";
        // A number written with a decimal comma ("10,1288") or thousands separators ("1,234", "9,410.6",
        // "1,234,567") splits into more fields in the last column. Three digits after a comma can be either, and the
        // hint says so: "1,234" read as 1.234 would be off by a thousand, and nothing would tell.
        const auto digitRun = [](std::string_view f) {
            std::size_t n = 0;
            while (n < f.size() && f[n] >= '0' && f[n] <= '9')
                ++n;
            return n;
        };
        // A time written with a comma before its milliseconds (Python's logging and Java write "2024-01-01
        // 00:00:00,123") splits the timestamp; the number hints alone blamed the value. The row may be read either
        // way ("...00,500,100": 500 ms and 100, or 500,100), so both are said.
        std::vector<std::string> hints;
        const std::size_t t = m_timestampColumn;
        const std::string_view timeFraction = m_fields.size() == m_columns + 1 ? trim(m_fields[t + 1]) : "";
        if ((timeFraction.size() == 3 || timeFraction.size() == 6) && digitRun(timeFraction) == timeFraction.size()) {
            const std::string commaTime = std::string(trim(m_fields[t])) + "," + std::string(timeFraction);
            if (parseTimestamp(commaTime).ok()) {
                std::string pointTime = commaTime;
                pointTime[pointTime.size() - timeFraction.size() - 1] = '.';
                hints.push_back("is " + inQuotes(commaTime) +
                                " a timestamp with a comma before its fraction of a second? put the timestamp in "
                                "double quotes, or write " +
                                inQuotes(pointTime));
            }
        }
        if (m_fields.size() > m_columns && m_valueColumn + 1 == m_columns) {
            std::string_view lead = trim(m_fields[m_valueColumn]);
            if (!lead.empty() && (lead.front() == '-' || lead.front() == '+'))
                lead.remove_prefix(1);
            const std::size_t leadDigits = digitRun(lead);
            bool groups = leadDigits >= 1 && leadDigits <= 3 && leadDigits == lead.size();
            bool fraction = false;
            std::string joined(trim(m_fields[m_valueColumn]));
            std::string plain = joined;
            for (std::size_t i = m_valueColumn + 1; i < m_fields.size(); ++i) {
                const std::string_view f = trim(m_fields[i]);
                joined += "," + std::string(f);
                plain += std::string(f);
                const std::size_t n = digitRun(f);
                const bool last = i + 1 == m_fields.size();
                const bool decimals =
                    last && n == 3 && f.size() > 4 && f[3] == '.' && digitRun(f.substr(4)) == f.size() - 4;
                groups = groups && n == 3 && (n == f.size() || decimals);
                fraction = fraction || decimals;
            }
            const std::string_view second = trim(m_fields[m_valueColumn + 1]);
            const bool oneDecimalComma = m_fields.size() == m_columns + 1 && leadDigits == lead.size() &&
                                         leadDigits > 0 && digitRun(second) == second.size() && !second.empty();
            if (groups && (m_fields.size() > m_columns + 1 || fraction))
                hints.push_back("is " + inQuotes(joined) +
                                " a number with thousands separators? write it without them: " + plain);
            else if (groups)
                hints.push_back("is " + inQuotes(joined) +
                                " a number with a thousands separator, or with a decimal comma? " +
                                kNumberFormatAdvice);
            else if (oneDecimalComma)
                hints.push_back("is " + inQuotes(joined) + " a number with a decimal comma? write it with a point");
        }
        for (std::size_t i = 0; i < hints.size(); ++i)
            message += (i == 0 ? " (" : "; or ") + hints[i] + (i + 1 == hints.size() ? ")" : "");
        return badRow(message);
    }

    // Inside quotes whitespace is kept by splitFields; around a number or a time it means nothing.
    const std::string_view timestampText = trim(m_fields[m_timestampColumn]);
    const std::string_view valueText = trim(m_fields[m_valueColumn]);
    // Messages name the column too: a file may have others, in any order.
    const auto column = [](std::size_t index) { return " (column " + std::to_string(index + 1) + ")"; };
    const ParsedTimestamp time = parseTimestamp(timestampText);
    if (!time.ok()) {
        if (timestampText.empty())
            return badRow("the timestamp" + column(m_timestampColumn) + " is empty");
        std::string advice;
        if (time.error == TimestampError::EpochRange) {
            // The unit by the magnitude, as exporters write it: milliseconds (JavaScript, Grafana) about 1e12,
            // microseconds 1e15, nanoseconds (Prometheus, InfluxDB) 1e18. Dividing a microsecond time by 1000, as
            // the one advice said, gave the same error again.
            const double magnitude = std::abs(std::strtod(std::string(timestampText).c_str(), nullptr));
            advice = magnitude >= 1e17   ? " (nanoseconds? divide by 1000000000)"
                     : magnitude >= 1e14 ? " (microseconds? divide by 1000000)"
                                         : " (milliseconds? divide by 1000)";
        }
        return badRow("timestamp " + inQuotes(timestampText) + column(m_timestampColumn) + " " +
                      describeTimestampError(time.error) + advice);
    }
    const auto badValue = [&](const std::string& what) {
        return badRow("value " + inQuotes(valueText) + column(m_valueColumn) + " " + what);
    };
    if (valueText.empty())
        return badRow("the value" + column(m_valueColumn) + " is empty");
    const char* last = valueText.data() + valueText.size();
    const char* first = skipPlusSign(valueText.data(), last);
    double value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range && end == last &&
        outOfDoubleRange(std::string_view(first, last - first)) == DoubleRange::TooSmall)
        value = 0; // "1e-400": a finite number too small for a double
    else if (ec == std::errc::result_out_of_range)
        return badValue("is out of range");
    else if (ec == std::errc() && end == last && !std::isfinite(value))
        return badValue("is not a finite number");
    else if (ec != std::errc() || end != last) {
        // A quoted "1,234" or "10,5" is one field: the same hint as when the comma splits the row.
        const bool comma = valueText.find(',') != std::string_view::npos && std::all_of(first, last, [](char c) {
                               return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-';
                           });
        return badValue(comma ? "is not a number (thousands separators or a decimal comma? " +
                                    std::string(kNumberFormatAdvice) + ")"
                              : std::string("is not a number"));
    }
    // Differences of values near the largest double overflow to infinity, and the detector subtracts values.
    if (std::abs(value) > kMaxValueMagnitude)
        return badValue("is too large (more than 1e300 in magnitude)");
    // A spreadsheet writes a date cell as a number of days since 1899-12-30 (46083.003472 is 2026-03-02 00:05). Read
    // as Unix seconds, that is a few hours into 1970-01-01, every row a second or so after the last, and the daily
    // profile never sees a day. Said once, as a note: seconds that far into 1970 are not impossible, only unlikely.
    if (m_startRows == 0) { // the first row that got this far (the order check below counts them)
        if (!timestampText.empty() && timestampText.front() >= '0' && timestampText.front() <= '9' &&
            timestampText.find('-') == std::string_view::npos && time.seconds >= kSerialFirst &&
            time.seconds < kSerialLast)
            m_note = CsvProblem{m_line, "timestamp " + inQuotes(timestampText) + " reads as Unix seconds, " +
                                            utcText(time.seconds) +
                                            "; if it is a spreadsheet's date number (days since 1899-12-30, here " +
                                            utcText((time.seconds - 25569.0) * 86400.0) +
                                            "), write the timestamps as YYYY-MM-DD HH:MM:SS: the daily and weekly "
                                            "profiles place each row by its time"};
    }
    // A file sorted newest first (a dashboard's export) steps back on each of its first rows. Daylight saving steps
    // back once, jitter a step or two, so four steps in a row at the start are that order: said at once, as such, and
    // not skippable (skipping its rows one by one scored the few within the hour's allowance and dropped the rest, and
    // the command exited 0).
    if (m_startRows < kStartRowsChecked) {
        if (m_startRows == 0) {
            m_startLine = m_line;
            m_startText = timestampText;
        }
        // A second or more each: timestamps from several producers can jitter back by fractions of one. A repeated
        // timestamp tells neither order and is passed over: one tie at the top of a newest-first export ended the
        // check, and skipping then dropped 387 of its 401 rows and exited 0.
        const double step = time.seconds - m_startSeconds;
        const bool back = m_startRows > 0 && step <= -1.0;
        bool subSecondBack = false;
        if (m_startRows == 0 || back) {
            ++m_startRows;
            m_startLastLine = m_line;
        } else if (step >= 1.0)
            m_startRows = kStartRowsChecked;
        else if (step != 0) {
            // Rows under a second apart: jitter, or a feed sampled that fast. Their first steps decide: all of them
            // back is a fast feed sorted newest first; any forward, a feed in order. (Passed over as ties, they left
            // the check open for the whole file, and two clock corrections hours apart refused a file in order.)
            ++m_startSubSecondSteps;
            m_startSubSecondBacks += step < 0 ? 1 : 0;
            if (m_startSubSecondSteps == kSubSecondStepsChecked) {
                subSecondBack = m_startSubSecondBacks == m_startSubSecondSteps;
                m_startRows = kStartRowsChecked;
            }
        }
        m_startSeconds = time.seconds;
        if ((back && m_startRows == kStartRowsChecked) || subSecondBack) {
            m_problem = {m_line, "time runs backwards from line " + std::to_string(m_startLine) + " (" +
                                     inQuotes(m_startText) + ") to line " + std::to_string(m_line) + " (" +
                                     inQuotes(timestampText) +
                                     "): the file looks sorted newest first; sort its rows oldest first"};
            return Status::Failed;
        }
    }
    // Rows are read as they happened. Time may step back an hour (local wall-clock timestamps repeat one when daylight
    // saving ends, as NAB's machine_temperature file does), but not further: a file sorted newest first, or
    // shuffled, would be scored backwards, each row against the ones after it.
    const bool stepsBack = m_latestLine > 0 && time.seconds < m_latestSeconds - kMaxStepBackSeconds;
    // Back where the rows before the latest one left off (not before it: an hourly file that repeats two hours,
    // 02:00 03:00 01:00, passed as one odd row at 03:00 and scored the hours twice), and that one row, the one just
    // read, far ahead of both: ten times further from this row than this row is from the row before it (a mistyped
    // year, not two rows swapped or a late row after a real gap, which the rule below judges).
    const bool oneRowAhead = stepsBack && m_backRows == 0 && m_priorLine > 0 && m_latestLine == m_lastRowLine &&
                             time.seconds >= m_priorSeconds &&
                             10 * (time.seconds - m_priorSeconds) <= m_latestSeconds - time.seconds;
    if (oneRowAhead) {
        // Its value was scored where it came, and this row is as good as the ones before it: nothing is dropped.
        // Waiting for the rows below to agree, as for a jump back, cost the two rows after the typo.
        if (m_oddRowsNamed < kOddRowsNamed)
            m_note = CsvProblem{
                m_latestLine,
                "timestamp " + inQuotes(m_latestText) + " is " + duration(m_latestSeconds - time.seconds) +
                    " ahead of line " + std::to_string(m_line) + " (" + inQuotes(timestampText) + ") and of line " +
                    std::to_string(m_priorLine) + " before it: it is likely wrong; each row was scored where it came" +
                    (m_oddRowsNamed + 1 == kOddRowsNamed ? "; further such rows are not named" : "")};
        ++m_oddRowsNamed;
        m_latestSeconds = time.seconds;
        m_latestLine = m_line;
        m_latestText = timestampText;
    } else if (stepsBack) {
        // Rows in order among themselves after the jump say the jump was the odd one (a mistyped year ahead, two
        // files joined): after kRowsToTrustAJumpBack of them the latest time follows them, so one bad timestamp
        // costs a few rows and not the rest of the file. A file sorted newest first never gets there.
        // Strictly in order: with the hour's allowance a file sorted newest first, five minutes a row, would pass.
        const bool inOrder = m_backRows > 0 && time.seconds >= m_backSeconds;
        m_backRows = inOrder ? m_backRows + 1 : 1;
        m_backSeconds = time.seconds;
        if (m_backRows < kRowsToTrustAJumpBack) {
            ++m_backSkipped;
            if (m_outOfOrderRows++ == 0)
                m_firstOutOfOrderLine = m_line;
            return badRow("timestamp " + inQuotes(timestampText) + column(m_timestampColumn) + " is " +
                          duration(m_latestSeconds - time.seconds) + " before the one on line " +
                          std::to_string(m_latestLine) +
                          "; rows must be in the order they happened, oldest first (a step back of up to an hour, as "
                          "when daylight saving time ends, is accepted)");
        }
        // Said once, where it happens: the skipped rows' messages blame them, and this one names the row to check.
        m_note = CsvProblem{m_line, "time goes back " + duration(m_latestSeconds - time.seconds) + " from line " +
                                        std::to_string(m_latestLine) + " (" + inQuotes(m_latestText) +
                                        ") and the rows since agree, so time follows them from here: that timestamp "
                                        "is wrong, or two files were joined. Line " +
                                        std::to_string(m_latestLine) + " was scored where it came; " +
                                        std::to_string(m_backSkipped) + " rows since were skipped"};
        m_priorLine = 0; // the row before this one was skipped: no good row to return to
        m_latestSeconds = time.seconds;
        m_latestLine = m_line;
        m_latestText = timestampText;
    }
    m_backRows = 0;
    m_backSkipped = 0;
    if (m_latestLine == 0 || time.seconds > m_latestSeconds) {
        m_priorSeconds = m_latestSeconds;
        m_priorLine = m_latestLine;
        m_latestSeconds = time.seconds;
        m_latestLine = m_line;
        m_latestText = timestampText;
    }

    m_lastRowLine = m_line;
    row.line = m_line;
    row.timestampText = timestampText;
    row.valueText = valueText;
    row.timeSeconds = time.wallSeconds; // the detector's day and week are the writer's (its order was checked above)
    row.value = value;
    return Status::Row;
}

} // namespace payops::detect
