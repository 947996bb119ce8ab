// `forcecheck test DIR`: run a rule pack's own tests (DIR/tests/*.yaml, format in
// docs/formats.md) and report, expectation by expectation, whether each rule gave the outcome
// its test expects; then which rules lack a passing or a failing case.
//
// Text output, one line per expectation:
//   PASS  VET-002  aftercare in place passes
//   FAIL  VET-002  aftercare missing fails: expected fail, got pass (why: ...)
// then a coverage section and a summary line. --junit FILE writes the same results as JUnit
// XML: one <testsuite> per rule (in pack order), one <testcase> per expectation, named by case.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "report/escape.h"
#include "report/write_file.h"
#include "rules/parameters.h"
#include "rules/rule_pack_loader.h"
#include "rules/rule_tests.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

struct TestOptions {
  std::string dir;
  std::string junit;  // empty: none
  bool require_coverage = false;
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
    const std::string file = (fs::path(path_) / ("case-" + std::to_string(++count_) + ".yaml")).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::string path_;
  int count_ = 0;
};

// Loads one case's evidence and evaluates the rules it expects outcomes of. Evidence errors go
// to `diags`.
void RunCase(const RulePack& pack, const RuleTestCase& test, const std::vector<expr::Value>& params,
             ScratchDir& scratch, Diagnostics& diags, std::vector<Result>& results) {
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
size_t PrintCoverage(const RulePack& pack, const std::vector<RuleTestFile>& files, std::ostream& out) {
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
        << (!pass && !fail ? "no passing case, no failing case" : !pass ? "no passing case" : "no failing case")
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
      x << "    <testcase classname=\"" << XmlEscape(rule.id) << "\" name=\"" << XmlEscape(r->test->name)
        << "\" file=\"" << XmlEscape(r->expectation->where.file) << "\" line=\"" << r->expectation->where.line
        << "\"";
      if (r->met()) {
        x << "/>\n";
        continue;
      }
      const std::string message = std::string("expected ") + r->expectation->outcome + ", got " +
                                  OutcomeId(r->finding.outcome);
      x << ">\n      <failure message=\"" << XmlEscape(message) << "\">" << XmlEscape(message + ": " + r->finding.reason)
        << "</failure>\n    </testcase>\n";
    }
    x << "  </testsuite>\n";
  }
  x << "</testsuites>\n";
  return x.str();
}

int Run(const TestOptions& opts, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(opts.dir, diags);
  std::optional<std::vector<RuleTestFile>> files;
  if (pack) files = LoadRuleTests(opts.dir, *pack, diags);
  std::vector<Result> results;
  ScratchDir scratch;
  if (pack && files) {
    const std::vector<expr::Value> params = ParameterValues(ResolveParameters(*pack, {}));
    for (const RuleTestFile& f : *files) {
      for (const RuleTestCase& c : f.cases) RunCase(*pack, c, params, scratch, diags, results);
    }
  }
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
  out << results.size() << " expectations: " << results.size() - failed << " met, " << failed << " not met\n";
  if (!opts.junit.empty()) {
    if (std::string problem = WriteFileAtomically(opts.junit, JUnit(*pack, results)); !problem.empty()) {
      err << opts.junit << ": error: cannot write the JUnit report: " << problem << "\n";
      return kExitInput;
    }
  }
  const bool coverage_missing = opts.require_coverage && covered < pack->rules.size();
  return failed > 0 || coverage_missing ? kExitFindings : kExitOk;
}

}  // namespace

int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description d("options");
  d.add_options()
      ("require-coverage", "exit 1 unless every rule has a passing and a failing case")
      ("junit", po::value<std::string>()->value_name("FILE"), "also write the results as JUnit XML to FILE")
      ("help,h", "show this help");
  po::options_description all;
  all.add(d).add_options()("dir", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "forcecheck test: error: " << e.what() << "\nrun 'forcecheck test --help' for usage\n";
    return kExitInput;
  }
  if (vm.count("help")) {
    out << "usage: forcecheck test DIR [--require-coverage] [--junit FILE]\n\n"
        << "runs the rule tests in DIR/tests/*.yaml against the rule pack DIR\n\n" << d;
    return kExitOk;
  }
  if (!vm.count("dir")) {
    err << "forcecheck test: error: a rule pack directory is required\nrun 'forcecheck test --help' for usage\n";
    return kExitInput;
  }
  TestOptions opts{vm["dir"].as<std::string>(), vm.count("junit") ? vm["junit"].as<std::string>() : "",
                   vm.count("require-coverage") > 0};
  return Run(opts, out, err);
}

}  // namespace forcecheck
