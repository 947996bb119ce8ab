// `forcecheck check`: rules in, evidence in, graded findings out.
//
// Load the pack and the evidence (every problem in both reported at once), check every report's
// destination (report/write_file.h), evaluate every rule, score and grade, render every
// requested report in memory, and only then write them, all or none. Any input error or
// unusable destination means exit 2 and no report written.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <boost/program_options.hpp>
#include <spdlog/spdlog.h>

#include "cli/cli.h"
#include "cli/command_line.h"
#include "cli/inputs.h"
#include "eval/evaluate.h"
#include "report/report.h"
#include "report/write_file.h"
#include "score/score.h"
#include "version.h"

namespace forcecheck {
namespace {

namespace po = boost::program_options;

struct ReportRequest {
  ReportFormat format;
  std::string path;  // empty: standard output
};

struct CheckOptions {
  std::string rules;
  std::string evidence;
  std::vector<ReportRequest> reports;
  std::optional<Severity> fail_on = Severity::kLow;  // nullopt: never fail on findings
  std::string scale;
  bool color = false;
  std::string marking;  // protective marking for the html and markdown reports
  bool verbose = false;
  InputOptions inputs;
};

po::options_description Describe() {
  po::options_description d("options");
  DescribeRulesOption(d);
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("evidence,e", po::value<std::string>()->value_name("FILE"),
       "the force's evidence file (required)")
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       ("format of the main report: " + ReportFormatNames(" or ")).c_str())
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the main report to FILE instead of standard output")
      ("report", po::value<std::vector<std::string>>()->value_name("FORMAT=FILE"),
       "also write a report in FORMAT to FILE; may be repeated")
      ("fail-on", po::value<std::string>()->default_value("low")->value_name("SEVERITY"),
       "exit 1 when a rule of this severity or above is failed, partly met, in error or not "
       "assessed: info, low, medium, high, critical, or none")
      ("scale", po::value<std::string>()->value_name("ID"),
       "grading scale to use (default: the pack's grading.scale)");
  // clang-format on
  DescribeInputOptions(d);
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("marking", po::value<std::string>()->value_name("TEXT"),
       "protective marking shown at the top and bottom of the html and markdown reports, "
       "e.g. OFFICIAL-SENSITIVE")
      ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
       "colour the text report: auto (a terminal, unless NO_COLOR is set and not empty), always, never")
      ("verbose,v", "log what forcecheck does to standard error")
      ("help,h", "show this help");
  // clang-format on
  return d;
}

// The main report's format: --format's name.
std::string ParseFormat(const std::string& name, ReportFormat& format) {
  if (std::optional<ReportFormat> f = ParseReportFormat(name)) {
    format = *f;
    return {};
  }
  std::vector<std::string> names;
  for (const ReportFormatSpec& f : ReportFormats()) names.emplace_back(f.name);
  const std::string suggestion = DidYouMean(name, names);
  return "unknown format '" + name + "'" +
         (suggestion.empty() ? " (formats: " + ReportFormatNames() + ")" : suggestion);
}

// One --report: FORMAT=FILE, or a FILE whose name ends as one of the formats' files do.
std::string ParseReport(const std::string& spec, ReportRequest& request) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos) {
    std::optional<ReportFormat> f = ReportFormatForPath(spec);
    if (!f) {
      std::string endings;
      for (const ReportFormatSpec& format : ReportFormats()) {
        for (std::string_view e : format.extensions)
          endings += (endings.empty() ? "" : ", ") + std::string(e);
      }
      return "--report takes FORMAT=FILE, or a FILE whose name ends in one of " + endings +
             ", not '" + spec + "'";
    }
    request = {*f, spec};
    return {};
  }
  std::optional<ReportFormat> f = ParseReportFormat(spec.substr(0, eq));
  if (!f || eq + 1 == spec.size()) {
    return "--report takes FORMAT=FILE with FORMAT one of " + ReportFormatNames() + ", not '" +
           spec + "'";
  }
  request = {*f, spec.substr(eq + 1)};
  return {};
}

