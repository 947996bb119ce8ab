// `forcecheck test [--rules] DIR`: run a rule pack's own tests (DIR/tests/*.yaml, format in
// docs/formats.md) and report, expectation by expectation, whether each rule gave the outcome
// its test expects; then which rules lack a passing or a failing case.
//
// Text output, one line per expectation:
//   PASS  VET-002  aftercare in place passes
//   FAIL  VET-002  aftercare missing fails: expected fail, got pass (why: ...)
// then a coverage section and a summary line. --junit FILE writes the same results as JUnit
// XML: one <testsuite> per rule (in pack order), one <testcase> per expectation, named by case.
//
// With --mutate, once every expectation is met, mutation testing (eval/mutation_tests.h)
// follows the summary line:
//   mutants: 312 made, 290 killed, 22 survived, 4 not compiled
//   SURVIVED  VET-004  rules/vetting.yaml:104:57: '<=' to '<'  (partial)
//   mutation score: 92.9% (290 of 312)
// The score is printed rounded down, and compared with --mutation-threshold unrounded. The
// JUnit report holds the expectations only, with or without --mutate.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/program_options.hpp>
#include <spdlog/spdlog.h>

#include "cli/cli.h"
#include "cli/command_line.h"
#include "cli/inputs.h"
#include "eval/evaluate.h"
#include "eval/mutation_tests.h"
#include "evidence/evidence_loader.h"
#include "report/escape.h"
#include "report/write_file.h"
#include "rules/evidence_schema.h"
#include "rules/parameters.h"
#include "rules/rule_pack_loader.h"
#include "rules/rule_tests.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

struct TestOptions {
  std::string rules;  // the pack, whose tests are beside it
  std::string junit;  // empty: none
  bool require_coverage = false;
  bool mutate = false;
  double mutation_threshold = 90;  // percent
  bool verbose = false;
};

struct Result {
  const RuleTestCase* test = nullptr;
  const RuleExpectation* expectation = nullptr;
  Finding finding;
  bool met() const { return OutcomeId(finding.outcome) == expectation->outcome; }
};

// A scratch folder for merged evidence files, removed when the run ends.
class ScratchDir {
 public:
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  // Writes `text` to a new file in the folder and returns its path; empty on failure.
  std::string Write(const std::string& text) {
    if (path_.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "forcecheck-test-XXXXXX").string();
      if (!mkdtemp(tmpl.data())) return {};
      path_ = tmpl;
    }
    const std::string file =
        (fs::path(path_) / ("case-" + std::to_string(++count_) + ".yaml")).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::string path_;
  int count_ = 0;
};

// The cases that ran, their evidence kept for mutation testing.
struct RanCases {
  std::vector<std::unique_ptr<Evidence>> evidence;
  std::vector<MutationCase> cases;
};

// Loads one case's evidence and evaluates the rules it expects outcomes of. Evidence errors go
// to `diags`. The evidence is kept in `ran` for mutation testing, and only then (a pack's cases
// may each load a force's registers): `ran` is null without --mutate.
void RunCase(const RulePack& pack, const RuleTestCase& test, const std::vector<expr::Value>& params,
             ScratchDir& scratch, Diagnostics& diags, std::vector<Result>& results, RanCases* ran) {
  EvidenceOptions options;
  options.registers = &pack.registers;
  options.schema = pack.evidence_schema;
  std::string file = test.evidence_file;
  if (!test.evidence_text.empty()) {
    file = scratch.Write(test.evidence_text);
    options.allow_outside_folder = true;  // register paths were made absolute
    if (file.empty()) {
      diags.Error(test.where, "cannot write the merged evidence file for case '" + test.name + "'");
      return;
    }
  }
  std::optional<Evidence> evidence = LoadEvidence(file, options, diags);
  if (!evidence) return;
  const EvalOptions eval{test.as_of.value_or(evidence->as_of), params};
  for (const RuleExpectation& e : test.expectations) {
    results.push_back({&test, &e, EvaluateOne(*e.rule, *evidence, eval)});
  }
  if (!ran) return;
  ran->evidence.push_back(std::make_unique<Evidence>(std::move(*evidence)));
  ran->cases.push_back({&test, ran->evidence.back().get(), eval});
}

void PrintResult(const Result& r, std::ostream& out) {
  out << (r.met() ? "PASS  " : "FAIL  ") << r.expectation->rule->id << "  " << r.test->name;
  if (!r.met()) {
    out << ": expected " << r.expectation->outcome << ", got " << OutcomeId(r.finding.outcome)
        << " (why: " << r.finding.reason << ")\n      at " << r.expectation->where.ToString();
  }
  out << "\n";
}

