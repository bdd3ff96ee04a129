#include "core/output_target.h"

#include <QFile>
#include <sys/stat.h>

namespace payops {

OutputTarget outputTargetOf(const QString& path)
{
    if (path == QLatin1String("-"))
        return {1, false};
    struct stat target {};
    if (::stat(QFile::encodeName(path).constData(), &target) != 0)
        return {};
    for (int fd : {1, 2}) {
        struct stat inherited {};
        if (::fstat(fd, &inherited) == 0 && inherited.st_dev == target.st_dev && inherited.st_ino == target.st_ino)
            return {fd, false};
    }
    return {-1, !S_ISREG(target.st_mode)};
}

namespace {
bool statOf(const QString& path, int dashDescriptor, struct stat& out)
{
    if (path == QLatin1String("-"))
        return ::fstat(dashDescriptor, &out) == 0;
    return ::stat(QFile::encodeName(path).constData(), &out) == 0;
}
} // namespace

bool isSameFile(const QString& input, const QString& output)
{
    struct stat in {};
    struct stat out {};
    return statOf(input, 0, in) && statOf(output, 1, out) && S_ISREG(in.st_mode) && in.st_dev == out.st_dev &&
           in.st_ino == out.st_ino;
}

} // namespace payops
