#pragma once
// A small, YAML-free description of a config struct: which key maps to which member, its type and its allowed
// range. One table per struct drives the loader (types, ranges, unknown keys), the writer (every key, in order)
// and the comparer (first differing key path), so a key can never be readable but not writable or vice versa.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace payops {

// Allowed interval of a number; bounds are inclusive unless marked exclusive.
struct Range {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool minExclusive = false;
    bool maxExclusive = false;

    static Range any() { return {}; }
    static Range probability() { return {0.0, 1.0}; }
    static Range positive() { return {0.0, std::numeric_limits<double>::infinity(), true}; }
    static Range nonNegative() { return {0.0}; }
    static Range atLeast(double lo) { return {lo}; }
    static Range closed(double lo, double hi) { return {lo, hi}; }

    bool contains(double v) const;
    // "in [0, 1]", "> 0", ">= 1" — for error messages.
    std::string describe() const;
};

template <typename S> struct FieldSpec {
    using Member = std::variant<double S::*, int S::*, std::int64_t S::*, std::string S::*, bool S::*>;

    // A constructor rather than an aggregate: tables stay one line per key without -Wmissing-field-initializers.
    FieldSpec(std::string_view key_, Member member_, Range range_ = Range::any(), bool required_ = false,
              bool nonEmpty_ = false, std::vector<std::string_view> oneOf_ = std::vector<std::string_view>())
        : key(key_), member(member_), range(range_), required(required_), nonEmpty(nonEmpty_), oneOf(std::move(oneOf_))
    {
    }

    std::string_view key;
    Member member;
    Range range;                         // numbers only
    bool required;                       // list items: the key that names the item must be present
    bool nonEmpty;                       // strings only
    std::vector<std::string_view> oneOf; // strings only: the closed set of accepted values (empty = any)
};

template <typename S> using FieldTable = std::vector<FieldSpec<S>>;

template <typename S> std::vector<std::string_view> keysOf(const FieldTable<S>& table)
{
    std::vector<std::string_view> keys;
    keys.reserve(table.size());
    for (const auto& f : table)
        keys.push_back(f.key);
    return keys;
}

// Shortest text that parses back to exactly `v` ("0.95", not "0.94999999999999996").
std::string formatNumber(double v);

// The value of one field as the writer and the comparer print it.
template <typename S> std::string formatField(const FieldSpec<S>& f, const S& s)
{
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = s.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, double>)
                return formatNumber(v);
            else if constexpr (std::is_same_v<V, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<V, std::string>)
                return v;
            else
                return std::to_string(v);
        },
        f.member);
}

template <typename S> bool fieldEquals(const FieldSpec<S>& f, const S& a, const S& b)
{
    return std::visit([&](auto member) { return a.*member == b.*member; }, f.member);
}

} // namespace payops
