#include "core/visible_text.h"

namespace payops {

namespace {

// The length of the UTF-8 sequence at the start of `s` and its code point, or 0 when it is not valid UTF-8.
std::size_t utf8Sequence(std::string_view s, char32_t& codePoint)
{
    const auto b0 = static_cast<unsigned char>(s[0]);
    const std::size_t n = b0 >= 0xF0 ? (b0 <= 0xF4 ? 4 : 0) : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
    if (n == 0 || s.size() < n)
        return 0;
    char32_t cp = b0 & (0x7F >> n);
    for (std::size_t i = 1; i < n; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond Unicode are not valid UTF-8.
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    codePoint = cp;
    return n;
}

// Characters that look like a space or like nothing at all: in "value ' 5' is not a number" a no-break space must
// show as what it is.
// C1 control characters and bidirectional controls too: a terminal may act on them (0x9B starts a control
// sequence on some), and a bidi override reorders the text around it.
bool invisible(char32_t cp)
{
    return (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || cp == 0x061C || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x2069) || cp == 0x3000 || cp == 0xFEFF;
}

} // namespace

std::string visibleText(std::string_view text, std::size_t maxBytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto hex = [](std::string& out, unsigned value, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
            out += kHex[(value >> shift) & 15];
    };
    std::string out;
    const std::string_view shown = text.substr(0, maxBytes);
    for (std::size_t i = 0; i < shown.size();) {
        const auto u = static_cast<unsigned char>(shown[i]);
        char32_t cp = 0;
        if (shown[i] == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            out += "\\x";
            hex(out, u, 2);
        } else if (u < 0x80) {
            out += shown[i];
        } else if (const std::size_t n = utf8Sequence(text.substr(i), cp); n == 0) {
            out += "\\x";
            hex(out, u, 2);
        } else if (i + n > shown.size()) {
            break; // a character the limit cuts: left out whole, not in part and not past the limit
        } else {
            if (invisible(cp)) {
                out += "\\u";
                hex(out, static_cast<unsigned>(cp), 4);
            } else {
                out.append(text.substr(i, n));
            }
            i += n;
            continue;
        }
        ++i;
    }
    if (text.size() > maxBytes)
        out += "...";
    return out;
}

} // namespace payops
