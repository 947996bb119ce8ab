#pragma once

// Loads a rule pack (format: docs/formats.md, schemas/rule-pack.schema.json) from a directory
// (pack.yaml plus rule files) or from a single file, parsing and checking every expression.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// Every problem found is added to `diags`, so a rule author sees them all at once; the result
// is nullopt when any of them is an error.
std::optional<RulePack> LoadRulePack(const std::string& path, Diagnostics& diags);

// The files a pack at `path` is read from, in the order they are read: a directory's pack.yaml,
// then every other YAML file below it but outside tests/, in path order; or the one file.
std::vector<std::string> RulePackFiles(std::string path, Diagnostics& diags);

// Parses and checks every rule's expressions against the pack's registers and parameters and,
// when given, the evidence schema's paths, setting each CompiledExpr's `ast`.
void CompileRules(RulePack& pack, const std::map<std::string, expr::Type>* schema_paths,
                  Diagnostics& diags);

// Compiles one expression as CompileRules compiles a rule's `key` ("check", "partial" or
// "records") in `pack`, setting `c.ast` when it has no error; problems go to `diags`, at their
// place through `c.positions`. For expressions made after loading (mutation testing).
void CompileRuleExpression(CompiledExpr& c, std::string_view key, const RulePack& pack,
                           const std::map<std::string, expr::Type>* schema_paths,
                           Diagnostics& diags);

}  // namespace forcecheck
