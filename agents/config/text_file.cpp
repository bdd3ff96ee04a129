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

// Where a text that is not UTF-8 goes wrong: the first byte that starts no valid character (Qt validates, but does
// not say where).
qsizetype firstByteNotUtf8(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const qsizetype length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + length > bytes.size() || !bytes.sliced(i, length).isValidUtf8())
            return i;
        i += length;
    }
    return bytes.size() - 1; // not reached for a text Qt found invalid
}

} // namespace

Result<std::string> readTextFile(const std::string& path)
{
    const QString name = QString::fromStdString(path);
    if (name.isEmpty()) // QFile would warn on the terminal and say only "No file name specified"
        return Error{"no file name given"};
    if (QFileInfo(name).isDir())
        return cannotRead(path, "is a directory");
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly))
        return cannotRead(path, file.errorString().toStdString());
    // Read at most one byte past the limit: a device or a pipe (/dev/zero) has no size to ask for first.
    const QByteArray bytes = file.read(kMaxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return cannotRead(path, file.errorString().toStdString());
    if (bytes.size() > kMaxBytes)
        return cannotRead(path, "file is larger than 16 MiB");
    // Said as what it is: read as UTF-8, an editor's UTF-16 file gave errors about quotes that were not closed.
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return Error{path + ":1:1: the file is UTF-16 (its byte order mark says so); save it as UTF-8"};
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0)
        return Error{path + ":" + std::to_string(bytes.left(nul).count('\n') + 1) + ":" +
                     std::to_string(nul - bytes.lastIndexOf('\n', nul)) +
                     ": the file holds NUL bytes: it is not a text file (UTF-16 without a byte order mark?)"};
    // Classic Mac line endings: yaml-cpp reads the whole file as one line and names keys that run into each other.
    if (bytes.contains('\r') && !bytes.contains('\n'))
        return Error{path + ":1:1: the file's lines end in a bare carriage return (classic Mac); save it with LF or "
                            "CRLF line endings"};
    // Every name and value goes on into JSON (the checkpoint, sync, the audit log), whose writer refuses bytes that
    // are not UTF-8: "caf\xe9" saved as Latin-1 passed the check and then stopped the run.
    if (!QByteArrayView(bytes).isValidUtf8()) {
        const qsizetype bad = firstByteNotUtf8(bytes);
        const qsizetype lineStart = bytes.lastIndexOf('\n', bad - 1) + 1;
        qsizetype column = 1; // in characters, as editors count: the bytes that start one
        for (qsizetype i = lineStart; i < bad; ++i)
            column += (static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80;
        return Error{path + ":" + std::to_string(bytes.left(bad).count('\n') + 1) + ":" + std::to_string(column) +
                     ": the file is not UTF-8 (byte 0x" + QByteArray(1, bytes[bad]).toHex().toStdString() +
                     "); save it as UTF-8"};
    }
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace payops
