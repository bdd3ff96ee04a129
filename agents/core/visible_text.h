#pragma once
// Text from outside (a line of a user's file, a message body from the network) shown inside a message or a listing:
// one bad line, a binary body or a hostile one must not flood, garble or steer the terminal.

#include <cstddef>
#include <string>
#include <string_view>

namespace payops {

// Control characters (\t, \xNN), characters that look like a space or like nothing (no-break and other spaces,
// zero-width characters, C1 controls, bidirectional controls: \uNNNN) and bytes that are not UTF-8 (\xNN) escaped;
// cut after maxBytes of the input (before a character that would cross it), with "..." when something was cut.
std::string visibleText(std::string_view text, std::size_t maxBytes);

} // namespace payops
