#include "rules/parameters.h"

#include <gtest/gtest.h>

#include "eval/evaluate.h"

#include "testing/load_text.h"
#include "testing/test_pack.h"

namespace forcecheck {
namespace {

using expr::Type;
using expr::Value;
using testing::LoadEvidenceText;
using testing::LoadPackText;
using testing::RenderAll;
using testing::TempDir;

// A pack header with a `parameters:` list at line 5; `parameters` gives its items.
std::string PackWith(const std::string& parameters,
                     const std::string& check = "vetting.backlog <= params.tolerance") {
  return std::string(testing::kTestPackHead) + "  parameters:\n" + parameters +
         "  scales:\n"
         "    - {id: four, title: Four, bands: [{grade: good, min: 50}, {grade: poor, min: 0}]}\n"
         "  questions: [{id: ethics, title: Ethics}]\n"
         "  areas: [{id: ethics/vetting, title: Vetting}]\n"
         "rules:\n"
         "  - {id: VET-001, check: \"" +
         check +
         "\", title: T, area: ethics/vetting, severity: high, "
         "weight: 1, source: {document: D, section: S, year: 2016}, rationale: r, gap: g, "
         "remediation: m}\n";
}

constexpr const char* kTolerance = "    - {id: tolerance, type: number, default: 10, unit: cases, "
                                   "local_choice: true, description: d}\n";

// The quoted source line and caret that follow a rendered diagnostic at column `column`.
std::string Quote(const std::string& line, size_t column) {
  return "  " + line + "\n" + std::string(column + 1, ' ') + "^\n";
}

class ParameterLoaderTest : public ::testing::Test {
 protected:
  std::string Errors(const std::string& parameters) {
    Diagnostics diags;
    EXPECT_EQ(LoadRulePack(dir_.Write("pack.yaml", PackWith(parameters)), diags), std::nullopt);
    return RenderAll(diags);
  }
  std::string Pack() const { return dir_.Path("pack.yaml"); }

  TempDir dir_;
};

TEST_F(ParameterLoaderTest, LoadsDeclarations) {
  RulePack pack = LoadPackText(
      dir_, PackWith(std::string(kTolerance) +
                     "    - {id: window, type: duration, default: 6mo, description: d, "
                     "source: 'APP 2017, 3.1'}\n"));
  ASSERT_EQ(pack.parameters.size(), 2u);
  const Parameter& t = pack.parameters[0];
  EXPECT_EQ(t.id, "tolerance");
  EXPECT_EQ(t.type, Type::kNumber);
  EXPECT_EQ(t.default_value.number(), 10);
  EXPECT_EQ(t.unit, "cases");
  EXPECT_TRUE(t.local_choice);
  EXPECT_EQ(t.where, (SourceLocation{Pack(), 6, 7}));
  const Parameter& w = pack.parameters[1];
  EXPECT_EQ(w.type, Type::kDuration);
  EXPECT_EQ(w.default_value.ToString(), "6mo");
  EXPECT_FALSE(w.local_choice);
  EXPECT_EQ(w.source, "APP 2017, 3.1");
}

TEST_F(ParameterLoaderTest, ReportsUnknownKey) {
  EXPECT_EQ(Errors("    - {id: tolerance, type: number, default: 10, local_choice: true, "
                   "description: d, max: 5}\n"),
            Pack() +
                ":6:86: error: unknown key 'max' in a parameter; expected one of 'id', 'type', "
                "'default', "
                "'unit', 'description', 'local_choice' and 'source'\n" +
                Quote("    - {id: tolerance, type: number, default: 10, local_choice: true, "
                      "description: d, max: 5}",
                      86));
}

TEST_F(ParameterLoaderTest, ReportsDefaultOfTheWrongType) {
  EXPECT_EQ(Errors("    - {id: tolerance, type: number, default: ten, local_choice: true, "
                   "description: d}\n"),
            Pack() +
                ":6:46: error: the default of parameter 'tolerance' must be a number, not text "
                "('ten')\n" +
                Quote("    - {id: tolerance, type: number, default: ten, local_choice: true, "
                      "description: d}",
                      46));
}

TEST_F(ParameterLoaderTest, ReportsDurationWrittenAsNumber) {
  EXPECT_EQ(
      Errors(
          std::string(kTolerance) +
          "    - {id: window, type: duration, default: 6, local_choice: true, description: d}\n"),
      Pack() +
          ":7:45: error: the default of parameter 'window' must be a duration such as 6mo, 42d or "
          "10y, not a number ('6')\n" +
          Quote(
              "    - {id: window, type: duration, default: 6, local_choice: true, description: d}",
              45));
}

TEST_F(ParameterLoaderTest, ReportsDuplicateId) {
  EXPECT_EQ(Errors(std::string(kTolerance) + kTolerance),
            Pack() + ":7:7: error: duplicate parameter id 'tolerance' (first defined at " + Pack() +
                ":6:7)\n" +
                Quote("    - {id: tolerance, type: number, default: 10, unit: cases, local_choice: "
                      "true, description: d}",
                      7));
}

TEST_F(ParameterLoaderTest, ReportsUnknownType) {
  EXPECT_EQ(
      Errors("    - {id: tolerance, type: integer, default: 10, local_choice: true, description: "
             "d}\n"),
      Pack() +
          ":6:29: error: unknown parameter type 'integer'; expected one of 'number', 'duration', "
          "'date', 'text' and 'boolean'\n" +
          Quote("    - {id: tolerance, type: integer, default: 10, local_choice: true, "
                "description: d}",
                29));
}

TEST_F(ParameterLoaderTest, NeedsLocalChoiceOrSource) {
  EXPECT_EQ(
      Errors("    - {id: tolerance, type: number, default: 10, description: d}\n"),
      Pack() +
          ":6:7: error: parameter 'tolerance' must be marked 'local_choice: true' or cite its "
          "'source'\n" +
          Quote("    - {id: tolerance, type: number, default: 10, description: d}", 7));
}

TEST_F(ParameterLoaderTest, ChecksExpressionsAgainstDeclaredType) {
  Diagnostics diags;
  EXPECT_EQ(LoadRulePack(dir_.Write("pack.yaml", PackWith(kTolerance, "params.tolerance == 'ten'")),
                         diags),
            std::nullopt);
  EXPECT_EQ(
      RenderAll(diags).substr(0, RenderAll(diags).find('\n')),
      Pack() +
          ":12:27: error: in 'check': '==' compares a number with text, which are never equal");
}

// ---- values and overrides ---------------------------------------------------------------------

TEST(ParameterValueTest, ParsesEachType) {
  EXPECT_EQ(ParseParameterValue(Type::kNumber, "7.5")->number(), 7.5);
  EXPECT_EQ(ParseParameterValue(Type::kNumber, "abc"), std::nullopt);
  EXPECT_EQ(ParseParameterValue(Type::kNumber, "nan"), std::nullopt);
  EXPECT_EQ(ParseParameterValue(Type::kDuration, "6mo")->ToString(), "6mo");
  EXPECT_EQ(ParseParameterValue(Type::kDuration, "42d")->ToString(), "42d");
  EXPECT_EQ(ParseParameterValue(Type::kDuration, "6"), std::nullopt);
  EXPECT_EQ(ParseParameterValue(Type::kDuration, "6m"), std::nullopt);
  EXPECT_EQ(ParseParameterValue(Type::kDate, "2016-03-31")->ToString(), "2016-03-31");
  EXPECT_EQ(ParseParameterValue(Type::kDate, "2016-02-30"), std::nullopt);
  EXPECT_EQ(ParseParameterValue(Type::kBool, "true")->boolean(), true);
  EXPECT_EQ(ParseParameterValue(Type::kBool, "yes"), std::nullopt);
  EXPECT_EQ(FormatParameterValue(*ParseParameterValue(Type::kText, "quarterly")), "quarterly");
}

class ParameterOverrideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_ = LoadPackText(dir_, PackWith(kTolerance));
    evidence_ = LoadEvidenceText(
        dir_, "force: Test Police\nas_of: 2016-03-31\nevidence:\n  vetting:\n    backlog: 12\n");
  }
  Outcome Run(const std::vector<ParameterOverride>& overrides) {
    const std::vector<ParameterSetting> settings = ResolveParameters(pack_, overrides);
    return Evaluate(pack_, evidence_, EvalOptions{evidence_.as_of, ParameterValues(settings)})[0]
        .outcome;
  }

