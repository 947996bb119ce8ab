#pragma once

// Reading input files: every failure (missing, unreadable, a directory, too large, not UTF-8)
// becomes a located diagnostic rather than an exception.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace forcecheck {

// Input files larger than this are refused before they are read, so that a stray multi-gigabyte
// file costs a message, not the machine's memory.
inline constexpr size_t kMaxInputBytes = size_t{256} << 20;

// Reads `path` whole. On failure reports at `path` and returns nullopt. A leading UTF-8 byte
// order mark is removed. The text must be valid UTF-8 without NUL bytes; the first offending
// byte is reported at its line and column.
std::optional<std::string> ReadTextFile(const std::string& path, Diagnostics& diags,
                                        size_t max_bytes = kMaxInputBytes);

// Asks the kernel to back the buffer [data, data + size) with 2 MB pages where it can, before
// it is first written: a large buffer then costs a few page faults rather than one every 4 KB
// (with transparent huge pages in "madvise" mode, Debian's default). A hint only.
void AdviseHugePages(void* data, size_t size);

// The byte offset of the first invalid UTF-8 sequence or NUL in `text`, or npos.
size_t FindInvalidUtf8(std::string_view text);

// 1-based line and column of byte `offset` in `text` (columns count bytes).
SourceLocation LocationAtOffset(const std::string& file, std::string_view text, size_t offset);

}  // namespace forcecheck
