#pragma once
// Who decided, as the audit log and every list record it. A name enters from the command line (--actor) and from a
// remote console's command ("operator"); both are checked here so the log reads the same whichever way it came.

#include <QString>
#include <QStringView>

namespace payops::approvals {

// Longer names are refused: the lists show a name on one line, and a megabyte "name" would fill the audit log.
inline constexpr qsizetype kMaxActorNameLength = 200;

// A line break or another control character (a second, forged line in every list), or an invisible formatting
// character ("agent" with a zero-width space, a right-to-left override or a tag character reads as another name).
// Zero-width joiners and non-joiners between two non-ASCII letters are spelling (Persian, several Indic scripts).
bool hasHiddenCharacter(QStringView name);

// A name the log can show as it reads: not blank, nothing hidden, not longer than a name. For names taken without
// asking (the login name, the console's profile), where the caller falls back to another rather than refuse.
bool isShowableName(QStringView name);

// The names the agent records for itself: agent, executor, expiry, learning, system, and "learning (...)". A decision
// recorded "by agent" would read as the agent's own.
bool isAgentsOwnName(QStringView name);

} // namespace payops::approvals