// Rules without a passing or a failing case (fail, partial and error count as failing), in pack
// order, each with what it lacks. Returns how many rules are covered both ways.
size_t PrintCoverage(const RulePack& pack, const std::vector<RuleTestFile>& files,
                     std::ostream& out) {
  std::map<const Rule*, std::pair<bool, bool>> seen;  // rule -> (passing case, failing case)
  for (const RuleTestFile& f : files) {
    for (const RuleTestCase& c : f.cases) {
      for (const RuleExpectation& e : c.expectations) {
        auto& [pass, fail] = seen[e.rule];
        pass = pass || e.outcome == "pass";
        fail = fail || e.outcome == "fail" || e.outcome == "partial" || e.outcome == "error";
      }
    }
  }
  size_t covered = 0;
  out << "\ncoverage:\n";
  for (const Rule& rule : pack.rules) {
    const auto [pass, fail] = seen[&rule];
    if (pass && fail) {
      ++covered;
      continue;
    }
    out << "untested  " << rule.id << "  "
        << (!pass && !fail ? "no passing case, no failing case"
            : !pass        ? "no passing case"
                           : "no failing case")
        << "\n";
  }
  out << covered << " of " << pack.rules.size() << " rules have a passing and a failing case\n";
  return covered;
}

std::string JUnit(const RulePack& pack, const std::vector<Result>& results) {
  size_t failures = 0;
  for (const Result& r : results) failures += r.met() ? 0 : 1;
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" << XmlEscape(pack.id)
    << " rule tests\" tests=\"" << results.size() << "\" failures=\"" << failures << "\">\n";
  for (const Rule& rule : pack.rules) {
    std::vector<const Result*> mine;
    size_t rule_failures = 0;
    for (const Result& r : results) {
      if (r.expectation->rule != &rule) continue;
      mine.push_back(&r);
      rule_failures += r.met() ? 0 : 1;
    }
    if (mine.empty()) continue;
    x << "  <testsuite name=\"" << XmlEscape(rule.id) << "\" tests=\"" << mine.size()
      << "\" failures=\"" << rule_failures << "\">\n";
    for (const Result* r : mine) {
      x << "    <testcase classname=\"" << XmlEscape(rule.id) << "\" name=\""
        << XmlEscape(r->test->name) << "\" file=\"" << XmlEscape(r->expectation->where.file)
        << "\" line=\"" << r->expectation->where.line << "\"";
      if (r->met()) {
        x << "/>\n";
        continue;
      }
      const std::string message = std::string("expected ") + r->expectation->outcome + ", got " +
                                  OutcomeId(r->finding.outcome);
      x << ">\n      <failure message=\"" << XmlEscape(message) << "\">"
        << XmlEscape(message + ": " + r->finding.reason) << "</failure>\n    </testcase>\n";
    }
    x << "  </testsuite>\n";
  }
  x << "</testsuites>\n";
  return x.str();
}

