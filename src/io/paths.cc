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

namespace {

// `path` with symbolic links and '..' resolved; when its last part is a link that cannot be
// (a loop), its folder resolved and the last part kept as it is, so that it counts as where
// it stands and reading it reports the loop.
fs::path Resolved(const fs::path& path, std::error_code& ec) {
  fs::path p = fs::weakly_canonical(path, ec);
  if (!ec || !path.has_filename()) return p;
  ec.clear();
  p = fs::weakly_canonical(path.parent_path().empty() ? fs::path(".") : path.parent_path(), ec);
  return p / path.filename();
}

}  // namespace

bool PathInside(const fs::path& path, const fs::path& folder) {
  std::error_code ep, ef;
  const fs::path p = Resolved(path, ep);
  const fs::path f = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ef);
  if (ep || ef) return false;
  const auto [end, unused] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return end == f.end();
}

}  // namespace forcecheck
