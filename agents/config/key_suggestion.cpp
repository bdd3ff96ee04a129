#include "key_suggestion.h"

#include <algorithm>
#include <cctype>

namespace payops {

namespace {

// Struct field names are camelCase and keys are their snake_case: people coming from the code type the former.
std::string toSnakeCase(std::string_view s)
{
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isupper(u)) {
            if (!out.empty())
                out += '_';
            out += static_cast<char>(std::tolower(u));
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

int editDistance(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // Three rolling rows are enough for the transposition look-back.
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::optional<std::string> suggestKey(std::string_view word, const std::vector<std::string_view>& known,
                                      int maxDistance)
{
    const std::string snake = toSnakeCase(word);
    for (auto k : known) {
        if (k == snake)
            return std::string(k);
    }
    // A one- or two-letter word is within two edits of too many keys to make a useful guess.
    const int limit = std::min(maxDistance, static_cast<int>(word.size()) - 1);
    std::optional<std::string> best;
    int bestDistance = limit + 1;
    for (auto k : known) {
        const int d = editDistance(word, k);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::string(k);
        }
    }
    return best;
}

std::optional<std::string> suggestName(std::string_view word, const std::vector<std::string>& known, int maxDistance)
{
    const auto lower = [](std::string_view t) {
        std::string out(t);
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return std::tolower(ch); });
        return out;
    };
    std::vector<std::string> lowered;
    for (const std::string& k : known)
        lowered.push_back(lower(k));
    const auto match =
        suggestKey(lower(word), std::vector<std::string_view>(lowered.begin(), lowered.end()), maxDistance);
    if (!match)
        return std::nullopt;
    return known[static_cast<std::size_t>(std::find(lowered.begin(), lowered.end(), *match) - lowered.begin())];
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

} // namespace payops
