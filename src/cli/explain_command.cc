// `forcecheck explain RULE`: how one rule reached its outcome. Prints the rule's expressions
// as trees, each sub-expression beside the value it had, and for a rule with `records` the
// first records it flags with their place in the register file.
//
//   VET-004: No one holds expired vetting or vetting below the level their role needs
//   outcome: fail (the check is not met)
//   check at rules/vetting.yaml:120:12
//     count(registers.vetting where expires < as_of()) == 0   = false
//       count(registers.vetting where expires < as_of())      = 125
//         ...
//   records: 125 (the first 10 below)
//     examples/west-midlands-2016/registers/vetting.csv:17  P00016

#include <optional>
#include <set>
#include <string>

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/command_line.h"
#include "cli/inputs.h"
#include "eval/evaluate.h"
#include "expr/evaluator.h"

namespace forcecheck {
namespace {

namespace po = boost::program_options;

// Prints `e` and its traced value, then its children; the condition of a `where` and the
// per-element argument of an aggregate run once per element and are shown without values.
void PrintTree(const expr::Expr& e, const std::string& text, const expr::Trace& trace, int depth,
               bool per_element, std::ostream& out) {
  if (e.kind == expr::Expr::Kind::kLiteral) return;
  // The node's own text, on one line with runs of white space folded, cut if long.
  std::string slice;
  for (char c : text.substr(e.offset, e.length)) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space)
      slice += c;
    else if (!slice.empty() && slice.back() != ' ')
      slice += ' ';
  }
  constexpr size_t kMaxSlice = 90;
  if (slice.size() > kMaxSlice) slice = slice.substr(0, kMaxSlice - 3) + "...";
  std::string line = std::string(static_cast<size_t>(2 + 2 * depth), ' ') + slice;
  auto it = trace.find(&e);
  if (per_element) {
    line += "   (for each element)";
  } else if (it != trace.end()) {
    constexpr size_t kColumn = 60;
    if (line.size() < kColumn) line.append(kColumn - line.size(), ' ');
    const expr::Value& v = it->second;
    line += "   = " + (v.is_unknown() ? "unknown (" + v.text() + ")" : v.ToString());
  }
  out << line << "\n";
  if (per_element) return;
  for (size_t i = 0; i < e.args.size(); ++i) {
    const bool inner = (e.kind == expr::Expr::Kind::kWhere || e.kind == expr::Expr::Kind::kBy ||
                        (e.kind == expr::Expr::Kind::kCall && e.aggregate)) &&
                       i > 0;
    if (e.args[i]) PrintTree(*e.args[i], text, trace, depth + 1, inner, out);
  }
}

// `text` as a count of up to nine digits, and digits only: boost would read "-1" as the
// largest size_t.
std::optional<size_t> ParseCount(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoul(text);
}

// The indexes of the pack parameters `e` reads.
void ParametersRead(const expr::Expr& e, std::set<int>& out) {
  if (e.kind == expr::Expr::Kind::kPath && e.ref == expr::Ref::kParameter) out.insert(e.parameter);
  for (const auto& a : e.args) {
    if (a) ParametersRead(*a, out);
  }
}

struct ExplainOptions {
  std::string rule;  // the rule's id
  std::string rules;
  std::string evidence;
  size_t records = 10;
  InputOptions inputs;
};

po::options_description Describe() {
  po::options_description d("options");
  DescribeRulesOption(d);
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("evidence,e", po::value<std::string>()->value_name("FILE"), "the evidence file (required)")
      ("records", po::value<std::string>()->default_value("10")->value_name("N"),
       "how many flagged records to list");
  // clang-format on
  DescribeInputOptions(d);
  d.add_options()("help,h", "show this help");
  return d;
}

