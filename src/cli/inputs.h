#pragma once

// Loading what every evaluating command needs: the rule pack, then the evidence file with the
// registers the pack declares. Shared by `check` and `explain` (logging by `test` too), with
// the options that name those inputs, declared and parsed once for every command.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "base/date.h"
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

// What check and explain read their inputs with, beyond the two paths.
struct InputOptions {
  bool allow_outside_registers = false;
  ParameterOptions parameters;
  std::optional<Date> as_of;  // --as-of; nullopt: the evidence's as_of
};

// Loads both and resolves the pack's parameters, reporting every problem in any of them to
// `err`; nullopt (after printing the error count) when there was any error.
std::optional<Inputs> LoadInputs(const std::string& rules, const std::string& evidence,
                                 const InputOptions& options, std::ostream& err);

// --rules (-r) DIR|FILE, the rule pack, for every command that reads one.
void DescribeRulesOption(boost::program_options::options_description& d);
// Sets `rules` to the rule pack the command line names: --rules, -r, or the positional DIR|FILE
// of lint and test (which parse it into "rules" too), else the pack installed with forcecheck
// (io/installed_pack.h). Returns the usage problem ("--rules is required") when there is
// neither, or "". The one place that decides which pack a command reads.
std::string ParseRulesArgument(const boost::program_options::variables_map& vm, std::string& rules);

// The options that check and explain share: --as-of, --set, --params, --allow-outside-registers
// and --no-cache (a no-op).
void DescribeInputOptions(boost::program_options::options_description& d);
// Fills `options` from what DescribeInputOptions declared; returns the usage problem, or "".
std::string ParseInputOptions(const boost::program_options::variables_map& vm,
                              InputOptions& options);
// Sets `date` from the option `name` when it was given; returns the usage problem, or "".
std::string ParseDateOption(const boost::program_options::variables_map& vm, const char* name,
                            std::optional<Date>& date);
// The environment variables that reading the inputs heeds, as --help lists them.
const char* InputEnvironmentHelp();

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
