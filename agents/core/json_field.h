#pragma once
// A field of a JSON object that came from outside the process (a server's reply or INFO, another console's event),
// read without throwing. nlohmann's value() throws when the document is not an object or the key holds another type
// ({"seq": "5"}, a reply of "accepted"), and a throw out of a Qt slot ends the process: a stranger's message must not
// be able to do that. The fallback stands for a missing or mistyped field; callers that must tell the two apart check
// the field themselves.

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

namespace payops {

template <typename T> T jsonFieldOr(const nlohmann::json& object, const char* key, T fallback)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if constexpr (std::is_same_v<T, bool>) {
        return it->is_boolean() ? it->get<bool>() : fallback;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return it->is_string() ? it->get<std::string>() : fallback;
    } else if constexpr (std::is_integral_v<T>) {
        // Whole numbers in T's range only: a negative sequence number or an id past int64 is not one.
        if (it->is_number_unsigned())
            return it->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                       ? static_cast<T>(it->get<std::uint64_t>())
                       : fallback;
        if (it->is_number_integer()) {
            const std::int64_t v = it->get<std::int64_t>();
            if constexpr (std::is_unsigned_v<T>)
                return v >= 0 && static_cast<std::uint64_t>(v) <= std::numeric_limits<T>::max() ? static_cast<T>(v)
                                                                                                : fallback;
            else
                return v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max() ? static_cast<T>(v)
                                                                                                : fallback;
        }
        return fallback;
    } else {
        static_assert(std::is_floating_point_v<T>, "jsonFieldOr reads booleans, text and numbers");
        return it->is_number() ? it->get<T>() : fallback;
    }
}

// The object at key, or an empty object when it is missing or not an object.
inline const nlohmann::json& jsonObjectAt(const nlohmann::json& object, const char* key)
{
    static const nlohmann::json empty = nlohmann::json::object();
    if (!object.is_object())
        return empty;
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : empty;
}

} // namespace payops
