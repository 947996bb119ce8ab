#pragma once

// Loading what every evaluating command needs: the rule pack, then the evidence file with the
// registers the pack declares. Shared by `check` and `explain` (logging by `test` too).

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "diag/diagnostic.h"
#include "evidence/evidence.h"
#include "rules/parameters.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// How a run overrides the pack's parameters: `--params FILE` and `--set ID=VALUE` (each of
// which wins over the file, and a later one over an earlier).
struct ParameterOptions {
  std::string file;               // empty: none
  std::vector<std::string> sets;  // ID=VALUE, as given
};

struct Inputs {
  RulePack pack;
  Evidence evidence;
  std::vector<ParameterSetting> parameters;  // one per pack parameter; point into `pack`
};

struct InputOptions {
  bool allow_outside_registers = false;
  ParameterOptions parameters;
};

// Loads both and resolves the pack's parameters, reporting every problem in any of them to
// `err`; nullopt (after printing the error count) when there was any error.
std::optional<Inputs> LoadInputs(const std::string& rules, const std::string& evidence,
                                 const InputOptions& options, std::ostream& err);

// The options --allow-outside-registers and --no-cache (a no-op), which check and explain share.
void DescribeInputOptions(boost::program_options::options_description& d);
// The environment variables that reading the inputs heeds, as --help lists them.
const char* InputEnvironmentHelp();

// The usage error for a --set that is not ID=VALUE, or empty when every one is.
std::string CheckSetSyntax(const std::vector<std::string>& sets);

// Whether the environment asks for no colour: NO_COLOR set and not empty (no-color.org).
bool NoColor();

// Operator logging (spdlog) to standard error, "forcecheck: debug: ..." lines: on with
// --verbose, else off. Findings and test results never go through it.
void SetUpLogging(bool verbose);

// The folders whose files are inputs of a run given `rules`: the pack's folder, when it is
// one (a file written there would be read as a rule file by the next run).
std::vector<std::string> InputFolders(const std::string& rules);

// "forcecheck: 2 errors; no report written"-style closing line for a failed load.
void PrintErrorCount(const Diagnostics& diags, const char* consequence, std::ostream& err);

}  // namespace forcecheck
