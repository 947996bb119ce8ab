#include "io/paths.h"

#include <algorithm>

namespace forcecheck {

namespace fs = std::filesystem;

bool SamePath(const fs::path& a, const fs::path& b) {
  std::error_code ea, eb;
  const fs::path ca = fs::weakly_canonical(a, ea);
  const fs::path cb = fs::weakly_canonical(b, eb);
  return !ea && !eb && ca == cb;
}

bool PathInside(const fs::path& path, const fs::path& folder) {
  std::error_code ep, ef;
  const fs::path p = fs::weakly_canonical(path, ep);
  const fs::path f = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ef);
  if (ep || ef) return false;
  const auto [end, unused] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return end == f.end();
}

}  // namespace forcecheck
