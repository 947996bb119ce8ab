#include "cli/cli.h"

#include <algorithm>
#include <exception>

#include "base/parallel.h"
#include "base/spelling.h"
#include "cli/command_line.h"
#include "io/inputs_read.h"
#include "version.h"

namespace forcecheck {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"check", "evaluate a force's evidence against a rule pack, grade it and write reports",
       RunCheck},
      {"explain", "show how one rule reached its outcome, value by value, with flagged records",
       RunExplain},
      {"functions", "list the rule language's functions, how each is called and what it gives",
       RunFunctions},
      {"init", "write an evidence template for a rule pack, every fact described and unknown",
       RunInit},
      {"lint", "check a rule pack's expressions, registers and evidence paths without evidence",
       RunLint},
      {"test", "run a rule pack's tests (DIR/tests/*.yaml) and report which rules lack them",
       RunTest},
  };
  return kCommands;
}

namespace {

void Usage(std::ostream& out) {
  out << "forcecheck " << kVersion
      << ": a rules-based compliance checker for police force policies\n\n"
      << "usage: forcecheck <command> [options]\n"
      << "       forcecheck --help | --version\n\n"
      << "commands:\n";
  size_t width = 0;
  for (const Command& c : Commands()) width = std::max(width, c.name.size());
  for (const Command& c : Commands()) {
    out << "  " << c.name << std::string(width + 2 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\nrun 'forcecheck <command> --help' for a command's options.\n\n"
      << "exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
      << "            2 usage or input error (no report written); 3 internal error\n";
}

}  // namespace

namespace {
bool g_process_ends = false;
}  // namespace

void EndProcessAfterCommand() { g_process_ends = true; }

void LeaveToExit(std::shared_ptr<void> value) {
  if (!g_process_ends) return;
  // Reachable from here until exit, so leak checkers do not count it.
  static auto* left = new std::vector<std::shared_ptr<void>>();
  left->push_back(std::move(value));
}

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  try {
    std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    if (args.empty()) {
      err << "forcecheck: error: no command given\n\n";
      Usage(err);
      return kExitInput;
    }
    const std::string& first = args[0];
    if (first == "--help" || first == "-h" || first == "help") {
      Usage(out);
      return kExitOk;
    }
    if (first == "--version" || first == "-V") {
      out << "forcecheck " << kVersion << "\n";
      return kExitOk;
    }
    for (const Command& c : Commands()) {
      if (c.name != first) continue;
      if (std::string bad = CheckJobsVariable(); !bad.empty()) {
        err << "forcecheck: error: " << bad << "\n";
        return kExitInput;
      }
      const InputsRead inputs;  // what the command reads, so that it writes over none of it
      return c.run({args.begin() + 1, args.end()}, out, err);
    }
    std::vector<std::string> names;
    for (const Command& c : Commands()) names.emplace_back(c.name);
    return UsageError(
        "", "unknown command '" + first + "'" + SuggestName(first, names, "the commands are"), err);
  } catch (const std::exception& e) {
    err << "forcecheck: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace forcecheck
