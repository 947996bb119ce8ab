// `forcecheck init`: write an evidence template for a rule pack (rules/evidence_template.h), to
// standard output or, atomically, to a file that does not exist yet (or may be replaced, with
// --overwrite). A template never goes over one of the pack's own files or into its folder,
// where the next load would read it as a rule file.

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <boost/program_options.hpp>

#include "base/date.h"
#include "cli/cli.h"
#include "cli/inputs.h"
#include "report/write_file.h"
#include "rules/evidence_template.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

Date Today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int32_t>(now.time_since_epoch().count())};
}

// Reports why the template may not be written to `output`: it exists (without --overwrite),
// or it is no place for a file (report/write_file.h: a rule pack's file or folder, the evidence
// schema, a directory, a device).
void RefuseOutput(const std::string& output, const std::string& rules, bool overwrite, Diagnostics& diags) {
  std::error_code ec;
  if (!overwrite && fs::exists(fs::symlink_status(output, ec))) {
    diags.Error({output}, "cannot write the template: the file exists; pass --overwrite to replace it");
    return;
  }
  CheckDestinations({output}, InputFolders(rules), "template", diags);
}

}  // namespace

int RunInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description d("options");
  d.add_options()
      ("rules,r", po::value<std::string>()->value_name("DIR|FILE"), "the rule pack (required)")
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the template to FILE instead of standard output")
      ("overwrite", "replace FILE if it exists")
      ("force", po::value<std::string>()->value_name("NAME"), "the force's name (default: a placeholder)")
      ("as-of", po::value<std::string>()->value_name("YYYY-MM-DD"),
       "the date the evidence will describe (default: today)")
      ("help,h", "show this help");
  po::variables_map vm;
  auto usage_error = [&](const std::string& message) {
    err << "forcecheck init: error: " << message << "\nrun 'forcecheck init --help' for usage\n";
    return kExitInput;
  };
  try {
    po::store(po::command_line_parser(args).options(d).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    out << "usage: forcecheck init --rules DIR|FILE [--output FILE [--overwrite]] [--force NAME]\n"
        << "                       [--as-of YYYY-MM-DD]\n\n"
        << "Writes an evidence template for the pack: every fact its evidence schema describes,\n"
        << "set to null (not yet known) with its meaning, type, unit and the rules that read it,\n"
        << "and every register it declares with the CSV header to use.\n\n"
        << d;
    return kExitOk;
  }
  if (!vm.count("rules")) return usage_error("--rules is required");
  if (vm.count("overwrite") && !vm.count("output")) return usage_error("--overwrite needs --output");
  TemplateOptions options;
  options.as_of = Today();
  if (vm.count("as-of")) {
    std::optional<Date> date = ParseDate(vm["as-of"].as<std::string>());
    if (!date) return usage_error("--as-of takes a date written YYYY-MM-DD, not '" + vm["as-of"].as<std::string>() + "'");
    options.as_of = *date;
  }
  if (vm.count("force")) {
    options.force = vm["force"].as<std::string>();
    if (options.force.empty()) return usage_error("--force takes the force's name, not an empty string");
  }

  const std::string rules = vm["rules"].as<std::string>();
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  std::optional<EvidenceTemplate> t;
  if (pack) t = RenderEvidenceTemplate(*pack, options, diags);
  diags.RenderAll(err);
  if (!pack || !t || diags.HasErrors()) {
    PrintErrorCount(diags, "no template written", err);
    return kExitInput;
  }
  if (!vm.count("output")) {
    out << t->text;
    return kExitOk;
  }
  const std::string output = vm["output"].as<std::string>();
  Diagnostics refusals;
  RefuseOutput(output, rules, vm.count("overwrite") > 0, refusals);
  if (!refusals.HasErrors()) WriteFiles({{output, t->text}}, "template", refusals);
  if (refusals.HasErrors()) {
    refusals.RenderAll(err);
    PrintErrorCount(refusals, "no template written", err);
    return kExitInput;
  }
  out << "wrote " << output << ": an evidence template for " << pack->id << " " << pack->version
      << " with " << t->facts << " facts in " << t->sections << " sections and "
      << pack->registers.size() << " registers, every fact null until filled in\n";
  return kExitOk;
}

}  // namespace forcecheck
