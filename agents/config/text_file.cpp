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
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace payops
