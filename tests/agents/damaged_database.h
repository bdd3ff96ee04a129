#pragma once
// Damage as a disk does it: a page of junk in the middle of a database file, where SQLite's quick_check finds it.
#include <QByteArray>
#include <QFile>
#include <QString>

// False when the file cannot be written or is too small to have a middle page of its tables (64 pages at least).
inline bool overwriteAMiddlePage(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || f.size() <= 64 * 4096)
        return false;
    QByteArray junk(4096, '\0');
    for (int i = 0; i < junk.size(); ++i)
        junk[i] = static_cast<char>((i * 37 + 11) % 251);
    return f.seek(f.size() / 4096 / 2 * 4096) && f.write(junk) == junk.size();
}
