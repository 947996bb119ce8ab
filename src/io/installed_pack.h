#pragma once

// The rule pack installed with the program, which `forcecheck check` reads when no --rules is
// given. `cmake --install` (and so the Debian package) puts the program in <prefix>/bin and
// the bundled pack in <prefix>/share/forcecheck/rules, beside its schemas in
// <prefix>/share/forcecheck/schemas. The pack is found from where the program is, never from
// a prefix fixed at build time, so an install unpacked anywhere (`dpkg -x pkg.deb ROOT`)
// finds its own pack.

#include <filesystem>
#include <optional>
#include <string>

namespace forcecheck {

// The installed pack's folder for the running program (/proc/self/exe), or nullopt when there
// is none beside it (a program run from its build folder).
std::optional<std::string> InstalledRulePack();

// The same for a program at `executable` (symbolic links resolved): the folder
// ../share/forcecheck/rules from the program's folder, when it holds a pack.yaml.
std::optional<std::string> InstalledRulePackFor(const std::filesystem::path& executable);

}  // namespace forcecheck
