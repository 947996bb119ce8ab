#pragma once

// Checks a parsed evidence file against the JSON Schema its rule pack names
// (`pack.evidence_schema`), reporting each violation at the line and column of the offending
// node in the evidence file.

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "yaml/yaml_file.h"

namespace forcecheck {

// An unknown key (an `additionalProperties: false` violation) is reported at the key itself,
// "unknown key 'x' in evidence.vetting; did you mean 'y'?" or naming the allowed keys; a value
// outside an `enum` (a judgement, say) as "expected one of 'a', 'b' or 'c', not 'x'" with a
// did-you-mean when one is close; the first unknown key among the facts gets a note pointing at
// the top-level `notes:` mapping, when the schema has one.
//
// The YAML is read as JSON with the loader's scalar rules (ReadScalar): unquoted true/false
// are booleans, unquoted numbers numbers, null null, unquoted YYYY-MM-DD dates strings, and
// everything else (quoted scalars included) strings. One diagnostic is reported per offending
// node, from the most specific of the validator's errors; a violation at a place where the
// loader has already reported an error is not reported twice. A schema that cannot be read or
// used is reported at the schema file. Returns false when any error was added.
bool CheckEvidenceSchema(const YamlDocument& doc, const std::string& schema_path,
                         Diagnostics& diags);

// The same in two steps, so that the costly first can run beside the evidence loader:
// ValidateAgainstSchema reads the schema (reporting a schema it cannot use to `diags`) and
// returns the violations unreported; ReportSchemaFindings, once every loader error is in
// `diags`, reports them less those at a loader error's place, and less the loose ones (a
// failure with no more specific cause, which the loader words better) when the loader found
// anything wrong in the file.
struct SchemaViolation {
  SourceLocation where;
  std::string message;
  bool loose = false;
  bool cite_schema = true;  // false: the message names what is allowed; no "(schema: ...)"
  std::string note;         // said after the error when not empty
};
struct SchemaFindings {
  bool conforms = true;
  std::vector<SchemaViolation> violations;
};
SchemaFindings ValidateAgainstSchema(const YamlDocument& doc, const std::string& schema_path,
                                     Diagnostics& diags);
void ReportSchemaFindings(const YamlDocument& doc, const std::string& schema_path,
                          const SchemaFindings& found, Diagnostics& diags);

// ReportSchemaFindings reports at most this many violations of one file, then how many more
// there are: a file of 10,000 misspelt keys needs fixing at one place, not 10,000 lines.
inline constexpr size_t kMaxSchemaErrors = 20;

}  // namespace forcecheck
