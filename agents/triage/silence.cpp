#include "silence.h"

namespace payops {

bool globMatch(const std::string& pattern, const std::string& text)
{
    // Iterative wildcard match with one backtrack point: linear for the short keys matched here.
    std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool Silence::matches(const Anomaly& anomaly) const
{
    if (pattern && !anomaly.has(*pattern))
        return false;
    return dimension.empty() || globMatch(dimension, anomaly.dimension);
}

std::string Silence::describe() const
{
    std::string out;
    if (pattern)
        out += std::string("pattern=") + patternName(*pattern);
    if (!dimension.empty())
        out += (out.empty() ? "" : " ") + std::string("dimension=") + dimension;
    return out.empty() ? "everything" : out;
}

} // namespace payops
