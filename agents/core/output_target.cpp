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

} // namespace payops
