// `forcecheck lint`: check a rule pack without any evidence. Loading a pack parses and checks
// every expression against the pack's registers and evidence schema, so lint is the loader's
// diagnostics plus a one-line summary.

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/command_line.h"
#include "cli/inputs.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {
namespace {

namespace po = boost::program_options;

po::options_description Describe() {
  po::options_description d("options");
  DescribeRulesOption(d);
  d.add_options()("help,h", "show this help");
  return d;
}

// Parses the command line (the pack as --rules or as the one positional argument) into
// `rules`; returns the usage problem, or empty.
std::string Parse(const std::vector<std::string>& args, std::string& rules, bool& help) {
  po::variables_map vm;
  std::string problem = ParseArgsWithPack(args, Describe(), vm);
  if (!problem.empty()) return problem;
  help = vm.count("help") > 0;
  if (help) return {};
  return ParseRulesArgument(vm, rules);
}

int Lint(const std::string& rules, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  diags.RenderAll(err);
  if (!pack) {
    PrintErrorCount(diags, "the pack cannot be used", err);
    return kExitInput;
  }
  out << pack->id << " " << pack->version << ": " << pack->rules.size() << " rules in "
      << pack->areas.size() << " areas, " << pack->registers.size()
      << " registers; no problems found"
      << (pack->evidence_schema.empty()
              ? " (no evidence schema named, so evidence paths were not checked)"
              : " (evidence paths checked against " + pack->evidence_schema + ")")
      << "\n";
  return kExitOk;
}

}  // namespace

int RunLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules;
  bool help = false;
  const std::string problem = Parse(args, rules, help);
  if (help) {
    out << "usage: forcecheck lint [[--rules] DIR|FILE]\n\n" << Describe();
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("lint", problem, err);
  return Lint(rules, out, err);
}

}  // namespace forcecheck
