#include "nats_headers.h"

#include <algorithm>
#include <charconv>

namespace payops::sync {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string withoutLineBreaks(std::string s)
{
    std::erase_if(s, [](char c) { return c == '\r' || c == '\n'; });
    return s;
}

} // namespace

std::optional<std::string> NatsHeaders::value(std::string_view key) const
{
    for (const auto& [k, v] : fields)
        if (equalsIgnoreCase(k, key))
            return v;
    return std::nullopt;
}

void NatsHeaders::set(std::string key, std::string value)
{
    key = withoutLineBreaks(std::move(key));
    std::erase(key, ':');
    value = withoutLineBreaks(std::move(value));
    for (auto& [k, v] : fields)
        if (equalsIgnoreCase(k, key)) {
            v = std::move(value);
            return;
        }
    fields.emplace_back(std::move(key), std::move(value));
}

std::string NatsHeaders::serialize() const
{
    std::string out = "NATS/1.0";
    if (status != 0) {
        out += ' ' + std::to_string(status);
        if (!description.empty())
            out += ' ' + description;
    }
    out += "\r\n";
    for (const auto& [k, v] : fields)
        out += k + ": " + v + "\r\n";
    out += "\r\n";
    return out;
}

std::optional<NatsHeaders> NatsHeaders::parse(std::string_view block)
{
    constexpr std::string_view kVersion = "NATS/1.0";
    if (block.substr(0, kVersion.size()) != kVersion)
        return std::nullopt;
    NatsHeaders h;
    std::size_t eol = block.find("\r\n");
    std::string_view statusLine = trim(
        block.substr(kVersion.size(), eol == std::string_view::npos ? std::string_view::npos : eol - kVersion.size()));
    if (!statusLine.empty()) {
        const std::size_t space = statusLine.find(' ');
        const std::string_view code = statusLine.substr(0, space);
        int value = 0;
        const auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), value);
        if (ec == std::errc() && end == code.data() + code.size()) {
            h.status = value;
            if (space != std::string_view::npos)
                h.description = std::string(trim(statusLine.substr(space + 1)));
        } else {
            h.description = std::string(statusLine);
        }
    }
    std::size_t pos = eol == std::string_view::npos ? block.size() : eol + 2;
    while (pos < block.size()) {
        const std::size_t end = block.find("\r\n", pos);
        const std::string_view line =
            block.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? block.size() : end + 2;
        if (line.empty())
            break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue; // not a header; the server never sends one, so ignore rather than fail the message
        h.fields.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    return h;
}

} // namespace payops::sync
