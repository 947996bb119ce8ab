#pragma once

// An evidence template for a rule pack: the file `forcecheck init` writes, which a force fills
// in to describe itself. It lists every fact the pack's evidence schema describes, each set to
// null (not yet known) with its meaning, type, unit and the rules that read it as comments, and
// every register the pack declares with the CSV header to use. An untouched template is valid
// evidence in which every rule is not assessed: an empty template is never scored as a pass.

#include <optional>
#include <string>

#include "base/date.h"
#include "diag/diagnostic.h"
#include "rules/rule_pack.h"

namespace forcecheck {

struct TemplateOptions {
  std::string force;  // the force's name; empty writes a placeholder
  Date as_of;         // written as the evidence's as_of
};

struct EvidenceTemplate {
  std::string text;  // the YAML file
  int facts = 0;     // leaves written under `evidence:`
  int sections = 0;  // top-level sections under `evidence:`
};

// Renders the template for `pack` (as LoadRulePack returns it). Facts come from the JSON Schema
// the pack names in `evidence_schema`, in sorted key order at every level; without a schema,
// from the evidence paths the pack's rules read. Registers follow the pack's declaration order.
// Problems reading the schema are added to `diags`, and the result is then nullopt.
std::optional<EvidenceTemplate> RenderEvidenceTemplate(const RulePack& pack,
                                                       const TemplateOptions& options,
                                                       Diagnostics& diags);

}  // namespace forcecheck
