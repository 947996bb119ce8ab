#pragma once

// Loading what every evaluating command needs: the rule pack, then the evidence file with the
// registers the pack declares. Shared by `check` and `explain`.

#include <optional>
#include <ostream>
#include <string>

#include "diag/diagnostic.h"
#include "evidence/evidence.h"
#include "rules/rule_pack.h"

namespace forcecheck {

struct Inputs {
  RulePack pack;
  Evidence evidence;
};

// Loads both, reporting every problem in either to `err`; nullopt (after printing the error
// count) when there was any error.
std::optional<Inputs> LoadInputs(const std::string& rules, const std::string& evidence,
                                 bool allow_outside_registers, std::ostream& err);

// "forcecheck: 2 errors; no report written"-style closing line for a failed load.
void PrintErrorCount(const Diagnostics& diags, const char* consequence, std::ostream& err);

}  // namespace forcecheck
