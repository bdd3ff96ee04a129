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

// Letters of more than one of the Latin, Cyrillic and Greek alphabets in one name: "аgent" with a Cyrillic а reads
// as "agent", and "аlice" as "alice" (the mixed-script test of Unicode's security mechanisms, UTS #39, for the three
// alphabets whose letters look alike). A name written wholly in one of them, or in Latin beside Han or Kana, passes.
bool mixesLookAlikeScripts(QStringView name);

// A name the log can show as it reads: not blank, nothing hidden, not longer than a name. For names taken without
// asking (the login name, the console's profile), where the caller falls back to another rather than refuse.
bool isShowableName(QStringView name);

// The names the agent records for itself: agent, executor, expiry, learning, system, and "learning (...)". A decision
// recorded "by agent" would read as the agent's own.
bool isAgentsOwnName(QStringView name);

// What is wrong with a name someone gives for the audit log, first problem first; None when it may be recorded.
// The command line's --actor, a remote console's operator and the console's profile all check this and phrase
// the problem their own way.
enum class ActorNameProblem {
    None,
    Blank,
    HiddenCharacter, // hasHiddenCharacter
    TooLong,         // over kMaxActorNameLength, after trimming
    MixedScripts,    // mixesLookAlikeScripts
    AgentsOwn,       // isAgentsOwnName
    SourcePrefix,    // "remote:alice", "operator:bob", "cli:root": the log's own mark of where a decision came from
};
// name is trimmed first. A remote console's operator is recorded as "remote:" and the name, so for it only the first
// four matter (checkOrigin false).
ActorNameProblem actorNameProblem(QStringView name, bool checkOrigin = true);

} // namespace payops::approvals