  TempDir dir_;
  RulePack pack_;
  Evidence evidence_;
  Diagnostics diags_;
};

TEST_F(ParameterOverrideTest, DefaultApplies) {
  EXPECT_EQ(Run({}), Outcome::kFail);  // 12 > 10
  EXPECT_EQ(Evaluate(pack_, evidence_, EvalOptions{evidence_.as_of})[0].outcome, Outcome::kFail);
}

TEST_F(ParameterOverrideTest, SetChangesTheOutcome) {
  std::vector<ParameterOverride> set = ParseSetOptions(pack_, {"tolerance=15"}, diags_);
  EXPECT_EQ(RenderAll(diags_), "");
  EXPECT_EQ(Run(set), Outcome::kPass);
  const std::vector<ParameterSetting> settings = ResolveParameters(pack_, set);
  EXPECT_TRUE(settings[0].overridden);
  EXPECT_EQ(settings[0].origin, "--set");
}

TEST_F(ParameterOverrideTest, SetWinsOverTheFile) {
  const std::string file = dir_.Write("params.yaml", "# local settings\ntolerance: 20\n");
  std::optional<std::vector<ParameterOverride>> overrides = LoadParameterFile(file, pack_, diags_);
  ASSERT_TRUE(overrides) << RenderAll(diags_);
  EXPECT_EQ(Run(*overrides), Outcome::kPass);
  EXPECT_EQ(ResolveParameters(pack_, *overrides)[0].origin, file + ":2:1");
  for (ParameterOverride& o : ParseSetOptions(pack_, {"tolerance=11"}, diags_))
    overrides->push_back(o);
  EXPECT_EQ(Run(*overrides), Outcome::kFail);
  EXPECT_EQ(ResolveParameters(pack_, *overrides)[0].value.number(), 11);
}

TEST_F(ParameterOverrideTest, ReportsBadSetOptions) {
  ParseSetOptions(pack_, {"tolerence=5", "tolerance=many"}, diags_);
  EXPECT_EQ(RenderAll(diags_),
            "error: --set tolerence=5: unknown parameter 'tolerence'; did you mean 'tolerance'?\n"
            "error: --set tolerance=many: parameter 'tolerance' takes a number, not 'many'\n");
}

TEST_F(ParameterOverrideTest, ReportsBadParameterFile) {
  const std::string file = dir_.Write("params.yaml", "tolerance: many\ntolerence: 5\n");
  EXPECT_EQ(LoadParameterFile(file, pack_, diags_), std::nullopt);
  EXPECT_EQ(RenderAll(diags_),
            file +
                ":1:12: error: parameter 'tolerance' takes a number, not text ('many')\n"
                "  tolerance: many\n"
                "             ^\n" +
                file +
                ":2:1: error: unknown parameter 'tolerence'; did you mean 'tolerance'?\n"
                "  tolerence: 5\n"
                "  ^\n");
}

}  // namespace
}  // namespace forcecheck
