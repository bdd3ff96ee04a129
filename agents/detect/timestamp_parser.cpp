#include "detect/timestamp_parser.h"

#include "core/decimal_range.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace payops::detect {

namespace {

bool isDigit(char c)
{
    return static_cast<unsigned char>(c - '0') <= 9;
}

// The n digits at p as a number; false if any of them is not a digit. Small enough to be inlined: one row's
// timestamp calls it seven times.
inline bool readDigits(const char* p, int n, int& out)
{
    int v = 0;
    bool digits = true;
    for (int i = 0; i < n; ++i) {
        const auto d = static_cast<unsigned>(static_cast<unsigned char>(p[i])) - '0';
        digits &= d <= 9;
        v = v * 10 + static_cast<int>(d);
    }
    out = v;
    return digits;
}

bool isLeapYear(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d, proleptic Gregorian (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// 10000-01-01T00:00:00Z in Unix seconds.
constexpr double kYear10000 = 253402300800.0;

ParsedTimestamp failed(TimestampError error)
{
    return {0, 0, error};
}

// Eight digits that read as a day of 1900-2099: a date written YYYYMMDD, which as Unix seconds would be a day in
// 1970 and put every row of a daily file at a different time of that day.
bool isCompactDate(std::string_view text)
{
    int year = 0, month = 0, day = 0;
    return text.size() == 8 && readDigits(text.data(), 4, year) && readDigits(text.data() + 4, 2, month) &&
           readDigits(text.data() + 6, 2, day) && year >= 1900 && year <= 2099 && month >= 1 && month <= 12 &&
           day >= 1 && day <= daysInMonth(year, month);
}

ParsedTimestamp parseEpochSeconds(std::string_view text)
{
    if (isCompactDate(text))
        return failed(TimestampError::CompactDate);
    const char* last = text.data() + text.size();
    const char* first = skipPlusSign(text.data(), last);
    double v = 0;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v))
        return failed(TimestampError::Format);
    // Beyond the year 9999 the number is almost surely milliseconds (1435708800000), which read as seconds would
    // put every row in a different, far-away day.
    if (std::abs(v) >= kYear10000)
        return failed(TimestampError::EpochRange);
    return {v, v, TimestampError::None}; // Unix seconds are UTC
}

} // namespace

ParsedTimestamp parseTimestamp(std::string_view text)
{
    const char* p = text.data();
    const std::size_t n = text.size();
    if (n == 0)
        return failed(TimestampError::Format);
    const bool looksLikeDate =
        n >= 5 && isDigit(p[0]) && isDigit(p[1]) && isDigit(p[2]) && isDigit(p[3]) && p[4] == '-';
    if (!looksLikeDate)
        return parseEpochSeconds(text);

    int year = 0, month = 0, day = 0;
    if (n < 10 || !readDigits(p, 4, year) || !readDigits(p + 5, 2, month) || p[7] != '-' || !readDigits(p + 8, 2, day))
        return failed(TimestampError::Format);
    std::size_t i = 10;
    int hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0, offsetSign = 0;
    double fraction = 0;
    if (i < n) {
        if (p[i] != ' ' && p[i] != 'T' && p[i] != 't')
            return failed(TimestampError::Format);
        ++i;
        if (n - i < 5 || !readDigits(p + i, 2, hour) || p[i + 2] != ':' || !readDigits(p + i + 3, 2, minute))
            return failed(TimestampError::Format);
        i += 5;
        if (i < n && p[i] == ':') {
            if (n - i < 3 || !readDigits(p + i + 1, 2, second))
                return failed(TimestampError::Format);
            i += 3;
            if (i < n && (p[i] == '.' || p[i] == ',')) {
                const std::size_t start = ++i;
                std::int64_t digits = 0;
                double scale = 1;
                for (; i < n && isDigit(p[i]); ++i) {
                    if (i - start < 15) { // beyond femtoseconds a double cannot tell the difference anyway
                        digits = digits * 10 + (p[i] - '0');
                        scale *= 10;
                    }
                }
                if (i == start)
                    return failed(TimestampError::Format);
                fraction = static_cast<double>(digits) / scale;
            }
        }
        // `date` and many loggers write one space before the zone: "2024-01-01T00:00:00 +01:00".
        if (n - i >= 2 && p[i] == ' ' && (p[i + 1] == 'Z' || p[i + 1] == 'z' || p[i + 1] == '+' || p[i + 1] == '-'))
            ++i;
        if (i < n && (p[i] == 'Z' || p[i] == 'z')) {
            ++i;
        } else if (i < n && (p[i] == '+' || p[i] == '-')) {
            offsetSign = p[i] == '+' ? 1 : -1;
            ++i;
            if (n - i < 2 || !readDigits(p + i, 2, offsetHours))
                return failed(TimestampError::Format);
            i += 2;
            if (i < n && p[i] == ':') {
                if (n - i < 3 || !readDigits(p + i + 1, 2, offsetMinutes))
                    return failed(TimestampError::Format);
                i += 3;
            } else if (n - i >= 2 && readDigits(p + i, 2, offsetMinutes)) {
                i += 2;
            }
        }
        if (i != n)
            return failed(TimestampError::Format);
    }

    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return failed(TimestampError::Date);
    if (hour > 23 || minute > 59 || second > 59)
        return failed(TimestampError::Time);
    if (offsetHours > 23 || offsetMinutes > 59)
        return failed(TimestampError::Offset);
    const std::int64_t wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    const std::int64_t offset = offsetSign * (offsetHours * 3600 + offsetMinutes * 60);
    return {static_cast<double>(wall - offset) + fraction, static_cast<double>(wall) + fraction, TimestampError::None};
}

const char* describeTimestampError(TimestampError error)
{
    switch (error) {
    case TimestampError::None:
        return "is valid";
    case TimestampError::Format:
        return "is not a timestamp (expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS[.fff][Z|+HH:MM] or Unix seconds)";
    case TimestampError::Date:
        return "is not a valid date";
    case TimestampError::Time:
        return "is not a valid time of day";
    case TimestampError::Offset:
        return "has an invalid UTC offset";
    case TimestampError::EpochRange:
        return "is beyond the year 9999 as Unix seconds";
    case TimestampError::CompactDate:
        return "looks like a date written YYYYMMDD: write it as YYYY-MM-DD (or, if it is Unix seconds, with a "
               "fraction: 20150101.0)";
    }
    return "is not a timestamp";
}

} // namespace payops::detect
