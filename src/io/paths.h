#pragma once

// Comparing paths as the file system sees them (symbolic links and '..' resolved), for the
// checks that keep outputs off inputs and register files inside the evidence folder.

#include <filesystem>

namespace forcecheck {

// Whether `a` and `b` name the same file (either may not exist yet).
bool SamePath(const std::filesystem::path& a, const std::filesystem::path& b);

// Whether `path` is `folder` or lies below it. False when either cannot be resolved.
bool PathInside(const std::filesystem::path& path, const std::filesystem::path& folder);

}  // namespace forcecheck
