#include "core/decimal_range.h"

#include <charconv>
#include <system_error>

namespace payops {

namespace {
// A '+' from_chars does not take, unless another sign or nothing follows.
std::string_view withoutPlus(std::string_view s)
{
    if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+')
        s.remove_prefix(1);
    return s;
}
} // namespace

DoubleRange outOfDoubleRange(std::string_view number)
{
    if (!number.empty() && (number.front() == '-' || number.front() == '+'))
        number.remove_prefix(1);
    const auto e = number.find_first_of("eE");
    long long exponent = 0;
    if (e != std::string_view::npos) {
        const std::string_view digits = withoutPlus(number.substr(e + 1));
        if (std::from_chars(digits.data(), digits.data() + digits.size(), exponent).ec ==
            std::errc::result_out_of_range) // an exponent beyond 64 bits decides alone
            return !digits.empty() && digits.front() == '-' ? DoubleRange::TooSmall : DoubleRange::TooLarge;
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
    const std::string_view s = withoutPlus(text);
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc::result_out_of_range || end != s.data() + s.size())
        return DoubleRange::Fits;
    return outOfDoubleRange(s);
}

} // namespace payops
