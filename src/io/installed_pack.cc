#include "io/installed_pack.h"

#include <system_error>

namespace forcecheck {

namespace fs = std::filesystem;

// FORCECHECK_PACK_FROM_BINDIR is the pack's install folder relative to the program's, as
// CMakeLists.txt derives it from GNUInstallDirs ("../share/forcecheck/rules" by default).
#ifndef FORCECHECK_PACK_FROM_BINDIR
#define FORCECHECK_PACK_FROM_BINDIR "../share/forcecheck/rules"
#endif

std::optional<std::string> InstalledRulePackFor(const fs::path& executable) {
  std::error_code ec;
  const fs::path program = fs::canonical(executable, ec);
  if (ec) return std::nullopt;
  const fs::path pack = (program.parent_path() / FORCECHECK_PACK_FROM_BINDIR).lexically_normal();
  if (!fs::is_regular_file(pack / "pack.yaml", ec)) return std::nullopt;
  return pack.string();
}

std::optional<std::string> InstalledRulePack() { return InstalledRulePackFor("/proc/self/exe"); }

}  // namespace forcecheck
