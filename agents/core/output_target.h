#pragma once
// Where a command's output goes when it is not a file of its own. A file is written next to its target and renamed
// over it, so a failed run leaves no partial file; that rename must never replace what the shell or the user meant:
// - "-", or a path that is this process's standard output or error (/dev/stdout, /dev/fd/1, /proc/self/fd/1, a link
//   to one of them, or the very file stdout is redirected to): the inherited descriptor itself, so the output lands
//   at the shell's position (appended after `>>`, after what `{ echo first; ...; } > f` wrote);
// - another path that exists and is not a regular file (a named pipe, a terminal): opened and written as it is.

#include <QString>

namespace payops {

struct OutputTarget {
    int descriptor = -1; // >= 0: write to this inherited descriptor
    bool direct = false; // open the path and write to it as it is
};

OutputTarget outputTargetOf(const QString& path);

// Both paths name one existing regular file (through a link too). "-" is standard input as `input` and standard output
// as `output` (a shell redirection: `--output - >> in.csv`). A terminal or pipe may well be both ends.
bool isSameFile(const QString& input, const QString& output);

} // namespace payops