// Parses the command line into `opts`; returns an error message, or empty on success.
std::string Parse(const std::vector<std::string>& args, CheckOptions& opts, bool& help) {
  po::variables_map vm;
  if (std::string problem = ParseArgs(args, Describe(), vm); !problem.empty()) return problem;
  help = vm.count("help") > 0;
  if (help) return {};
  if (std::string problem = ParseRulesArgument(vm, opts.rules); !problem.empty()) return problem;
  if (!vm.count("evidence")) return "--evidence is required";
  opts.evidence = vm["evidence"].as<std::string>();
  opts.verbose = vm.count("verbose") > 0;
  ReportRequest main{ReportFormat::kText, vm.count("output") ? vm["output"].as<std::string>() : ""};
  if (std::string problem = ParseFormat(vm["format"].as<std::string>(), main.format);
      !problem.empty()) {
    return problem;
  }
  opts.reports.push_back(main);
  if (vm.count("report")) {
    for (const std::string& spec : vm["report"].as<std::vector<std::string>>()) {
      if (std::string problem = ParseReport(spec, opts.reports.emplace_back()); !problem.empty())
        return problem;
    }
  }
  const std::string fail_on = vm["fail-on"].as<std::string>();
  if (fail_on == "none") {
    opts.fail_on.reset();
  } else if (auto s = ParseSeverity(fail_on)) {
    opts.fail_on = *s;
  } else {
    return "--fail-on takes one of " + std::string(kSeverityNames) + ", none; not '" + fail_on +
           "'";
  }
  if (std::string problem = ParseInputOptions(vm, opts.inputs); !problem.empty()) return problem;
  if (vm.count("scale")) opts.scale = vm["scale"].as<std::string>();
  if (vm.count("marking")) opts.marking = vm["marking"].as<std::string>();
  const std::string color = vm["color"].as<std::string>();
  if (color == "always")
    opts.color = true;
  else if (color == "never")
    opts.color = false;
  else if (color == "auto")
    opts.color = isatty(STDOUT_FILENO) && !NoColor();
  else
    return "--color takes auto, always or never, not '" + color + "'";
  return {};
}

bool Fails(const std::vector<Finding>& findings, std::optional<Severity> fail_on) {
  if (!fail_on) return false;
  for (const Finding& f : findings) {
    if (f.outcome != Outcome::kPass && f.rule->severity >= *fail_on) return true;
  }
  return false;
}

int Check(const CheckOptions& opts, std::ostream& out, std::ostream& err) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };

  std::optional<Inputs> in = LoadInputs(opts.rules, opts.evidence, opts.inputs, err);
  if (!in) return kExitInput;
  // Every input has been read: no report may replace one of them, whatever its name.
  std::vector<std::string> paths;
  for (const ReportRequest& r : opts.reports) {
    if (!r.path.empty()) paths.push_back(r.path);
  }
  Diagnostics diags;
  CheckDestinations(paths, InputFolders(opts.rules), "report", diags);
  if (diags.HasErrors()) {
    diags.RenderAll(err);
    PrintErrorCount(diags, "no report written", err);
    return kExitInput;
  }
  const RulePack* pack = &in->pack;
  const Evidence* evidence = &in->evidence;
  const std::string scale_id = opts.scale.empty() ? pack->grading.scale : opts.scale;
  const Scale* scale = pack->FindScale(scale_id);
  if (!scale) {
    std::string ids;
    for (const Scale& s : pack->scales) ids += (ids.empty() ? "" : ", ") + s.id;
    err << "forcecheck: error: unknown scale '" << scale_id << "' (the pack has: " << ids << ")\n";
    return kExitInput;
  }

  Report report;
  report.pack = pack;
  report.evidence = evidence;
  report.as_of = opts.inputs.as_of.value_or(evidence->as_of);
  report.tool_version = kVersion;
  report.parameters = in->parameters;
  report.findings =
      Evaluate(*pack, *evidence, EvalOptions{report.as_of, ParameterValues(in->parameters)});
  report.scorecard = Score(*pack, report.findings, *scale);
  spdlog::debug("evaluated {} rules ({:.1f} ms)", report.findings.size(), ms());

  // Render everything before writing anything: a failure here leaves no partial set.
  std::vector<std::string> rendered;
  for (const ReportRequest& r : opts.reports) {
    rendered.push_back(
        RenderReport(report, r.format, RenderOptions{r.path.empty() && opts.color, opts.marking}));
  }
  std::vector<OutputFile> files;
  for (size_t i = 0; i < opts.reports.size(); ++i) {
    if (!opts.reports[i].path.empty())
      files.push_back({opts.reports[i].path, std::move(rendered[i])});
  }
  if (!WriteFiles(files, "report", diags)) {
    diags.RenderAll(err);
    PrintErrorCount(diags, "no report written", err);
    return kExitInput;
  }
  for (size_t i = 0; i < opts.reports.size(); ++i) {
    if (opts.reports[i].path.empty()) out << rendered[i];
  }
  spdlog::debug("done ({:.1f} ms)", ms());
  const int exit = Fails(report.findings, opts.fail_on) ? kExitFindings : kExitOk;
  LeaveToExit(std::move(report));
  LeaveToExit(std::move(*in));
  return exit;
}

}  // namespace

int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CheckOptions opts;
  bool help = false;
  const std::string problem = Parse(args, opts, help);
  if (help) {
    out << "usage: forcecheck check [--rules DIR|FILE] --evidence FILE [options]\n\n"
        << Describe() << "\n"
        << "exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
        << "            2 usage or input error (no report written); 3 internal error\n"
        << InputEnvironmentHelp();
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("check", problem, err);
  SetUpLogging(opts.verbose);
  return Check(opts, out, err);
}

}  // namespace forcecheck