// Parses the command line into `opts`; returns the usage problem, or empty.
std::string Parse(const std::vector<std::string>& args, ExplainOptions& opts, bool& help) {
  po::options_description hidden;
  hidden.add_options()("rule", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("rule", 1);
  po::variables_map vm;
  if (std::string problem = ParseArgs(args, Describe(), hidden, positional, vm); !problem.empty())
    return problem;
  help = vm.count("help") > 0;
  if (help) return {};
  if (!vm.count("rule")) return "the rule's id is required";
  opts.rule = vm["rule"].as<std::string>();
  if (std::string problem = ParseRulesArgument(vm, opts.rules); !problem.empty()) return problem;
  if (!vm.count("evidence")) return "--evidence is required";
  opts.evidence = vm["evidence"].as<std::string>();
  const std::optional<size_t> records = ParseCount(vm["records"].as<std::string>());
  if (!records) {
    return "--records takes a number of records from 0 to 999999999, not '" +
           vm["records"].as<std::string>() + "'";
  }
  opts.records = *records;
  return ParseInputOptions(vm, opts.inputs);
}

// "no rule 'X' in the pack", with the rule the id most likely misspells.
std::string NoSuchRule(const RulePack& pack, const std::string& id) {
  std::vector<std::string> ids;
  for (const Rule& r : pack.rules) ids.push_back(r.id);
  return "no rule '" + id + "' in the pack" + DidYouMean(id, ids);
}

int Explain(const ExplainOptions& opts, std::ostream& out, std::ostream& err) {
  std::optional<Inputs> in = LoadInputs(opts.rules, opts.evidence, opts.inputs, err);
  if (!in) return kExitInput;
  const Rule* rule = in->pack.FindRule(opts.rule);
  if (!rule) {
    err << "forcecheck explain: error: " << NoSuchRule(in->pack, opts.rule) << "\n";
    return kExitInput;
  }
  const Date date = opts.inputs.as_of.value_or(in->evidence.as_of);
  const EvalOptions options{date, ParameterValues(in->parameters)};
  Finding f = EvaluateOne(*rule, in->evidence, options);
  out << rule->id << ": " << rule->title << "\n"
      << "outcome: " << OutcomeName(f.outcome) << " (" << f.reason << ")\n";
  auto tree = [&](const char* name, const CompiledExpr& c) {
    expr::Trace trace;
    TraceRule(c, in->evidence, options, trace);
    out << name << " at " << c.At(0).ToString() << "\n";
    PrintTree(*c.ast, c.text, trace, 0, false, out);
  };
  tree("check", rule->check);
  if (rule->partial) tree("partial", *rule->partial);
  std::set<int> read;
  for (const CompiledExpr* c : {&rule->check, rule->partial ? &*rule->partial : nullptr,
                                rule->records ? &*rule->records : nullptr}) {
    if (c) ParametersRead(*c->ast, read);
  }
  for (int i : read) {
    const ParameterSetting& p = in->parameters[static_cast<size_t>(i)];
    out << "parameter: params." << p.parameter->id << " = " << FormatParameterValue(p.value)
        << (p.overridden ? " (set by " + p.origin + "; default " +
                               FormatParameterValue(p.parameter->default_value) + ")"
                         : " (default)")
        << "\n";
  }
  for (const EvidenceRef& e : f.evidence) {
    out << "evidence: " << e.path << " = " << e.value
        << (e.where.file.empty() ? "" : " at " + e.where.ToString()) << "\n";
  }
  if (f.records_total > 0) {
    const size_t shown = std::min(opts.records, f.records.size());
    out << "records: " << f.records_total
        << (f.records_total > shown ? " (the first " + std::to_string(shown) + " below)" : "")
        << "\n";
    for (size_t i = 0; i < shown; ++i) {
      out << "  " << f.records[i].where.ToString()
          << (f.records[i].key.empty() ? "" : "  " + f.records[i].key) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

int RunExplain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ExplainOptions opts;
  bool help = false;
  const std::string problem = Parse(args, opts, help);
  if (help) {
    out << "usage: forcecheck explain RULE [--rules DIR|FILE] --evidence FILE [options]\n\n"
        << Describe() << "\n"
        << InputEnvironmentHelp();
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("explain", problem, err);
  return Explain(opts, out, err);
}

}  // namespace forcecheck
