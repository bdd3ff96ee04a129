#pragma once
// NATS message headers: "NATS/1.0[ <status> <description>]\r\nKey: Value\r\n...\r\n\r\n". JetStream uses the
// status line for heartbeats (100), flow control (100), no responders (503) and missing messages (404).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace payops::sync {

struct NatsHeaders {
    int status = 0; // 0 when the status line has no code
    std::string description;
    std::vector<std::pair<std::string, std::string>> fields; // in wire order; keys may repeat

    // The first value of key, compared case-insensitively (servers and clients differ in key case).
    std::optional<std::string> value(std::string_view key) const;
    void set(std::string key, std::string value);
    bool empty() const { return status == 0 && fields.empty(); }

    // The wire form, ending in the blank line. Keys and values must not hold CR or LF (set() strips them).
    std::string serialize() const;
    // Parses a raw header block; nullopt when it does not start with "NATS/1.0".
    static std::optional<NatsHeaders> parse(std::string_view block);
};

} // namespace payops::sync
