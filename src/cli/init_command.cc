// `forcecheck init`: write an evidence template for a rule pack (rules/evidence_template.h), to
// standard output or, atomically, to a file that does not exist yet (or may be replaced, with
// --overwrite). A template never goes over one of the pack's own files or into its folder,
// where the next load would read it as a rule file.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include <boost/program_options.hpp>

#include "base/date.h"
#include "cli/cli.h"
#include "cli/command_line.h"
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
void RefuseOutput(const std::string& output, const std::string& rules, bool overwrite,
                  Diagnostics& diags) {
  std::error_code ec;
  if (!overwrite && fs::exists(fs::symlink_status(output, ec))) {
    diags.Error({output},
                "cannot write the template: the file exists; pass --overwrite to replace it");
    return;
  }
  CheckDestinations({output}, InputFolders(rules), "template", diags);
}

struct InitOptions {
  std::string rules;
  std::optional<std::string> output;  // nullopt: standard output
  bool overwrite = false;
  TemplateOptions template_options;
};

po::options_description Describe() {
  po::options_description d("options");
  DescribeRulesOption(d);
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the template to FILE instead of standard output")
      ("overwrite", "replace FILE if it exists")
      ("force", po::value<std::string>()->value_name("NAME"), "the force's name (default: a placeholder)")
      ("as-of", po::value<std::string>()->value_name("YYYY-MM-DD"),
       "the date the evidence will describe (default: today)")
      ("help,h", "show this help");
  // clang-format on
  return d;
}

// Parses the command line into `opts`; returns the usage problem, or empty.
std::string Parse(const std::vector<std::string>& args, InitOptions& opts, bool& help) {
  po::variables_map vm;
  if (std::string problem = ParseArgs(args, Describe(), vm); !problem.empty()) return problem;
  help = vm.count("help") > 0;
  if (help) return {};
  if (std::string problem = ParseRulesArgument(vm, opts.rules); !problem.empty()) return problem;
  opts.overwrite = vm.count("overwrite") > 0;
  if (vm.count("output")) opts.output = vm["output"].as<std::string>();
  if (opts.overwrite && !opts.output) return "--overwrite needs --output";
  std::optional<Date> as_of;
  if (std::string problem = ParseDateOption(vm, "as-of", as_of); !problem.empty()) return problem;
  opts.template_options.as_of = as_of.value_or(Today());
  if (vm.count("force")) {
    opts.template_options.force = vm["force"].as<std::string>();
    if (opts.template_options.force.empty())
      return "--force takes the force's name, not an empty string";
  }
  return {};
}

int Init(const InitOptions& opts, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(opts.rules, diags);
  std::optional<EvidenceTemplate> t;
  if (pack) t = RenderEvidenceTemplate(*pack, opts.template_options, diags);
  diags.RenderAll(err);
  if (!pack || !t || diags.HasErrors()) {
    PrintErrorCount(diags, "no template written", err);
    return kExitInput;
  }
  if (!opts.output) {
    out << t->text;
    return kExitOk;
  }
  Diagnostics refusals;
  RefuseOutput(*opts.output, opts.rules, opts.overwrite, refusals);
  if (!refusals.HasErrors()) WriteFiles({{*opts.output, t->text}}, "template", refusals);
  if (refusals.HasErrors()) {
    refusals.RenderAll(err);
    PrintErrorCount(refusals, "no template written", err);
    return kExitInput;
  }
  out << "wrote " << *opts.output << ": an evidence template for " << pack->id << " "
      << pack->version << " with " << t->facts << " facts in " << t->sections << " sections and "
      << pack->registers.size() << " registers, every fact null until filled in\n";
  return kExitOk;
}

}  // namespace

int RunInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InitOptions opts;
  bool help = false;
  const std::string problem = Parse(args, opts, help);
  if (help) {
    out << "usage: forcecheck init [--rules DIR|FILE] [--output FILE [--overwrite]] [--force "
           "NAME]\n"
        << "                       [--as-of YYYY-MM-DD]\n\n"
        << "Writes an evidence template for the pack: every fact its evidence schema describes,\n"
        << "set to null (not yet known) with its meaning, type, unit and the rules that read it,\n"
        << "and every register it declares with the CSV header to use.\n\n"
        << Describe();
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("init", problem, err);
  return Init(opts, out, err);
}

}  // namespace forcecheck
