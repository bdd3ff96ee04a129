#pragma once
// nlohmann::json's messages start with an internal tag ("[json.exception.parse_error.101] parse error at line 1,
// column 30001: ..."): the tag means nothing to a user, the rest says what and where.

#include <exception>
#include <string>
#include <string_view>

namespace payops {

inline std::string jsonErrorText(const std::exception& e)
{
    std::string_view text = e.what();
    if (text.starts_with("[json.exception.")) {
        if (const auto end = text.find("] "); end != std::string_view::npos)
            text.remove_prefix(end + 2);
    }
    return std::string(text);
}

} // namespace payops
