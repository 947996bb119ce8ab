#include "cli/command_line.h"

#include <optional>

#include "base/spelling.h"
#include "cli/cli.h"

namespace forcecheck {

namespace po = boost::program_options;

int UsageError(std::string_view command, std::string_view message, std::ostream& err) {
  const std::string name = command.empty() ? "forcecheck" : "forcecheck " + std::string(command);
  err << name << ": error: " << message << "\nrun '" << name << " --help' for usage\n";
  return kExitInput;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> close = ClosestName(word, candidates);
  return close ? "; did you mean '" + *close + "'?" : "";
}

namespace {

// "; did you mean '--evidence'?" when `option` is close to one of `visible`'s long names.
std::string Suggestion(const std::string& option, const po::options_description& visible) {
  std::vector<std::string> names;
  for (const auto& o : visible.options()) {
    if (!o->long_name().empty()) names.push_back("--" + o->long_name());
  }
  return DidYouMean(option, names);
}

}  // namespace

std::string ParseArgs(const std::vector<std::string>& args, const po::options_description& visible,
                      const po::options_description& hidden,
                      const po::positional_options_description& positional, po::variables_map& vm) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    return e.what() + Suggestion(e.get_option_name(), visible);
  } catch (const po::error& e) {
    return e.what();
  }
  return {};
}

std::string ParseArgs(const std::vector<std::string>& args, const po::options_description& visible,
                      po::variables_map& vm) {
  return ParseArgs(args, visible, po::options_description(), po::positional_options_description(),
                   vm);
}

std::string ParseArgsWithPack(const std::vector<std::string>& args,
                              const po::options_description& visible, po::variables_map& vm) {
  po::positional_options_description positional;
  positional.add("rules", 1);
  return ParseArgs(args, visible, po::options_description(), positional, vm);
}

}  // namespace forcecheck
