#pragma once
// Strict, position-aware reading of YAML config documents (internal to the loaders: it exposes yaml-cpp).
// Every problem is collected as "SOURCE:LINE:COLUMN: path: message" rather than thrown, so one load reports all
// of a document's mistakes at once; reading goes on with the default wherever a value was rejected.

#include "config/config_schema.h"
#include "config/key_suggestion.h"
#include "core/result.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace payops {

class YamlReader {
public:
    explicit YamlReader(std::string sourceName);

    // One key/value pair of a map, in document order.
    struct Entry {
        std::string key;
        YAML::Mark keyMark;
        YAML::Node value;
        // Where to point at the value: its own position, or the key's when it has none (an empty value).
        YAML::Mark valueMark() const;
    };

    // A checked map: every entry has a known, unique key.
    struct MapView {
        YAML::Mark mark;
        bool valid = false; // false when the node was not a map (already reported)
        std::vector<Entry> entries;

        const Entry* find(std::string_view key) const;
        // The key's position if present, else the map's: where to report a cross-field problem.
        YAML::Mark markOf(std::string_view key) const;
    };

    void error(const YAML::Mark& at, const std::string& message);
    // "source:line:column" of a position, counted from 1 as editors do: where error() points, for a check made
    // later against something the document cannot know (the issuers of the config a scenario runs with).
    std::string where(const YAML::Mark& at) const;
    bool failed() const { return !m_errors.empty(); }
    // All errors sorted by position, one per line.
    Error takeError() const;
    const std::string& sourceName() const { return m_source; }

    // Parses the whole text; a syntax error is reported and yields nullopt. An empty text is a null node.
    std::optional<YAML::Node> load(const std::string& text);

    // `node` must be a map (an empty value counts as an empty map). Reports duplicate keys and keys outside
    // `known` (with a suggestion). `path` names the map in messages ("simulator.drift"; empty for the root).
    MapView map(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path,
                const std::vector<std::string_view>& known);
    // `node` must be a sequence; reports and returns false otherwise.
    bool sequence(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path);

    std::optional<double> number(const Entry& e, const std::string& path, const Range& range);
    std::optional<std::int64_t> integer(const Entry& e, const std::string& path, const Range& range,
                                        std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                                        std::int64_t hi = std::numeric_limits<std::int64_t>::max());
    std::optional<std::string> string(const Entry& e, const std::string& path, bool nonEmpty = false,
                                      const std::vector<std::string_view>& oneOf = {});
    std::optional<bool> boolean(const Entry& e, const std::string& path);

    // Reads every field of `table` present in the map into `out` (absent ones keep their value) and reports
    // unknown keys, allowing `extraKeys` for the nested maps and lists the caller reads itself.
    template <typename S>
    MapView fields(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path,
                   const FieldTable<S>& table, S& out, const std::vector<std::string_view>& extraKeys = {})
    {
        std::vector<std::string_view> known = keysOf(table);
        known.insert(known.end(), extraKeys.begin(), extraKeys.end());
        MapView view = map(node, fallback, path, known);
        readFields(view, path, table, out);
        return view;
    }

    // The same for a map already checked with map() (list items are peeked at before their fields are read).
    template <typename S>
    void readFields(const MapView& view, const std::string& path, const FieldTable<S>& table, S& out)
    {
        if (!view.valid)
            return;
        for (const auto& f : table) {
            if (const Entry* e = view.find(f.key))
                readField(f, *e, join(path, f.key), out);
            else if (f.required)
                error(view.mark, label(path) + "missing required key '" + std::string(f.key) + "'");
        }
    }

    static std::string join(const std::string& path, std::string_view key);
    // "path: " — the start of a message about `path` (nothing for the document root).
    static std::string label(const std::string& path);

private:
    template <typename S> void readField(const FieldSpec<S>& f, const Entry& e, const std::string& path, S& out)
    {
        std::visit(
            [&](auto member) {
                auto& target = out.*member;
                using V = std::decay_t<decltype(target)>;
                if constexpr (std::is_same_v<V, double>) {
                    if (auto v = number(e, path, f.range))
                        target = *v;
                } else if constexpr (std::is_same_v<V, int>) {
                    if (auto v =
                            integer(e, path, f.range, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()))
                        target = static_cast<int>(*v);
                } else if constexpr (std::is_same_v<V, std::int64_t>) {
                    if (auto v = integer(e, path, f.range))
                        target = *v;
                } else if constexpr (std::is_same_v<V, std::string>) {
                    if (auto v = string(e, path, f.nonEmpty, f.oneOf))
                        target = std::move(*v);
                } else {
                    if (auto v = boolean(e, path))
                        target = *v;
                }
            },
            f.member);
    }

    // Reports every quoted scalar of `node` whose closing quote is not on the line it opens on.
    void checkQuotes(const YAML::Node& node, const std::string& text);
    // Checks the value is a plain scalar (YAML's untyped form of numbers and booleans); reports otherwise.
    bool plainScalar(const Entry& e, const std::string& path, std::string_view expected);

    // Where a position is, counted from 1 as editors do: the column in characters of the loaded text.
    std::pair<int, int> position(const YAML::Mark& at) const;

    std::string m_source;
    std::string m_text; // the text load() read, for columns in characters
    struct Diagnostic {
        int line;
        int column;
        std::string text;
    };
    std::vector<Diagnostic> m_errors;
};

// How a node looks to a user, for "expected X, got Y" messages.
std::string describeNode(const YAML::Node& node);

} // namespace payops
