#include "text_file.h"

#include <QFile>
#include <QFileInfo>

namespace payops {

namespace {

// Config and scenario documents are a few kilobytes; anything this large is the wrong file.
constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

Error cannotRead(const std::string& path, const std::string& reason)
{
    return Error{path + ": cannot read: " + reason};
}

} // namespace

Result<std::string> readTextFile(const std::string& path)
{
    const QString name = QString::fromStdString(path);
    if (QFileInfo(name).isDir())
        return cannotRead(path, "is a directory");
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly))
        return cannotRead(path, file.errorString().toStdString());
    if (file.size() > kMaxBytes)
        return cannotRead(path, "file is larger than 16 MiB");
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return cannotRead(path, file.errorString().toStdString());
    // Said as what it is: read as UTF-8, an editor's UTF-16 file gave errors about quotes that were not closed.
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return Error{path + ":1:1: the file is UTF-16 (its byte order mark says so); save it as UTF-8"};
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0)
        return Error{path + ":" + std::to_string(bytes.left(nul).count('\n') + 1) + ":" +
                     std::to_string(nul - bytes.lastIndexOf('\n', nul)) +
                     ": the file holds NUL bytes: it is not a text file (UTF-16 without a byte order mark?)"};
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace payops
