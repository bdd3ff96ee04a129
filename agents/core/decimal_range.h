#pragma once
// A decimal number that std::from_chars reads whole but cannot hold in a double: "1e999" is too large, "1e-400"
// too small (closer to 0 than any double but 0). The config reader and `payops-agent detect` say which, instead
// of calling a well-formed number malformed.

#include <string_view>

namespace payops {

// std::from_chars takes no leading '+': past one, unless another sign follows ("+-5" stays an error) or nothing
// does (a lone '+' is not a number). For config numbers, epoch seconds and metric values.
inline const char* skipPlusSign(const char* first, const char* last)
{
    return last - first > 1 && *first == '+' && first[1] != '-' && first[1] != '+' ? first + 1 : first;
}

enum class DoubleRange { Fits, TooLarge, TooSmall };

// For text from_chars reported as result_out_of_range (digits, a point, an exponent; an optional sign): which way
// it is out. Decided by the decimal exponent of its first non-zero digit, so an exponent beyond 64 bits is fine.
DoubleRange outOfDoubleRange(std::string_view number);

// Fits for a number a double holds, or malformed text; otherwise which way it is out of range.
DoubleRange doubleRangeOf(std::string_view text);

} // namespace payops
