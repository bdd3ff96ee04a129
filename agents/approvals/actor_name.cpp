#include "approvals/actor_name.h"

#include <algorithm>

namespace payops::approvals {

bool hasHiddenCharacter(QStringView name)
{
    return std::any_of(name.begin(), name.end(), [](QChar c) {
        const QChar::Category k = c.category();
        return k == QChar::Other_Control || k == QChar::Other_Format || k == QChar::Separator_Line ||
               k == QChar::Separator_Paragraph;
    });
}

bool isAgentsOwnName(QStringView name)
{
    for (const char* own : {"agent", "executor", "expiry", "learning", "system"})
        if (name.compare(QLatin1String(own), Qt::CaseInsensitive) == 0)
            return true;
    return name.startsWith(QLatin1String("learning ("), Qt::CaseInsensitive); // "learning (automatic rollback)"
}

} // namespace payops::approvals
