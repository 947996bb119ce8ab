#pragma once

// Reading input files: every failure (missing, unreadable, not a regular file, too large,
// changed while read, not UTF-8) becomes a located diagnostic rather than an exception, in one
// form whatever the file's role: "PATH: error: cannot read file: it is a FIFO (named pipe), not
// a regular file". Every input of forcecheck is read here.

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/limits.h"
#include "diag/diagnostic.h"

namespace forcecheck {

// Input files larger than this are refused before they are read, so that a stray multi-gigabyte
// file costs a message, not the machine's memory. Callers pass the limit of the file's role.
inline constexpr size_t kMaxInputBytes = limits::kRegisterFileBytes;

// Reads `path` whole. On failure reports at `path` and returns nullopt. Only a regular file is
// read (a directory, FIFO, device or socket is refused without waiting on it), one of at most
// `max_bytes`, and one that did not change while it was read. The file is noted as an input of
// the run (io/inputs_read.h). A leading UTF-8 byte order mark is removed. The text must be
// valid UTF-8 without NUL bytes; the first offending byte is reported at its line and column.
std::optional<std::string> ReadTextFile(const std::string& path, Diagnostics& diags,
                                        size_t max_bytes = kMaxInputBytes);

// What a file of type `mode` (st_mode) is, for a message: "a directory", "a FIFO (named pipe)".
std::string DescribeFileType(mode_t mode);

// Why `path` could not be opened, from open()'s `error`: "no such file", "permission denied",
// "it is a symbolic link to a missing file", "it is a symbolic link that leads round in a loop".
std::string DescribeOpenFailure(const std::string& path, int error);

// Asks the kernel to back the buffer [data, data + size) with 2 MB pages where it can, before
// it is first written: a large buffer then costs a few page faults rather than one every 4 KB
// (with transparent huge pages in "madvise" mode, Debian's default). A hint only.
void AdviseHugePages(void* data, size_t size);

// The byte offset of the first invalid UTF-8 sequence or NUL in `text`, or npos.
size_t FindInvalidUtf8(std::string_view text);

// 1-based line and column of byte `offset` in `text` (columns count bytes).
SourceLocation LocationAtOffset(const std::string& file, std::string_view text, size_t offset);

}  // namespace forcecheck
