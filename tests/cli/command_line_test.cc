// The command line built once (cli/command_line.h, cli/inputs.h): every command takes the rule
// pack the same way, a usage error has one form whatever the command, and an unknown command,
// option, format or rule id is named with what it most likely misspells. Also the two things
// the tables of formats and functions add to the command line: `--report FILE` choosing the
// format by the file's name, and `forcecheck functions`.

#include <algorithm>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "expr/functions.h"

#include "testing/run_cli.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::CliRun;
using testing::RunCommand;
using testing::Slurp;
using testing::TempDir;

const std::string kSource = FORCECHECK_SOURCE_DIR;
const std::string kRules = kSource + "/rules";
const std::string kEvidence = kSource + "/examples/west-midlands-2016/evidence.yaml";
// A small pack with rule tests (one expectation not met: exit 1).
const std::string kTestedPack = kSource + "/tests/e2e/cases/rule-tests/pack";

std::string Usage(const std::string& command, const std::string& message) {
  return "forcecheck " + command + ": error: " + message + "\nrun 'forcecheck " + command +
         " --help' for usage\n";
}

// ---- the rule pack, taken alike ---------------------------------------------------------------

class RulesRequiredTest : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(RulesRequiredTest, SaysSoInOneForm) {
  const std::vector<std::string> args = GetParam();
  const CliRun r = RunCommand(args);
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, Usage(args[0], "--rules is required"));
}

INSTANTIATE_TEST_SUITE_P(
    EveryCommand, RulesRequiredTest,
    ::testing::Values(std::vector<std::string>{"check", "-e", "evidence.yaml"},
                      std::vector<std::string>{"explain", "VET-001", "-e", "evidence.yaml"},
                      std::vector<std::string>{"init"}, std::vector<std::string>{"lint"},
                      std::vector<std::string>{"test", "--require-coverage"}),
    [](const auto& p) { return p.param[0]; });

TEST(PackArgumentTest, LintTakesThePackAsAnArgumentOrAsRules) {
  const CliRun positional = RunCommand({"lint", kRules});
  const CliRun option = RunCommand({"lint", "--rules", kRules});
  const CliRun short_option = RunCommand({"lint", "-r", kRules});
  EXPECT_EQ(positional.exit, kExitOk) << positional.err;
  EXPECT_EQ(positional.err, "");
  EXPECT_EQ(positional.out.rfind("peel-legitimacy ", 0), 0u) << positional.out;
  EXPECT_EQ(option.out, positional.out);
  EXPECT_EQ(short_option.out, positional.out);
}

TEST(PackArgumentTest, TestTakesThePackAsAnArgumentOrAsRules) {
  const CliRun positional = RunCommand({"test", kTestedPack});
  const CliRun option = RunCommand({"test", "--rules", kTestedPack});
  EXPECT_EQ(positional.exit, kExitFindings) << positional.err;
  EXPECT_NE(positional.out.find("\n7 expectations: 6 met, 1 not met\n"), std::string::npos)
      << positional.out;
  EXPECT_EQ(option.exit, positional.exit);
  EXPECT_EQ(option.out, positional.out);
  EXPECT_EQ(option.err, positional.err);
}

TEST(PackArgumentTest, RefusesThePackTwice) {
  EXPECT_EQ(RunCommand({"lint", kRules, "--rules", kRules}).err,
            Usage("lint", "option '--rules' cannot be specified more than once"));
  EXPECT_EQ(RunCommand({"test", kRules, "-r", kRules}).err,
            Usage("test", "option '--rules' cannot be specified more than once"));
  EXPECT_EQ(RunCommand({"lint", kRules, kRules}).err,
            Usage("lint", "too many positional options have been specified on the command line"));
}

// ---- check and explain read --as-of, --set and --params alike ---------------------------------

