#pragma once
// Timestamps of metric files, parsed by hand: a row costs a few dozen instructions, not a QDateTime, a regex or a
// locale lookup, so a million-row file is read in a fraction of a second.

#include <string_view>

namespace payops::detect {

enum class TimestampError {
    None,
    Format,      // not shaped like any accepted form
    Date,        // shaped like a date, but no such day (month 13, 2015-02-29)
    Time,        // no such time of day (25:00, 12:60)
    Offset,      // a UTC offset out of range
    EpochRange,  // a plain number beyond the year 9999 as seconds (most likely milliseconds)
    CompactDate, // eight digits that form a date (20150101): YYYYMMDD, not Unix seconds in 1970
};

struct ParsedTimestamp {
    double seconds = 0; // Unix time: seconds since 1970-01-01T00:00:00Z
    // The same instant on the clock that wrote it: seconds plus the UTC offset written with it (seconds itself when
    // none was). Daily and weekly patterns follow that clock, so a file written with offsets is scored as the same
    // file written in plain local times: across the end of daylight saving time its 03:00 stays 03:00.
    double wallSeconds = 0;
    TimestampError error = TimestampError::None;
    bool ok() const { return error == TimestampError::None; }
};

// Accepts, with no surrounding whitespace:
//   YYYY-MM-DD                                   midnight of that day
//   YYYY-MM-DD HH:MM[:SS[.fraction]][zone]       'T' may stand for the space
//   a plain number                               Unix epoch seconds (1404172800, 1404172800.25), before the
//                                                year 10000 either way; eight digits that form a date of
//                                                1900-2099 (20150101) are refused as ambiguous
// zone is Z, +HH:MM, +HHMM or +HH (or -); without one the time is taken as UTC, so results do not depend on the
// machine's time zone. Dates are proleptic Gregorian with leap days checked.
ParsedTimestamp parseTimestamp(std::string_view text);

// What is wrong, phrased to follow "timestamp '...' ": "is not a valid date", ...
const char* describeTimestampError(TimestampError error);

} // namespace payops::detect
