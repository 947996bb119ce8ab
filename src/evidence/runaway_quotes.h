#pragma once

// A quoted YAML scalar whose closing quote is missing runs on until the next quote in the file,
// and the facts it runs over silently become part of one string: they then come out not
// assessed rather than as an error. This finds quoted scalars that run over a line that looks
// like a mapping key (`  backlog: true`) and reports each at its opening quote.

#include "diag/diagnostic.h"
#include "yaml/yaml_file.h"

namespace forcecheck {

// Reports, as an error at its opening quote, every quoted scalar in `doc` (keys and values)
// whose text in doc.text runs over a continuation line that starts with `name:`. Returns
// false when any was found. Each node is looked at once, however many aliases name it.
bool CheckRunawayQuotes(const YamlDocument& doc, Diagnostics& diags);

}  // namespace forcecheck
