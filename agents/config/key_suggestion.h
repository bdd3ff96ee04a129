#pragma once
// "did you mean X?" for misspelt config keys and enumerated values: the closest known word within a small edit
// distance, so a typo in a hand-edited YAML file is fixed from the error message alone.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace payops {

// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
int editDistance(std::string_view a, std::string_view b);

// The known word closest to `word` if it is at most `maxDistance` edits away (ties: the first in `known`).
// A camelCase spelling of a snake_case key ("windowMs" for "window_ms") always matches.
std::optional<std::string> suggestKey(std::string_view word, const std::vector<std::string_view>& known,
                                      int maxDistance = 2);

// The same for names that are case-sensitive but chosen by people (issuers, methods: "UPI" for "upi"): compared
// in lower case, returned as `known` spells it.
std::optional<std::string> suggestName(std::string_view word, const std::vector<std::string>& known,
                                       int maxDistance = 2);

// "a, b, c": the known words, for a message that lists them.
std::string joinNames(const std::vector<std::string>& names);

} // namespace payops
