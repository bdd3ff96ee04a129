#include "stream/dimension_stats.h"

#include <algorithm>

namespace payops {

void deriveShares(DimensionStats& s)
{
    s.successRate = s.count > 0 ? static_cast<double>(s.success) / s.count : 0.0;
    s.failureShare = s.count > 0 ? static_cast<double>(s.failures()) / s.count : 0.0;
    const std::uint32_t failures = s.failures();
    if (!s.failureCodes.empty() && failures > 0) {
        s.topErrorCode = s.failureCodes.front().code;
        s.topErrorShare = static_cast<double>(s.failureCodes.front().count) / failures;
    }
}

void addFailureCodes(std::vector<CodeCount>& into, const std::vector<CodeCount>& more)
{
    for (const CodeCount& code : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const CodeCount& x) { return x.code == code.code; });
        if (it == into.end())
            into.push_back(code);
        else
            it->count += code.count;
    }
    sortCommonestFirst(into);
}

std::uint32_t countOfCode(const std::vector<CodeCount>& codes, const std::string& code)
{
    const auto it = std::find_if(codes.begin(), codes.end(), [&](const CodeCount& c) { return c.code == code; });
    return it == codes.end() ? 0 : it->count;
}

const DimensionStats* findPath(const std::vector<DimensionStats>& rows, const std::string& issuer,
                               const std::string& method)
{
    const auto it = std::find_if(rows.begin(), rows.end(), [&](const DimensionStats& s) {
        return s.kind == DimensionKind::Path && s.issuer == issuer && s.method == method;
    });
    return it == rows.end() ? nullptr : &*it;
}

void sortCommonestFirst(std::vector<CodeCount>& codes)
{
    // std::sort, not std::stable_sort: the tie-break makes it deterministic, and it allocates no buffer.
    std::sort(codes.begin(), codes.end(), [](const CodeCount& a, const CodeCount& b) {
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
}

} // namespace payops
