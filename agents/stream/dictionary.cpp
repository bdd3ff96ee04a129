#include "dictionary.h"

#include <QtGlobal> // QT_TRANSLATE_NOOP
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
    // Marked for translation: the console says a meaning in the reader's language (core/phrase.h).
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMeanings{{
        {"05", QT_TRANSLATE_NOOP("payops::Phrase", "do not honour")},
        {"14", QT_TRANSLATE_NOOP("payops::Phrase", "invalid card number")},
        {"51", QT_TRANSLATE_NOOP("payops::Phrase", "insufficient funds")},
        {"54", QT_TRANSLATE_NOOP("payops::Phrase", "expired card")},
        {"55", QT_TRANSLATE_NOOP("payops::Phrase", "incorrect PIN")},
        {"61", QT_TRANSLATE_NOOP("payops::Phrase", "exceeds withdrawal limit")},
        {"91", QT_TRANSLATE_NOOP("payops::Phrase", "issuer unavailable")},
        {"96", QT_TRANSLATE_NOOP("payops::Phrase", "system malfunction")},
        {"U30", QT_TRANSLATE_NOOP("payops::Phrase", "UPI debit timeout")},
        {"U16", QT_TRANSLATE_NOOP("payops::Phrase", "UPI risk threshold exceeded")},
        {"ZM", QT_TRANSLATE_NOOP("payops::Phrase", "UPI invalid MPIN")},
        {"NB01", QT_TRANSLATE_NOOP("payops::Phrase", "net banking session timeout")},
    }};
    for (const auto& [c, m] : kMeanings) {
        if (c == code)
            return m;
    }
    return QT_TRANSLATE_NOOP("payops::Phrase", "unrecognised response code");
}

} // namespace payops
