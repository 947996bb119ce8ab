#pragma once

// Writes a report file atomically: the content goes to a temporary file beside the target,
// is flushed to disk, and is renamed over the target, so a half-written report never appears
// even if the run is killed. Missing parent directories are created.

#include <string>
#include <string_view>

namespace forcecheck {

// Returns an empty string on success, otherwise what went wrong (lower case, for a message).
std::string WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace forcecheck
