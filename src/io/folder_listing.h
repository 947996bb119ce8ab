#pragma once

// Listing the YAML files of an input folder (a rule pack, its tests) so that nothing in it is
// lost without a word: a file that cannot be read is listed, to be refused by ReadTextFile like
// any input, and a symbolic link that leads nowhere is an error at its path.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace forcecheck {

// The entries of `dir` named *.yaml or *.yml that are not folders (regular files, and also
// FIFOs, devices and sockets, which reading then refuses), sorted, each as `dir`/name
// ("/"-separated). With `recursive`, those of its sub-folders too, except in sub-folders named
// `skip_folder`; symbolic links to folders are not followed. A symbolic link that leads to a
// missing file or round in a loop is reported at its path whatever its name (it may have been
// meant for a rule file, or a folder of them) and not listed. A folder that cannot be listed is
// reported too ("cannot read folder: permission denied"), and then the result is nullopt.
std::optional<std::vector<std::string>> ListYamlFiles(const std::string& dir, bool recursive,
                                                      std::string_view skip_folder,
                                                      Diagnostics& diags);

}  // namespace forcecheck
