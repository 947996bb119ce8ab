#pragma once

// Reading pack parameters from YAML, for the rule pack loader (`pack.parameters`, format in
// docs/formats.md). The parameters file a run may give is read by LoadParameterFile
// (parameters.h), which shares the value rules below.

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "rules/rule_pack.h"
#include "yaml/yaml_file.h"

namespace forcecheck {

// Reads the list of declarations under `pack.parameters` into `out`. Each is a mapping with
// `id` (a name, unique), `type` (number, duration, date, text, boolean), `default` (a value of
// the type), `description`, and optionally `unit`, `local_choice` and `source`; a parameter
// that is not a local choice must cite its `source`. Every problem goes to `diags`.
void ReadParameterDeclarations(const YamlDocument& doc, const YAML::Node& list, Diagnostics& diags,
                               std::vector<Parameter>& out);

}  // namespace forcecheck
