#pragma once

// The command line: the only place Boost.Program_options appears. One table of sub-commands
// feeds both dispatch and `forcecheck --help`.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace forcecheck {

// Exit codes, documented in the README and in --help.
enum ExitCode : int {
  kExitOk = 0,        // no finding at or above --fail-on
  kExitFindings = 1,  // findings at or above --fail-on
  kExitInput = 2,     // usage error, or input that could not be read (nothing was written)
  kExitInternal = 3,  // a failure of forcecheck itself
};

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
};
const std::vector<Command>& Commands();

// Runs the program as `argv` asks and returns the process exit code. Never throws.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Sub-commands (one file each).
int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunExplain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace forcecheck
