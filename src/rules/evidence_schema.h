#pragma once

// The evidence schema as the rule checker sees it: every evidence path the JSON Schema
// (schemas/evidence.schema.json) describes, with the type a rule may rely on. A pack that
// names its evidence schema gets every path in its rules checked against it at load time, so
// a misspelt path is an error in the rule file rather than a rule that is never assessed.

#include <map>
#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "expr/value.h"

namespace forcecheck {

// Reads `path` (JSON Schema, draft-07, as in schemas/evidence.schema.json): the `evidence`
// property's nested `properties` give the paths; a property whose `$ref` (direct or in
// `allOf`) is #/definitions/numberFact, booleanFact, dateFact or textFact gets that type, an
// array gets list, anything else any. Problems are reported against `path`.
std::optional<std::map<std::string, expr::Type>> LoadEvidenceSchemaPaths(const std::string& path,
                                                                        Diagnostics& diags);

}  // namespace forcecheck
