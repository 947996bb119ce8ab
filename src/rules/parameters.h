#pragma once

// Pack parameters at run time: the values a run uses for the pack's `params.<id>`, each its
// declared default unless the run overrides it, on the command line (`--set ID=VALUE`,
// repeatable) or in a parameters file (`--params FILE`, a YAML mapping `id: value`). An
// override of the command line wins over one from the file; a later one wins over an earlier.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "diag/diagnostic.h"
#include "expr/value.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// The types a parameter may have, as `type:` names them in a pack.
inline constexpr EnumName<expr::Type> kParameterTypes[] = {{expr::Type::kNumber, "number"},
                                                           {expr::Type::kDuration, "duration"},
                                                           {expr::Type::kDate, "date"},
                                                           {expr::Type::kText, "text"},
                                                           {expr::Type::kBool, "boolean"}};
inline std::optional<expr::Type> ParseParameterType(std::string_view name) {
  return ParseIn(kParameterTypes, name);
}
// "value" for a type no parameter may have.
inline const char* ParameterTypeName(expr::Type type) {
  for (const EnumName<expr::Type>& entry : kParameterTypes) {
    if (entry.value == type) return entry.name;
  }
  return "value";
}

// A value of `type` written as text, as on the command line: 90, 0.5, 6mo, 42d, 2016-03-31,
// true, or any text. nullopt when the text is not a value of the type.
std::optional<expr::Value> ParseParameterValue(expr::Type type, std::string_view text);

// The value as a user reads it: 90, 6mo, 2016-03-31, true, quarterly (text unquoted).
std::string FormatParameterValue(const expr::Value& value);

// A value a run gives a parameter, and where it was given ("--set" or "file:line:col").
struct ParameterOverride {
  std::string id;
  expr::Value value;
  std::string origin;
};

// The value a run uses for one parameter.
struct ParameterSetting {
  const Parameter* parameter = nullptr;  // points into the pack, which must outlive it
  expr::Value value;
  bool overridden = false;
  std::string origin;  // "default", "--set" or "file:line:col"
};

// What follows "unknown parameter 'x'" in an error: "; did you mean 'y'?" when a declared id is
// close, else "; the pack declares 'a' and 'b'" (or "; the pack declares none").
std::string UnknownParameterHint(const RulePack& pack, const std::string& id);

// Parses each `ID=VALUE` of --set against the pack's parameters, in order. An unknown id or a
// value of the wrong type is an error (no location: it is on the command line).
std::vector<ParameterOverride> ParseSetOptions(const RulePack& pack,
                                               const std::vector<std::string>& specs,
                                               Diagnostics& diags);

// Reads a parameters file: a YAML mapping of declared ids to values of their types. Unknown
// ids, wrong types and duplicate keys are errors at their place; nullopt when there was any.
std::optional<std::vector<ParameterOverride>> LoadParameterFile(const std::string& path,
                                                                const RulePack& pack,
                                                                Diagnostics& diags);

// One setting per parameter of the pack, in declaration order; later overrides win.
std::vector<ParameterSetting> ResolveParameters(const RulePack& pack,
                                                const std::vector<ParameterOverride>& overrides);

// The settings' values, indexed as the pack's parameters (what the evaluator reads).
std::vector<expr::Value> ParameterValues(const std::vector<ParameterSetting>& settings);

}  // namespace forcecheck
