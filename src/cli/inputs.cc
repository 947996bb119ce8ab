#include "cli/inputs.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "evidence/evidence_loader.h"
#include "io/installed_pack.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {

void PrintErrorCount(const Diagnostics& diags, const char* consequence, std::ostream& err) {
  err << "forcecheck: " << diags.error_count() << " error" << (diags.error_count() == 1 ? "" : "s")
      << "; " << consequence << "\n";
}

std::vector<std::string> InputFolders(const std::string& rules) {
  std::error_code ec;
  if (std::filesystem::is_directory(rules, ec)) return {rules};
  return {};
}

bool NoColor() {
  const char* value = std::getenv("NO_COLOR");
  return value && *value;
}

void SetUpLogging(bool verbose) {
  auto logger = std::make_shared<spdlog::logger>(
      "forcecheck", std::make_shared<spdlog::sinks::stderr_color_sink_mt>(
                        NoColor() ? spdlog::color_mode::never : spdlog::color_mode::automatic));
  logger->set_pattern("forcecheck: %l: %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::off);
  spdlog::set_default_logger(logger);
}

namespace {

namespace po = boost::program_options;

// The usage error for a --set that is not ID=VALUE, or empty when every one is.
std::string CheckSetSyntax(const std::vector<std::string>& sets) {
  for (const std::string& s : sets) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return "--set takes ID=VALUE, such as --set edr_completion_target=75, not '" + s + "'";
    }
  }
  return {};
}

// The file's overrides, then those of the command line, so that --set wins.
std::vector<ParameterOverride> LoadOverrides(const RulePack& pack, const ParameterOptions& options,
                                             Diagnostics& diags) {
  std::vector<ParameterOverride> overrides;
  if (!options.file.empty()) {
    if (auto from_file = LoadParameterFile(options.file, pack, diags))
      overrides = std::move(*from_file);
  }
  for (ParameterOverride& o : ParseSetOptions(pack, options.sets, diags))
    overrides.push_back(std::move(o));
  return overrides;
}

}  // namespace

void DescribeRulesOption(po::options_description& d) {
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("rules,r", po::value<std::string>()->value_name("DIR|FILE"),
       "the rule pack: a directory with pack.yaml, or one file (default: the pack installed "
       "with forcecheck, when there is one)");
  // clang-format on
}

std::string ParseRulesArgument(const po::variables_map& vm, std::string& rules) {
  // Without --rules, the pack installed with the program (src/io/installed_pack.h).
  std::optional<std::string> found =
      vm.count("rules") ? vm["rules"].as<std::string>() : InstalledRulePack();
  if (!found) return "--rules is required";
  rules = *found;
  return {};
}

void DescribeInputOptions(po::options_description& d) {
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("as-of", po::value<std::string>()->value_name("YYYY-MM-DD"),
       "evaluate as at this date instead of the evidence's as_of")
      ("set", po::value<std::vector<std::string>>()->value_name("ID=VALUE"),
       "set the pack parameter ID to VALUE instead of its default; may be repeated, and wins "
       "over --params")
      ("params", po::value<std::string>()->value_name("FILE"),
       "set pack parameters from FILE, a YAML mapping of parameter ids to values")
      ("allow-outside-registers", "let the evidence file name register files outside its own folder")
      // forcecheck keeps nothing between runs (a result depends on the pack, the evidence and
      // the options alone); the option of the pack cache it once had is still accepted.
      ("no-cache", "has no effect: forcecheck keeps no cache; accepted so existing scripts run");
  // clang-format on
}

std::string ParseDateOption(const po::variables_map& vm, const char* name,
                            std::optional<Date>& date) {
  if (!vm.count(name)) return {};
  const std::string text = vm[name].as<std::string>();
  date = ParseDate(text);
  if (!date)
    return "--" + std::string(name) + " takes a date written YYYY-MM-DD, not '" + text + "'";
  return {};
}

std::string ParseInputOptions(const po::variables_map& vm, InputOptions& options) {
  options.allow_outside_registers = vm.count("allow-outside-registers") > 0;
  if (vm.count("set")) options.parameters.sets = vm["set"].as<std::vector<std::string>>();
  if (vm.count("params")) options.parameters.file = vm["params"].as<std::string>();
  if (std::string bad = CheckSetSyntax(options.parameters.sets); !bad.empty()) return bad;
  return ParseDateOption(vm, "as-of", options.as_of);
}

const char* InputEnvironmentHelp() {
  return "environment: FORCECHECK_JOBS=N uses at most N threads (default: one a core);\n"
         "             the reports are the same whatever N\n";
}

std::optional<Inputs> LoadInputs(const std::string& rules, const std::string& evidence,
                                 const InputOptions& input, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  auto ms = [&] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  // The evidence file's YAML does not depend on the pack: it is parsed while the pack loads.
  Diagnostics diags, parse_diags;
  std::future<ParsedEvidence> parsed =
      std::async(std::launch::async, [&] { return ParseEvidence(evidence, parse_diags); });
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  spdlog::debug("loaded rule pack {} ({:.1f} ms)", rules, ms());
  EvidenceOptions options;
  options.registers = pack ? &pack->registers : nullptr;
  options.allow_outside_folder = input.allow_outside_registers;
  if (pack) options.schema = pack->evidence_schema;
  std::vector<ParameterOverride> overrides;
  if (pack) overrides = LoadOverrides(*pack, input.parameters, diags);
  ParsedEvidence doc = parsed.get();
  diags.Append(std::move(parse_diags));
  std::optional<Evidence> ev = LoadEvidence(std::move(doc), options, diags);
  spdlog::debug("loaded evidence {} and {} registers ({:.1f} ms)", evidence,
                ev ? ev->registers.size() : 0, ms());
  diags.RenderAll(err);
  if (diags.HasErrors() || !pack || !ev) {
    PrintErrorCount(diags, "no report written", err);
    return std::nullopt;
  }
  // Registers and compiled expressions point at register specs inside the pack; moving the
  // pack moves its vectors' buffers, so those addresses stay valid.
  Inputs in{std::move(*pack), std::move(*ev), {}};
  in.parameters = ResolveParameters(in.pack, overrides);
  return in;
}

}  // namespace forcecheck
