#pragma once
// The keys of the anomaly triage actions, in one place: the window binds them, and the anomaly page's buttons name
// them in their tooltips (a tooltip that named a key of its own, "(A)", promised a shortcut that did not exist).

#include <QKeySequence>

namespace payops::shortcuts {

inline QKeySequence acknowledge()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
}
inline QKeySequence resolve()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
}
// Snoozes for an hour.
inline QKeySequence snoozeHour()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
}

} // namespace payops::shortcuts
