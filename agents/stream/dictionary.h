#pragma once
// Interned names for the small-cardinality fields of a transaction. Ids are dense and stable for the life of
// a runtime, so per-dimension statistics can live in plain arrays.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace payops {

class NameTable {
public:
    explicit NameTable(std::size_t capacity) : m_capacity(capacity) {}
    // Returns the id of `name`, adding it when new; nullopt when the table is full.
    std::optional<std::uint16_t> intern(std::string_view name);
    std::optional<std::uint16_t> find(std::string_view name) const;
    const std::string& name(std::uint16_t id) const { return m_names.at(id); }
    std::size_t size() const { return m_names.size(); }
    std::size_t capacity() const { return m_capacity; }
    const std::vector<std::string>& names() const { return m_names; }
    // Forgets every name: a table rebuilt in a checkpoint's order.
    void clear() { m_names.clear(); }

private:
    std::size_t m_capacity;
    std::vector<std::string> m_names;
};

// Response codes, with the one-line meaning operators know them by. Id 0 is "no code" (a success).
struct ErrorCodes {
    static constexpr std::size_t kCapacity = 32;
    static std::string_view meaning(std::string_view code);
};

struct Dictionary {
    static constexpr std::size_t kMaxIssuers = 1024;
    static constexpr std::size_t kMaxMethods = 16;

    NameTable issuers{kMaxIssuers};
    NameTable methods{kMaxMethods};
    NameTable errorCodes{ErrorCodes::kCapacity};
    NameTable currencies{256};
    NameTable geographies{256};

    Dictionary() { errorCodes.intern(""); }
};

} // namespace payops
