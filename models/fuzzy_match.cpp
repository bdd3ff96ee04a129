#include "fuzzy_match.h"

namespace payops {

std::optional<int> fuzzyScore(const QString& query, const QString& candidate)
{
    if (query.isEmpty())
        return 0;
    int score = 0, run = 0, qi = 0, first = -1;
    for (int ci = 0; ci < candidate.size() && qi < query.size(); ++ci) {
        const QChar c = candidate.at(ci).toCaseFolded();
        const QChar q = query.at(qi).toCaseFolded();
        if (q.isSpace()) {
            ++qi; // spaces in the query only separate words
            --ci;
            run = 0;
            continue;
        }
        if (c != q) {
            run = 0;
            continue;
        }
        if (first < 0)
            first = ci;
        const bool wordStart = ci == 0 || !candidate.at(ci - 1).isLetterOrNumber();
        score += 10 + run * 5 + (wordStart ? 15 : 0);
        ++run;
        ++qi;
    }
    while (qi < query.size() && query.at(qi).isSpace())
        ++qi;
    if (qi < query.size())
        return std::nullopt;
    return score - first - static_cast<int>(candidate.size()) / 10;
}

} // namespace payops
