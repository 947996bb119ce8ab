#pragma once

// Loads one register file (CSV with a header row) against its declared columns.

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "evidence/register.h"

namespace forcecheck {

// Reads `path` (shown to the user as is) as the register `spec` describes. The header must
// name every declared column once and no other; every record must have as many fields as the
// header; every cell must hold its column's type (empty means null, an error for a required
// column). Problems are reported at their line and column; after kMaxRegisterErrors in one
// file the rest of it is not read.
std::optional<Register> LoadRegister(const RegisterSpec& spec, const std::string& path,
                                     Diagnostics& diags);

inline constexpr int kMaxRegisterErrors = 20;

}  // namespace forcecheck
