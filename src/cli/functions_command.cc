// `forcecheck functions`: the rule language's functions, from the table that the checker and the
// evaluator read (expr/functions.h), one a line: how it is called, then what it gives.
//
//   all(C, condition)              true when every element meets the condition; ...
//   any(C), any(C, condition)      true when some element (meeting the condition) exists; ...
//
// docs/formats.md's table of functions is the same table (tests/expr/functions_test.cc).

#include <algorithm>

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/command_line.h"
#include "expr/functions.h"

namespace forcecheck {
namespace {

namespace po = boost::program_options;

po::options_description Describe() {
  po::options_description d("options");
  d.add_options()("help,h", "show this help");
  return d;
}

std::string Parse(const std::vector<std::string>& args, bool& help) {
  po::variables_map vm;
  if (std::string problem = ParseArgs(args, Describe(), vm); !problem.empty()) return problem;
  help = vm.count("help") > 0;
  return {};
}

void PrintFunctions(std::ostream& out) {
  size_t width = 0;
  for (const expr::Function& f : expr::AllFunctions())
    width = std::max(width, expr::SignatureText(f).size());
  for (const expr::Function& f : expr::AllFunctions()) {
    const std::string signature = expr::SignatureText(f);
    out << signature << std::string(width + 2 - signature.size(), ' ') << f.summary << "\n";
  }
}

}  // namespace

int RunFunctions(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool help = false;
  const std::string problem = Parse(args, help);
  if (help) {
    out << "usage: forcecheck functions\n\n"
        << "lists the functions of the rule language (C is a collection: a register, a list or "
           "the\n"
        << "groups of a 'by'), each with how it is called and what it gives\n\n"
        << Describe();
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("functions", problem, err);
  PrintFunctions(out);
  return kExitOk;
}

}  // namespace forcecheck
