#include "approvals/actor_name.h"

#include <QList>
#include <vector>

namespace payops::approvals {

namespace {

bool isLetterOrMark(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

} // namespace

bool hasHiddenCharacter(QStringView name)
{
    // By code point: the invisible tag characters (U+E0000 and on) lie outside the 16-bit range, and one UTF-16 unit
    // at a time they read as surrogates, which passed ("agent" and a tag space was accepted as a name).
    std::vector<char32_t> points;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar u = name[i];
        if (u.isHighSurrogate() && i + 1 < name.size() && name[i + 1].isLowSurrogate())
            points.push_back(QChar::surrogateToUcs4(u, name[++i]));
        else if (u.isSurrogate())
            return true; // half a character
        else
            points.push_back(u.unicode());
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
        const char32_t c = points[i];
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        case QChar::Other_Format:
            // Zero-width non-joiner and joiner spell words in Persian and several Indic scripts: allowed between two
            // letters of such a script, never beside ASCII ("age\u200Dnt" reads as "agent").
            if ((c == 0x200C || c == 0x200D) && i > 0 && i + 1 < points.size() && points[i - 1] >= 0x80 &&
                points[i + 1] >= 0x80 && isLetterOrMark(points[i - 1]) && isLetterOrMark(points[i + 1]))
                continue;
            return true;
        default:
            break;
        }
    }
    return false;
}

bool mixesLookAlikeScripts(QStringView name)
{
    bool latin = false, cyrillic = false, greek = false;
    for (const char32_t c : name.toUcs4()) {
        switch (QChar::script(c)) {
        case QChar::Script_Latin:
            latin = true;
            break;
        case QChar::Script_Cyrillic:
            cyrillic = true;
            break;
        case QChar::Script_Greek:
            greek = true;
            break;
        default: // digits, spaces and punctuation (Common), combining marks (Inherited), other scripts
            break;
        }
    }
    return int{latin} + int{cyrillic} + int{greek} > 1;
}

bool isShowableName(QStringView name)
{
    return !name.trimmed().isEmpty() && !hasHiddenCharacter(name) && name.size() <= kMaxActorNameLength;
}

bool isAgentsOwnName(QStringView name)
{
    for (const char* own : {"agent", "executor", "expiry", "learning", "system"})
        if (name.compare(QLatin1String(own), Qt::CaseInsensitive) == 0)
            return true;
    return name.startsWith(QLatin1String("learning ("), Qt::CaseInsensitive); // "learning (automatic rollback)"
}

ActorNameProblem actorNameProblem(QStringView name, bool checkOrigin)
{
    name = name.trimmed();
    if (name.isEmpty())
        return ActorNameProblem::Blank;
    if (hasHiddenCharacter(name))
        return ActorNameProblem::HiddenCharacter;
    if (name.size() > kMaxActorNameLength)
        return ActorNameProblem::TooLong;
    if (mixesLookAlikeScripts(name))
        return ActorNameProblem::MixedScripts;
    if (!checkOrigin)
        return ActorNameProblem::None;
    if (isAgentsOwnName(name))
        return ActorNameProblem::AgentsOwn;
    // How the console (operator:NAME), remote consoles (remote:NAME) and the command line without --actor
    // (cli:LOGIN) are recorded; a name given as such would pass for a decision taken there.
    for (const char* prefix : {"remote:", "operator:", "cli:"})
        if (name.startsWith(QLatin1String(prefix), Qt::CaseInsensitive))
            return ActorNameProblem::SourcePrefix;
    return ActorNameProblem::None;
}

} // namespace payops::approvals
