#pragma once
// The agent's phrases (core/phrase.h) in the reader's language: the template translated, the figures written as the
// reader's language writes numbers (number_format.h). GUI thread only, as number_format is.

#include "core/phrase.h"

#include <QString>
#include <string>

namespace payops {

QString sayPhrase(const Phrase& phrase);
// `phrase` translated, or `english` as it is when there is no phrase (an older agent's, or one that did not read) or
// it does not say `english`.
QString sayPhrase(const Phrase& phrase, const std::string& english);
// A fixed sentence of the agent's that is its own template (a pre-mortem's worst case), translated.
QString sayText(const std::string& english);

} // namespace payops
