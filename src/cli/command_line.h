#pragma once

// The shape every sub-command's command line takes (check_command.cc is the model):
//
//   Describe()  the options, as --help lists them
//   Parse()     the arguments into the command's options struct; a usage problem is a message
//   Run         the command on its options
//
// so that a usage error has one form whatever the command and whatever the mistake:
//   forcecheck check: error: unrecognised option '--evidnce'; did you mean '--evidence'?
//   run 'forcecheck check --help' for usage

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

namespace forcecheck {

// Prints the usage error for `command` ("" for forcecheck itself) to `err`; returns kExitInput.
int UsageError(std::string_view command, std::string_view message, std::ostream& err);

// "; did you mean 'x'?" when `word` is close to the candidate x (base/spelling.h), else "": the
// tail of an error about an unknown option, format or rule id, whose full list would be long.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// Reads `args` against the `visible` options (those --help lists) and the `hidden` ones (the
// names of positional arguments) into `vm`. Returns the usage problem, or "" when there is
// none; an unknown option is named with the visible option it most likely misspells.
std::string ParseArgs(const std::vector<std::string>& args,
                      const boost::program_options::options_description& visible,
                      const boost::program_options::options_description& hidden,
                      const boost::program_options::positional_options_description& positional,
                      boost::program_options::variables_map& vm);
std::string ParseArgs(const std::vector<std::string>& args,
                      const boost::program_options::options_description& visible,
                      boost::program_options::variables_map& vm);
// ParseArgs for a command that takes the pack as --rules or as its one positional argument
// (lint, test): both land in "rules", where ParseRulesArgument (cli/inputs.h) reads them.
std::string ParseArgsWithPack(const std::vector<std::string>& args,
                              const boost::program_options::options_description& visible,
                              boost::program_options::variables_map& vm);

}  // namespace forcecheck
