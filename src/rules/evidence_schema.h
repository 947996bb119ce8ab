#pragma once

// The evidence schema as the rule checker sees it: every evidence path the JSON Schema
// (schemas/evidence.schema.json) describes, with the type a rule may rely on. A pack that
// names its evidence schema gets every path in its rules checked against it at load time, so
// a misspelt path is an error in the rule file rather than a rule that is never assessed.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "expr/value.h"

namespace forcecheck {

// Reads `path` (JSON Schema, draft-07, as in schemas/evidence.schema.json): the `evidence`
// property's nested `properties` give the paths; a property whose `$ref` (direct or in
// `allOf`) is #/definitions/numberFact (or countFact, percentFact or nonNegativeFact: numbers with
// a range), booleanFact, dateFact or textFact gets that type, judgementFact text (met, partly_met
// or not_met), an array list, anything else any. Only the `evidence` property is walked: the
// top-level `notes` mapping is never visible to a rule. Problems are reported against `path`.
std::optional<std::map<std::string, expr::Type>> LoadEvidenceSchemaPaths(const std::string& path,
                                                                         Diagnostics& diags);

// The closed sections of the same schema: for each object under `evidence` whose
// `additionalProperties` is false, its path ("" for `evidence` itself) and the keys its
// `properties` allow, sorted. What the rule-test loader checks an `evidence:`
// override against, so that a misspelt key is reported in the test file.
std::optional<std::map<std::string, std::vector<std::string>>> LoadClosedEvidenceSections(
    const std::string& path, Diagnostics& diags);

}  // namespace forcecheck
