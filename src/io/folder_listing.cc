#include "io/folder_listing.h"

#include <algorithm>
#include <filesystem>

#include "io/text_file.h"

namespace forcecheck {

namespace fs = std::filesystem;

namespace {

bool IsYamlName(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// Whether the entry at `p` is listed: a YAML name and, once links are followed, not a folder.
// A link that leads nowhere is reported instead, in the words ReadTextFile uses.
bool Listed(const fs::directory_entry& entry, Diagnostics& diags) {
  const fs::path& p = entry.path();
  std::error_code ec;
  const fs::file_status own = entry.symlink_status(ec);
  const fs::file_status target = fs::status(p, ec);
  if (fs::is_symlink(own) && ec) {
    // std::filesystem reports system errors with errno's values.
    diags.Error({p.generic_string()},
                "cannot read file: " + DescribeOpenFailure(p.string(), ec.value()));
    return false;
  }
  return IsYamlName(p) && !fs::is_directory(target);
}

}  // namespace

std::optional<std::vector<std::string>> ListYamlFiles(const std::string& dir, bool recursive,
                                                      std::string_view skip_folder,
                                                      Diagnostics& diags) {
  std::vector<std::string> files;
  std::error_code ec;
  auto consider = [&](const fs::directory_entry& entry) {
    if (Listed(entry, diags)) files.push_back(entry.path().generic_string());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_directory(type_ec) && it->path().filename() == skip_folder) {
        it.disable_recursion_pending();
        continue;
      }
      consider(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      consider(*it);
    }
  }
  if (ec) {
    diags.Error({dir}, "cannot read folder: " + DescribeOpenFailure(dir, ec.value()));
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace forcecheck
