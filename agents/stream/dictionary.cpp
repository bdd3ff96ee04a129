#include "dictionary.h"

#include <algorithm>
#include <array>
#include <utility>

namespace payops {

std::optional<std::uint16_t> NameTable::intern(std::string_view name)
{
    if (auto id = find(name))
        return id;
    if (m_names.size() >= m_capacity)
        return std::nullopt;
    m_names.emplace_back(name);
    return static_cast<std::uint16_t>(m_names.size() - 1);
}

std::optional<std::uint16_t> NameTable::find(std::string_view name) const
{
    auto it = std::find(m_names.begin(), m_names.end(), name);
    if (it == m_names.end())
        return std::nullopt;
    return static_cast<std::uint16_t>(it - m_names.begin());
}

std::string_view ErrorCodes::meaning(std::string_view code)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMeanings{{
        {"05", "do not honour"},
        {"14", "invalid card number"},
        {"51", "insufficient funds"},
        {"54", "expired card"},
        {"55", "incorrect PIN"},
        {"61", "exceeds withdrawal limit"},
        {"91", "issuer unavailable"},
        {"96", "system malfunction"},
        {"U30", "UPI debit timeout"},
        {"U16", "UPI risk threshold exceeded"},
        {"ZM", "UPI invalid MPIN"},
        {"NB01", "net banking session timeout"},
    }};
    for (const auto& [c, m] : kMeanings) {
        if (c == code)
            return m;
    }
    return "unrecognised response code";
}

} // namespace payops
