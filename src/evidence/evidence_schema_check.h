#pragma once

// Checks a parsed evidence file against the JSON Schema its rule pack names
// (`pack.evidence_schema`), reporting each violation at the line and column of the offending
// node in the evidence file.

#include <string>

#include "diag/diagnostic.h"
#include "yaml/yaml_file.h"

namespace forcecheck {

// The YAML is read as JSON with the loader's scalar rules (ReadScalar): unquoted true/false
// are booleans, unquoted numbers numbers, null null, unquoted YYYY-MM-DD dates strings, and
// everything else (quoted scalars included) strings. One diagnostic is reported per offending
// node, from the most specific of the validator's errors; a violation at a place where the
// loader has already reported an error is not reported twice. A schema that cannot be read or
// used is reported at the schema file. Returns false when any error was added.
bool CheckEvidenceSchema(const YamlDocument& doc, const std::string& schema_path,
                         Diagnostics& diags);

}  // namespace forcecheck