class InputOptionsTest : public ::testing::TestWithParam<std::string> {
 protected:
  CliRun Run(const std::vector<std::string>& options) {
    std::vector<std::string> args = {GetParam()};
    if (GetParam() == "explain") args.push_back("VET-001");
    for (const std::string& a : {std::string("-r"), kRules, std::string("-e"), kEvidence})
      args.push_back(a);
    args.insert(args.end(), options.begin(), options.end());
    return RunCommand(args);
  }
};

TEST_P(InputOptionsTest, RefusesABadDate) {
  const CliRun r = Run({"--as-of", "31/03/2016"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, Usage(GetParam(), "--as-of takes a date written YYYY-MM-DD, not '31/03/2016'"));
}

TEST_P(InputOptionsTest, RefusesASetWithoutAValue) {
  const CliRun r = Run({"--set", "vetting_tolerance_percent"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err,
            Usage(GetParam(), "--set takes ID=VALUE, such as --set edr_completion_target=75, not "
                              "'vetting_tolerance_percent'"));
}

TEST_P(InputOptionsTest, RefusesAParameterFileThatIsMissing) {
  const CliRun r = Run({"--params", "/nonexistent/params.yaml"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, "/nonexistent/params.yaml: error: cannot read file: no such file\n"
                   "forcecheck: 1 error; no report written\n");
}

TEST_P(InputOptionsTest, NamesTheOptionAMisspeltOneMeant) {
  const CliRun r = Run({"--alow-outside-registers"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, Usage(GetParam(), "unrecognised option '--alow-outside-registers'; did you mean "
                                     "'--allow-outside-registers'?"));
}

INSTANTIATE_TEST_SUITE_P(CheckAndExplain, InputOptionsTest, ::testing::Values("check", "explain"));

// ---- did you mean -----------------------------------------------------------------------------

TEST(SuggestionTest, NamesTheCommandAMisspeltOneMeant) {
  EXPECT_EQ(RunCommand({"chekc"}).err, "forcecheck: error: unknown command 'chekc'; did you mean "
                                       "'check'?\nrun 'forcecheck --help' for usage\n");
  EXPECT_EQ(RunCommand({"function"}).err,
            "forcecheck: error: unknown command 'function'; did you mean 'functions'?\n"
            "run 'forcecheck --help' for usage\n");
}

TEST(SuggestionTest, ListsTheCommandsWhenNoneIsClose) {
  const CliRun r = RunCommand({"frobnicate"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err,
            "forcecheck: error: unknown command 'frobnicate'; the commands are 'check', 'explain', "
            "'functions', 'init', 'lint' and 'test'\nrun 'forcecheck --help' for usage\n");
}

TEST(SuggestionTest, NamesTheOptionAMisspeltOneMeant) {
  EXPECT_EQ(RunCommand({"check", "-r", kRules, "--evidnce", kEvidence}).err,
            Usage("check", "unrecognised option '--evidnce'; did you mean '--evidence'?"));
  EXPECT_EQ(RunCommand({"test", kTestedPack, "--require-coverege"}).err,
            Usage("test",
                  "unrecognised option '--require-coverege'; did you mean '--require-coverage'?"));
  EXPECT_EQ(RunCommand({"init", "-r", kRules, "--outptu", "x.yaml"}).err,
            Usage("init", "unrecognised option '--outptu'; did you mean '--output'?"));
}

TEST(SuggestionTest, SuggestsNoOptionWhenNoneIsClose) {
  EXPECT_EQ(RunCommand({"lint", "--frobnicate"}).err,
            Usage("lint", "unrecognised option '--frobnicate'"));
}

TEST(SuggestionTest, NeverSuggestsAPositionalArgumentsName) {  // explain's RULE is read as "rule"
  EXPECT_EQ(RunCommand({"explain", "--rulez", kRules}).err,
            Usage("explain", "unrecognised option '--rulez'; did you mean '--rules'?"));
}

TEST(SuggestionTest, NamesTheRuleAMisspeltIdMeant) {
  const CliRun r = RunCommand({"explain", "VET-01", "-r", kRules, "-e", kEvidence});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "forcecheck explain: error: no rule 'VET-01' in the pack; did you mean 'VET-001'?\n");
  EXPECT_EQ(RunCommand({"explain", "NOPE-12345", "-r", kRules, "-e", kEvidence}).err,
            "forcecheck explain: error: no rule 'NOPE-12345' in the pack\n");
}

TEST(SuggestionTest, NamesTheFormatAMisspeltOneMeant) {
  EXPECT_EQ(RunCommand({"check", "-r", kRules, "-e", kEvidence, "--format", "jsno"}).err,
            Usage("check", "unknown format 'jsno'; did you mean 'json'?"));
  EXPECT_EQ(RunCommand({"check", "-r", kRules, "-e", kEvidence, "--format", "pdf"}).err,
            Usage("check",
                  "unknown format 'pdf' (formats: text, json, sarif, junit, markdown, html, csv)"));
}

// ---- --report FILE ----------------------------------------------------------------------------

TEST(ReportByFileNameTest, WritesTheFormatTheNameEndsIn) {
  TempDir dir;
  const CliRun named =
      RunCommand({"check", "-r", kRules, "-e", kEvidence, "--fail-on", "none", "--report",
                  "sarif=" + dir.Path("a.sarif"), "--report", "csv=" + dir.Path("a.csv")});
  ASSERT_EQ(named.exit, kExitOk) << named.err;
  const CliRun chosen =
      RunCommand({"check", "-r", kRules, "-e", kEvidence, "--fail-on", "none", "--report",
                  dir.Path("b.sarif.json"), "--report", dir.Path("B.CSV")});
  ASSERT_EQ(chosen.exit, kExitOk) << chosen.err;
  EXPECT_EQ(chosen.out, named.out);
  EXPECT_EQ(Slurp(dir.Path("b.sarif.json")), Slurp(dir.Path("a.sarif")));
  EXPECT_EQ(Slurp(dir.Path("B.CSV")), Slurp(dir.Path("a.csv")));
}

TEST(ReportByFileNameTest, RefusesANameThatEndsInNoFormat) {
  const CliRun r =
      RunCommand({"check", "-r", kRules, "-e", kEvidence, "--report", "out/report.pdf"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err,
            Usage("check",
                  "--report takes FORMAT=FILE, or a FILE whose name ends in one of .txt, .json, "
                  ".sarif, .sarif.json, .junit.xml, .xml, .md, .markdown, .html, .htm, .csv, not "
                  "'out/report.pdf'"));
}

// ---- forcecheck functions ---------------------------------------------------------------------

TEST(FunctionsCommandTest, PrintsEveryFunctionOneALine) {
  const CliRun r = RunCommand({"functions"});
  EXPECT_EQ(r.exit, kExitOk);
  EXPECT_EQ(r.err, "");
  const size_t lines = static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
  EXPECT_EQ(lines, expr::AllFunctions().size());
  EXPECT_EQ(
      r.out.rfind("all(C, condition)              true when every element meets the condition; "
                  "three-valued: one false decides\n",
                  0),
      0u)
      << r.out;
  EXPECT_NE(r.out.find("\ncount(C), count(C, condition)  how many elements there are (that meet "
                       "the condition)\n"),
            std::string::npos)
      << r.out;
}

TEST(FunctionsCommandTest, IsListedByHelp) {
  const CliRun r = RunCommand({"--help"});
  EXPECT_NE(r.out.find("\n  functions  list the rule language's functions, how each is called and "
                       "what it gives\n"),
            std::string::npos)
      << r.out;
}

TEST(FunctionsCommandTest, TakesNoArgument) {
  const CliRun r = RunCommand({"functions", "count"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, Usage("functions",
                         "too many positional options have been specified on the command line"));
}

}  // namespace
}  // namespace forcecheck
