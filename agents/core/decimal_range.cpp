#include "core/decimal_range.h"

#include <charconv>
#include <system_error>

namespace payops {

DoubleRange outOfDoubleRange(std::string_view number)
{
    if (!number.empty() && (number.front() == '-' || number.front() == '+'))
        number.remove_prefix(1);
    const auto e = number.find_first_of("eE");
    long long exponent = 0;
    if (e != std::string_view::npos) {
        const char* last = number.data() + number.size();
        const char* first = skipPlusSign(number.data() + e + 1, last);
        if (std::from_chars(first, last, exponent).ec == std::errc::result_out_of_range) // beyond 64 bits decides alone
            return first != last && *first == '-' ? DoubleRange::TooSmall : DoubleRange::TooLarge;
        number = number.substr(0, e);
    }
    const auto point = number.find('.');
    const std::string_view whole = number.substr(0, point);
    const auto firstDigit = whole.find_first_not_of('0');
    long long lead = 0; // decimal exponent of the first non-zero digit
    if (firstDigit != std::string_view::npos) {
        lead = static_cast<long long>(whole.size() - firstDigit) - 1;
    } else {
        const std::string_view fraction =
            point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
        const auto nonZero = fraction.find_first_not_of('0');
        if (nonZero == std::string_view::npos) // all zeros: from_chars reads those as 0, but be safe
            return DoubleRange::TooSmall;
        lead = -static_cast<long long>(nonZero) - 1;
    }
    // lead + exponent < 0, without overflow for exponents near the 64-bit limit
    return exponent < -lead ? DoubleRange::TooSmall : DoubleRange::TooLarge;
}

DoubleRange doubleRangeOf(std::string_view text)
{
    const char* last = text.data() + text.size();
    const char* first = skipPlusSign(text.data(), last);
    double value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc::result_out_of_range || end != last)
        return DoubleRange::Fits;
    return outOfDoubleRange(std::string_view(first, static_cast<std::size_t>(last - first)));
}

} // namespace payops
