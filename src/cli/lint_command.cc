// `forcecheck lint`: check a rule pack without any evidence. Loading a pack parses and checks
// every expression against the pack's registers and evidence schema, so lint is the loader's
// diagnostics plus a one-line summary.

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {

int RunLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  namespace po = boost::program_options;
  po::options_description d("options");
  d.add_options()
      ("rules,r", po::value<std::string>()->value_name("DIR|FILE"), "the rule pack to check (required)")
      ("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(d).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "forcecheck lint: error: " << e.what() << "\nrun 'forcecheck lint --help' for usage\n";
    return kExitInput;
  }
  if (vm.count("help")) {
    out << "usage: forcecheck lint --rules DIR|FILE\n\n" << d;
    return kExitOk;
  }
  if (!vm.count("rules")) {
    err << "forcecheck lint: error: --rules is required\nrun 'forcecheck lint --help' for usage\n";
    return kExitInput;
  }
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(vm["rules"].as<std::string>(), diags);
  diags.RenderAll(err);
  if (!pack) {
    PrintErrorCount(diags, "the pack cannot be used", err);
    return kExitInput;
  }
  out << pack->id << " " << pack->version << ": " << pack->rules.size() << " rules in "
      << pack->areas.size() << " areas, " << pack->registers.size() << " registers; no problems found"
      << (pack->evidence_schema.empty() ? " (no evidence schema named, so evidence paths were not checked)"
                                        : " (evidence paths checked against " + pack->evidence_schema + ")")
      << "\n";
  return kExitOk;
}

}  // namespace forcecheck
