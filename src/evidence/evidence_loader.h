#pragma once

// Loads a force's evidence file (format: docs/formats.md, schemas/evidence.schema.json).

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "evidence/evidence.h"

namespace forcecheck {

// Reads and checks `path`. Every problem found is added to `diags`; the result is nullopt when
// any of them is an error.
std::optional<Evidence> LoadEvidence(const std::string& path, Diagnostics& diags);

}  // namespace forcecheck
