#pragma once

// Loads a rule pack (format: docs/formats.md, schemas/rule-pack.schema.json) from a directory
// (pack.yaml plus rule files) or from a single file, parsing and checking every expression.

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// Every problem found is added to `diags`, so a rule author sees them all at once; the result
// is nullopt when any of them is an error.
std::optional<RulePack> LoadRulePack(const std::string& path, Diagnostics& diags);

}  // namespace forcecheck
