#pragma once
// Fuzzy matching for the command palette: the query's characters must appear in order in the candidate
// (case-insensitive); consecutive runs, word starts and an early first match score higher, so "ackn" ranks
// "Acknowledge selected" above "Back to navigation".

#include <QString>
#include <optional>

namespace payops {

// nullopt: no match. Higher is better.
std::optional<int> fuzzyScore(const QString& query, const QString& candidate);

} // namespace payops
