#pragma once

// The command line: the only place Boost.Program_options appears. One table of sub-commands
// feeds both dispatch and `forcecheck --help`.

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
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

// In the program (main calls EndProcessAfterCommand), what a command built is left for the
// operating system to reclaim when the process exits: freeing a large force's records block
// by block costs more than the kernel takes to drop the whole address space. Tests run many
// commands in one process, so there LeaveToExit does nothing and values die as usual.
void EndProcessAfterCommand();
void LeaveToExit(std::shared_ptr<void> value);
template <typename T>
void LeaveToExit(T&& value) {  // takes `value` away (and frees it at once in tests)
  static_assert(!std::is_lvalue_reference_v<T>, "pass std::move(value)");
  LeaveToExit(std::shared_ptr<void>(std::make_shared<std::decay_t<T>>(std::forward<T>(value))));
}

// Sub-commands (one file each).
int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunExplain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunFunctions(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace forcecheck