// A score in percent rounded down to one decimal, so that a printed 90.0% always meets 90.
std::string ScoreText(const MutationReport& report) {
  const size_t tenths = report.Count(MutantFate::kKilled) * 1000 / report.made();
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

// The mutation section after the summary line. Returns whether the score meets `threshold`.
bool PrintMutants(const MutationReport& report, double threshold, std::ostream& out) {
  out << "\nmutants: " << report.made() << " made, " << report.Count(MutantFate::kKilled)
      << " killed, " << report.Count(MutantFate::kSurvived) << " survived, "
      << report.Count(MutantFate::kNotCompiled) << " not compiled\n";
  for (const MutantResult& m : report.mutants) {
    if (m.fate != MutantFate::kSurvived) continue;
    out << "SURVIVED  " << m.rule->id << "  " << m.where.ToString() << ": " << m.description
        << "  (" << m.key << ")\n";
  }
  if (report.made() == 0) {
    out << "mutation score: none (no mutant was made)\n";
    return true;
  }
  out << "mutation score: " << ScoreText(report) << " (" << report.Count(MutantFate::kKilled)
      << " of " << report.made() << ")\n";
  if (report.Meets(threshold)) return true;
  out << "the mutation score is below --mutation-threshold " << threshold << "%\n";
  return false;
}

// Mutation testing of the pack against the cases that ran; the evidence schema's paths are
// read again so that mutants are checked as the rules were. Returns whether the score meets
// the threshold; schema problems go to `err` (they stopped the pack loading before, so none).
bool Mutate(const TestOptions& opts, const RulePack& pack, const RanCases& ran, std::ostream& out,
            std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  std::optional<std::map<std::string, expr::Type>> paths;
  if (!pack.evidence_schema.empty()) paths = LoadEvidenceSchemaPaths(pack.evidence_schema, diags);
  diags.RenderAll(err);
  const MutationReport report = RunMutationTests(pack, ran.cases, paths ? &*paths : nullptr);
  spdlog::debug(
      "mutation testing: {} mutants ({:.1f} ms)", report.mutants.size(),
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  return PrintMutants(report, opts.mutation_threshold, out);
}

// Where the tests of the pack `dir` are (a pack that is one file keeps them beside it).
std::string TestsFolder(const std::string& dir) {
  std::error_code ec;
  const fs::path root = fs::is_directory(dir, ec) ? fs::path(dir) : fs::path(dir).parent_path();
  return (root / "tests").lexically_normal().generic_string();
}

int Run(const TestOptions& opts, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(opts.rules, diags);
  std::optional<std::vector<RuleTestFile>> files;
  if (pack) files = LoadRuleTests(opts.rules, *pack, diags);
  std::vector<Result> results;
  RanCases ran;
  ScratchDir scratch;
  if (pack && files) {
    const std::vector<expr::Value> params = ParameterValues(ResolveParameters(*pack, {}));
    for (const RuleTestFile& f : *files) {
      for (const RuleTestCase& c : f.cases)
        RunCase(*pack, c, params, scratch, diags, results, opts.mutate ? &ran : nullptr);
    }
  }
  if (files && files->empty()) {
    diags.Error({TestsFolder(opts.rules)}, "no rule tests: a rule pack's tests are the files " +
                                               TestsFolder(opts.rules) +
                                               "/*.yaml, and there are none");
  }
  // Every input has been read: the JUnit report may replace none of them.
  if (!opts.junit.empty())
    CheckDestinations({opts.junit}, InputFolders(opts.rules), "JUnit report", diags);
  diags.RenderAll(err);
  if (!pack || !files || diags.HasErrors()) {
    PrintErrorCount(diags, "no tests run", err);
    return kExitInput;
  }
  size_t failed = 0;
  for (const Result& r : results) {
    PrintResult(r, out);
    failed += r.met() ? 0 : 1;
  }
  const size_t covered = PrintCoverage(*pack, *files, out);
  out << results.size() << " expectations: " << results.size() - failed << " met, " << failed
      << " not met\n";
  if (!opts.junit.empty() &&
      !WriteFiles({{opts.junit, JUnit(*pack, results)}}, "JUnit report", diags)) {
    diags.RenderAll(err);
    return kExitInput;
  }
  bool mutants_ok = true;
  if (opts.mutate && failed > 0) {
    out << "\nmutation testing not run: every expectation must be met by the unmutated pack "
           "first\n";
  } else if (opts.mutate) {
    mutants_ok = Mutate(opts, *pack, ran, out, err);
  }
  const bool coverage_missing = opts.require_coverage && covered < pack->rules.size();
  return failed > 0 || coverage_missing || !mutants_ok ? kExitFindings : kExitOk;
}

po::options_description Describe() {
  po::options_description d("options");
  DescribeRulesOption(d);
  // One option a line, as --help prints them:
  // clang-format off
  d.add_options()
      ("require-coverage", "exit 1 unless every rule has a passing and a failing case")
      ("junit", po::value<std::string>()->value_name("FILE"), "also write the results as JUnit XML to FILE")
      ("mutate", "then change each rule's check and partial one way at a time (< to <=, "
                 "== to !=, and to or, true to false, not dropped, a number, duration or number "
                 "parameter one unit up or down) and list the changes no test notices, with the "
                 "mutation score")
      ("mutation-threshold", po::value<double>()->value_name("P"),
       "with --mutate, exit 1 when the score (killed mutants, in percent) is below P (default 90)")
      ("verbose,v", "log timings to standard error")
      ("help,h", "show this help");
  // clang-format on
  return d;
}

// Parses the command line (the pack as --rules or as the one positional argument) into
// `opts`; returns the usage problem, or empty.
std::string Parse(const std::vector<std::string>& args, TestOptions& opts, bool& help) {
  po::variables_map vm;
  std::string problem = ParseArgsWithPack(args, Describe(), vm);
  if (!problem.empty()) return problem;
  help = vm.count("help") > 0;
  if (help) return {};
  if (problem = ParseRulesArgument(vm, opts.rules); !problem.empty()) return problem;
  opts.junit = vm.count("junit") ? vm["junit"].as<std::string>() : "";
  opts.require_coverage = vm.count("require-coverage") > 0;
  opts.mutate = vm.count("mutate") > 0;
  opts.verbose = vm.count("verbose") > 0;
  if (!vm.count("mutation-threshold")) return {};
  opts.mutation_threshold = vm["mutation-threshold"].as<double>();
  if (!opts.mutate) return "--mutation-threshold needs --mutate";
  if (!(opts.mutation_threshold >= 0 && opts.mutation_threshold <= 100)) {
    return "--mutation-threshold takes a percentage from 0 to 100";
  }
  return {};
}

}  // namespace

int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  TestOptions opts;
  bool help = false;
  const std::string problem = Parse(args, opts, help);
  if (help) {
    out << "usage: forcecheck test [[--rules] DIR|FILE] [--require-coverage] [--junit FILE]\n"
        << "                       [--mutate [--mutation-threshold P]]\n\n"
        << "runs the rule tests in DIR/tests/*.yaml (beside FILE, for a pack in one file)\n"
        << "against the rule pack\n\n"
        << Describe()
        << "\nexit codes: 0 every expectation met (and, as asked, coverage and mutation score);\n"
        << "            1 otherwise; 2 usage or input error (no test run)\n";
    return kExitOk;
  }
  if (!problem.empty()) return UsageError("test", problem, err);
  SetUpLogging(opts.verbose);
  return Run(opts, out, err);
}

}  // namespace forcecheck
