#pragma once

// Reading `pack.grading` from YAML, for the rule pack loader (format in docs/formats.md,
// vocabulary in rules/grading.h).

#include "diag/diagnostic.h"
#include "rules/grading.h"
#include "yaml/yaml_file.h"

namespace forcecheck {

// Reads the mapping under `pack.grading` into `out`, leaving the defaults of Grading for every
// key it does not hold: `scale` (checked against the pack's scales later, at `scale_where`),
// `partial_credit` and `min_coverage` (0..1), `not_assessed` (exclude, fail), `min_rules` (a
// whole number, at least 1) and `aggregation` (a mapping of `area`, `question` and `overall`
// to a method of AggregationMethods() allowed at that level, and an optional `source`). Every
// problem goes to `diags`, at its line and column, naming the values accepted.
void ReadGrading(const YamlDocument& doc, const YAML::Node& node, Diagnostics& diags, Grading& out,
                 SourceLocation& scale_where);

}  // namespace forcecheck
