#include "rules/rule_pack_loader.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "testing/test_pack.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

// pack.yaml of a directory pack: one scale, one question, one area (lines 1 to 18).
const std::string kPackYaml =
    std::string(testing::kTestPackHead) + testing::FourStepScales(false) + R"(  questions:
    - id: ethics
      title: Ethics
  areas:
    - id: ethics/vetting
      title: Vetting
)";

// A complete rule (10 lines) in the area above, as an item of a `rules:` list.
std::string RuleYaml(const std::string& id, const std::string& check = "vetting.done == true") {
  return "  - id: " + id +
         "\n"
         "    title: Rule " +
         id +
         "\n"
         "    area: ethics/vetting\n"
         "    severity: high\n"
         "    weight: 3\n"
         "    source: {document: Report, section: Vetting, year: 2016}\n"
         "    rationale: why it matters\n"
         "    check: " +
         check +
         "\n"
         "    gap: not done\n"
         "    remediation: do it\n";
}

class RulePackLoaderTest : public ::testing::Test {
 protected:
  // Loads a directory pack: kPackYaml and `rules` as rules.yaml.
  std::optional<RulePack> LoadWithRules(const std::string& rules) {
    dir_.Write("pack.yaml", kPackYaml);
    dir_.Write("rules.yaml", rules);
    return LoadRulePack(dir_.path(), diags_);
  }

  // Loads `text` as a single-file pack.
  std::optional<RulePack> LoadFile(const std::string& text) {
    return LoadRulePack(dir_.Write("pack.yaml", text), diags_);
  }

  std::string Errors() const { return RenderAll(diags_); }
  std::string Rules() const { return dir_.Path("rules.yaml"); }
  std::string Pack() const { return dir_.Path("pack.yaml"); }

  TempDir dir_;
  Diagnostics diags_;
};

// ---- valid packs ------------------------------------------------------------------------------

TEST_F(RulePackLoaderTest, LoadsSingleFilePack) {
  std::optional<RulePack> pack = LoadFile(std::string(kPackYaml) +
                                          "  description: >\n"
                                          "    What inspectors\n"
                                          "    look for.\n"
                                          "rules:\n" +
                                          RuleYaml("VET-001") +
                                          "    cause_of_concern: national\n"
                                          "    partial: vetting.planned\n");
  ASSERT_TRUE(pack.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
  EXPECT_EQ(pack->id, "test-pack");
  EXPECT_EQ(pack->title, "Test pack");
  EXPECT_EQ(pack->version, "0.1.0");
  EXPECT_EQ(pack->description, "What inspectors look for.");
  EXPECT_EQ(pack->grading.scale, "four");  // defaults to the first scale
  EXPECT_EQ(pack->grading.partial_credit, 0.5);
  EXPECT_EQ(pack->grading.not_assessed, NotAssessedPolicy::kExclude);
  EXPECT_EQ(pack->grading.min_coverage, 0.5);
  EXPECT_EQ(pack->grading.min_rules, 1);
  EXPECT_EQ(pack->grading.area, Aggregation::kScore);
  EXPECT_EQ(pack->grading.question, Aggregation::kScore);
  EXPECT_EQ(pack->grading.overall, Aggregation::kMedian);
  EXPECT_EQ(pack->grading.aggregation_source, "");
  ASSERT_EQ(pack->scales.size(), 1u);
  const Scale& s = pack->scales[0];
  EXPECT_EQ(s.id, "four");
  EXPECT_EQ(s.title, "Four steps");
  ASSERT_EQ(s.bands.size(), 4u);
  EXPECT_EQ(s.bands[2].grade, "requires improvement");
  EXPECT_EQ(s.bands[2].min, 40);
  EXPECT_EQ(s.cause_of_concern_cap, "");
  ASSERT_EQ(pack->questions.size(), 1u);
  EXPECT_EQ(pack->questions[0].id, "ethics");
  ASSERT_EQ(pack->areas.size(), 1u);
  EXPECT_EQ(pack->areas[0].id, "ethics/vetting");
  EXPECT_EQ(pack->areas[0].question(), "ethics");
  ASSERT_EQ(pack->rules.size(), 1u);
  const Rule& r = pack->rules[0];
  EXPECT_EQ(r.id, "VET-001");
  EXPECT_EQ(r.title, "Rule VET-001");
  EXPECT_EQ(r.area, "ethics/vetting");
  EXPECT_EQ(r.severity, Severity::kHigh);
  EXPECT_EQ(r.weight, 3);
  EXPECT_EQ(r.cause_of_concern, CauseOfConcern::kNational);
  EXPECT_EQ(r.source.ToString(), "Report, Vetting (2016)");
  EXPECT_EQ(r.rationale, "why it matters");
  EXPECT_EQ(r.gap, "not done");
  EXPECT_EQ(r.remediation, "do it");
  EXPECT_EQ(r.where, (SourceLocation{Pack(), 23, 9}));
  EXPECT_EQ(r.area_where, (SourceLocation{Pack(), 25, 11}));
  EXPECT_EQ(r.check.text, "vetting.done == true");
  ASSERT_NE(r.check.ast, nullptr);
  EXPECT_EQ(r.check.At(0), (SourceLocation{Pack(), 30, 12}));
  EXPECT_EQ(r.check.At(13), (SourceLocation{Pack(), 30, 25}));
  ASSERT_TRUE(r.partial.has_value());
  EXPECT_EQ(r.partial->text, "vetting.planned");
  EXPECT_EQ(pack->FindRule("VET-001"), &pack->rules[0]);
}

TEST_F(RulePackLoaderTest, ReadsGradingSettings) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0,
               "  grading:\n"
               "    scale: four\n"
               "    partial_credit: 0.25\n"
               "    not_assessed: fail\n"
               "    min_coverage: 0.8\n"
               "    min_rules: 3\n"
               "    aggregation:\n"
               "      area: score\n"
               "      question: worst\n"
               "      overall: score\n"
               "      source: HMIC, how we inspect\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  std::optional<RulePack> loaded = LoadRulePack(dir_.path(), diags_);
  ASSERT_TRUE(loaded.has_value()) << Errors();
  EXPECT_EQ(loaded->grading.scale, "four");
  EXPECT_EQ(loaded->grading.partial_credit, 0.25);
  EXPECT_EQ(loaded->grading.not_assessed, NotAssessedPolicy::kFail);
  EXPECT_EQ(loaded->grading.min_coverage, 0.8);
  EXPECT_EQ(loaded->grading.min_rules, 3);
  EXPECT_EQ(loaded->grading.area, Aggregation::kScore);
  EXPECT_EQ(loaded->grading.question, Aggregation::kWorst);
  EXPECT_EQ(loaded->grading.overall, Aggregation::kScore);
  EXPECT_EQ(loaded->grading.aggregation_source, "HMIC, how we inspect");
}

TEST_F(RulePackLoaderTest, LoadsDirectoryInSortedPathOrderSkippingTests) {
  dir_.Write("pack.yaml", kPackYaml);
  dir_.Write("b.yaml", "rules:\n" + RuleYaml("B-1") + RuleYaml("B-2"));
  dir_.Write("a.yaml", "rules:\n" + RuleYaml("A-1"));
  dir_.Write("sub/c.yml", "rules:\n" + RuleYaml("C-1"));
  dir_.Write("notes.txt", "not yaml: [");
  // Rule tests live under `tests/` and are not rules: these would be errors if read.
  dir_.Write("tests/case.yaml", "evidence: {}\n");
  dir_.Write("sub/tests/case.yaml", "{{{");
  std::optional<RulePack> pack = LoadRulePack(dir_.path(), diags_);
  ASSERT_TRUE(pack.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
  std::vector<std::string> ids;
  for (const Rule& r : pack->rules) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"A-1", "B-1", "B-2", "C-1"}));
  EXPECT_EQ(pack->rules[0].where, (SourceLocation{dir_.Path("a.yaml"), 2, 9}));
  EXPECT_EQ(pack->rules[2].where, (SourceLocation{dir_.Path("b.yaml"), 12, 9}));
  EXPECT_EQ(pack->rules[3].check.file, dir_.Path("sub/c.yml"));
}

TEST_F(RulePackLoaderTest, LoadsDirectoryNamedWithTrailingSlash) {
  dir_.Write("pack.yaml", kPackYaml);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  std::optional<RulePack> pack = LoadRulePack(dir_.path() + "/", diags_);
  EXPECT_EQ(Errors(), "");
  ASSERT_TRUE(pack.has_value());
  ASSERT_EQ(pack->rules.size(), 1u);
  EXPECT_EQ(pack->rules[0].id, "VET-001");
}

TEST_F(RulePackLoaderTest, ReadsExpressionInFoldedBlock) {
  std::optional<RulePack> pack =
      LoadWithRules("rules:\n" + RuleYaml("VET-001", ">\n"
                                                     "      vetting.done == true and\n"
                                                     "      vetting.backlog == 0"));
  ASSERT_TRUE(pack.has_value()) << Errors();
  EXPECT_EQ(pack->rules[0].check.text, "vetting.done == true and vetting.backlog == 0\n");
  // "vetting.backlog" starts the block's second line, line 11 of the file.
  EXPECT_EQ(pack->rules[0].check.At(25), (SourceLocation{Rules(), 11, 7}));
}

// ---- structural errors ------------------------------------------------------------------------

TEST_F(RulePackLoaderTest, ReportsDuplicateRuleIdAtSecondWithFirstLocation) {
  dir_.Write("pack.yaml", kPackYaml);
  dir_.Write("a.yaml", "rules:\n" + RuleYaml("VET-001"));
  dir_.Write("b.yaml", "rules:\n" + RuleYaml("VET-002") + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), dir_.Path("b.yaml") +
                          ":12:9: error: duplicate rule id 'VET-001' (first defined at " +
                          dir_.Path("a.yaml") +
                          ":2:9)\n"
                          "    - id: VET-001\n"
                          "          ^\n");
}

TEST_F(RulePackLoaderTest, ReportsDuplicateYamlKey) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001") + "    weight: 5\n"), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":12:5: error: duplicate key 'weight' in a rule\n"
                                "      weight: 5\n"
                                "      ^\n");
}

TEST_F(RulePackLoaderTest, ReportsUnknownKeyWithTheKeyMeant) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001") + "    severty: low\n"), std::nullopt);
  EXPECT_EQ(Errors(),
            Rules() + ":12:5: error: unknown key 'severty' in a rule; did you mean 'severity'?\n"
                      "      severty: low\n"
                      "      ^\n");
}

TEST_F(RulePackLoaderTest, ReportsUnknownKeyInPackListingExpectedKeys) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0, "  author: me\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() +
                          ":5:3: error: unknown key 'author' in 'pack'; expected one of 'id', "
                          "'title', 'version', 'description', 'evidence_schema', 'parameters', "
                          "'grading', 'scales', 'questions' and 'areas'\n"
                          "    author: me\n"
                          "    ^\n");
}

TEST_F(RulePackLoaderTest, ReportsWrongTypes) {
  std::string rule = RuleYaml("VET-001");
  rule.replace(rule.find("weight: 3"), 9, "weight: heavy");
  rule += "    cause_of_concern: yes\n";
  rule.replace(rule.find("title: Rule VET-001"), 19, "title: [a, b]");
  EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt);
  EXPECT_EQ(Errors(), Rules() +
                          ":3:12: error: 'title' must be text, not a list\n"
                          "      title: [a, b]\n"
                          "             ^\n" +
                          Rules() +
                          ":6:13: error: 'weight' must be a number, not text\n"
                          "      weight: heavy\n"
                          "              ^\n" +
                          Rules() +
                          ":12:23: error: unknown cause-of-concern scope 'yes'; "
                          "expected one of 'national' and 'force'\n"
                          "      cause_of_concern: yes\n"
                          "                        ^\n");
}

// `true` was the old form: it cannot say whether the concern is national or the force's own.
TEST_F(RulePackLoaderTest, ReportsCauseOfConcernWithoutScope) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001") + "    cause_of_concern: true\n" +
                          RuleYaml("VET-002") + "    cause_of_concern: [force]\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() +
                          ":12:23: error: unknown cause-of-concern scope 'true'; "
                          "expected one of 'national' and 'force'\n"
                          "      cause_of_concern: true\n"
                          "                        ^\n" +
                          Rules() +
                          ":23:23: error: unknown cause-of-concern scope a list; "
                          "expected one of 'national' and 'force'\n"
                          "      cause_of_concern: [force]\n"
                          "                        ^\n");
}

TEST_F(RulePackLoaderTest, ReadsCauseOfConcernScopes) {
  std::optional<RulePack> pack =
      LoadWithRules("rules:\n" + RuleYaml("VET-001") + "    cause_of_concern: force\n" +
                    RuleYaml("VET-002") + "    cause_of_concern: national\n" + RuleYaml("VET-003"));
  ASSERT_TRUE(pack.has_value()) << Errors();
  EXPECT_EQ(pack->rules[0].cause_of_concern, CauseOfConcern::kForce);
  EXPECT_EQ(pack->rules[1].cause_of_concern, CauseOfConcern::kNational);
  EXPECT_EQ(pack->rules[2].cause_of_concern, CauseOfConcern::kNone);
}

TEST_F(RulePackLoaderTest, ReportsRulesThatAreNotAList) {
  EXPECT_EQ(LoadWithRules("rules:\n  id: VET-001\n"), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":2:3: error: 'rules' must be a list, not a mapping\n"
                                "    id: VET-001\n"
                                "    ^\n");
}

TEST_F(RulePackLoaderTest, ReportsEachMissingRequiredKeyAtTheRule) {
  EXPECT_EQ(LoadWithRules("rules:\n"
                          "  - id: VET-001\n"
                          "    title: Vetting\n"
                          "    area: ethics/vetting\n"
                          "    severity: high\n"
                          "    weight: 1\n"
                          "    source: {document: D, year: 2016}\n"
                          "    rationale: r\n"
                          "    gap: g\n"),
            std::nullopt);
  // Rendered in file order: the rule's own line first, then the nested source mapping.
  EXPECT_EQ(Errors(), Rules() +
                          ":2:5: error: a rule is missing required key 'remediation'\n"
                          "    - id: VET-001\n"
                          "      ^\n" +
                          Rules() +
                          ":2:5: error: a rule is missing required key 'check'\n"
                          "    - id: VET-001\n"
                          "      ^\n" +
                          Rules() +
                          ":7:13: error: 'source' is missing required key 'section'\n"
                          "      source: {document: D, year: 2016}\n"
                          "              ^\n");
}

TEST_F(RulePackLoaderTest, ReportsSingleFileWithoutPack) {
  EXPECT_EQ(LoadFile("rules:\n" + RuleYaml("VET-001")), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":1:1: error: a rule pack file is missing required key 'pack'\n"
                               "  rules:\n"
                               "  ^\n");
}

TEST_F(RulePackLoaderTest, ReportsRuleFileWithPack) {
  EXPECT_EQ(LoadWithRules(std::string(kPackYaml) + "rules:\n" + RuleYaml("VET-001")), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":1:1: error: unknown key 'pack' in a rule file; expected one of "
                                "'registers' and 'rules'\n"
                                "  pack:\n"
                                "  ^\n");
}

TEST_F(RulePackLoaderTest, ReportsMissingPackYamlInDirectory) {
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  // Without the pack's areas, the rules' areas are not checked.
  EXPECT_EQ(Errors(), Pack() + ": error: cannot read file: no such file\n");
}

TEST_F(RulePackLoaderTest, ReportsMissingPath) {
  EXPECT_EQ(LoadRulePack(dir_.Path("nowhere"), diags_), std::nullopt);
  EXPECT_EQ(Errors(), dir_.Path("nowhere") + ": error: cannot read file: no such file\n");
}

TEST_F(RulePackLoaderTest, ReportsFileThatIsNotAMapping) {
  EXPECT_EQ(LoadFile("- a\n- b\n"), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":1:1: error: a rule pack file must be a mapping, not a list\n"
                               "  - a\n"
                               "  ^\n");
}

TEST_F(RulePackLoaderTest, ReportsEmptyFile) {
  EXPECT_EQ(LoadFile(""), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ": error: a rule pack file must be a mapping, not nothing\n");
}

TEST_F(RulePackLoaderTest, ReportsMalformedYaml) {
  EXPECT_EQ(LoadWithRules("rules:\n  - id: VET-001\n    title: [a, b\n  - id: X\n"), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":4:7: error: invalid YAML: end of sequence flow not found\n"
                                "    - id: X\n"
                                "        ^\n");
}

TEST_F(RulePackLoaderTest, EmptyPackHasNoRules) {
  EXPECT_EQ(LoadFile(std::string(kPackYaml) + "rules: []\n"), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ": error: the rule pack has no rules\n");
}

TEST_F(RulePackLoaderTest, DirectoryWithOnlyPackYamlHasNoRules) {
  dir_.Write("pack.yaml", kPackYaml);
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), dir_.path() + ": error: the rule pack has no rules\n");
}

// ---- values and cross-references --------------------------------------------------------------

TEST_F(RulePackLoaderTest, ReportsUnknownArea) {
  std::string rule = RuleYaml("VET-001");
  rule.replace(rule.find("ethics/vetting"), 14, "ethics/vet");
  EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":4:11: error: unknown area 'ethics/vet' (declare it under "
                                "pack.areas)\n"
                                "      area: ethics/vet\n"
                                "            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsAreaNamingUndeclaredQuestion) {
  dir_.Write("pack.yaml", std::string(kPackYaml) + "    - id: workforce/wellbeing\n"
                                                   "      title: Wellbeing\n");
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":19:7: error: area 'workforce/wellbeing' names question "
                               "'workforce', which is not declared under pack.questions\n"
                               "      - id: workforce/wellbeing\n"
                               "        ^\n");
}

TEST_F(RulePackLoaderTest, ReportsAreaWithoutQuestionPart) {
  dir_.Write("pack.yaml", std::string(kPackYaml) + "    - id: wellbeing\n"
                                                   "      title: Wellbeing\n");
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":19:7: error: area id 'wellbeing' must be 'question/subject'\n"
                               "      - id: wellbeing\n"
                               "        ^\n");
}

TEST_F(RulePackLoaderTest, ReportsUnknownSeverity) {
  std::string rule = RuleYaml("VET-001");
  rule.replace(rule.find("severity: high"), 14, "severity: severe");
  EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":5:15: error: unknown severity 'severe'; expected one of 'info', "
                                "'low', 'medium', 'high' and 'critical'\n"
                                "      severity: severe\n"
                                "                ^\n");
}

TEST_F(RulePackLoaderTest, ReportsMisspeltColumnTypeWithTheNameMeant) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001") +
                          "registers:\n"
                          "  - id: cases\n"
                          "    title: Cases\n"
                          "    key: case_id\n"
                          "    columns:\n"
                          "      - { name: case_id, type: txet, required: true }\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":17:32: error: unknown column type 'txet'; did you mean 'text'?\n"
                                "        - { name: case_id, type: txet, required: true }\n"
                                "                                 ^\n");
}

TEST_F(RulePackLoaderTest, ReportsMisspeltSeverityWithTheNameMeant) {
  std::string rule = RuleYaml("VET-001");
  rule.replace(rule.find("severity: high"), 14, "severity: hihg");
  EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":5:15: error: unknown severity 'hihg'; did you mean 'high'?\n"
                                "      severity: hihg\n"
                                "                ^\n");
}

TEST_F(RulePackLoaderTest, ReportsBadIdsAndNumbers) {
  std::string rule = RuleYaml("vet-1");
  rule.replace(rule.find("weight: 3"), 9, "weight: 0");
  rule.replace(rule.find("year: 2016"), 10, "year: 16.5");
  EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt);
  EXPECT_EQ(Errors(), Rules() +
                          ":2:9: error: rule id 'vet-1' must be upper-case letters, digits "
                          "and '-', starting with a letter\n"
                          "    - id: vet-1\n"
                          "          ^\n" +
                          Rules() +
                          ":6:13: error: 'weight' must be above 0 and at most 1000\n"
                          "      weight: 0\n"
                          "              ^\n" +
                          Rules() +
                          ":7:56: error: 'year' must be a year such as 2016\n"
                          "      source: {document: Report, section: Vetting, year: "
                          "16.5}\n"
                          "                                                         ^\n");
}

// A year too large for an int is refused, not converted (undefined behaviour once), and the
// plausible range is closed at both ends.
TEST_F(RulePackLoaderTest, CitationYearsFrom1800To2200) {
  for (const char* year : {"1800", "2200"}) {
    std::string rule = RuleYaml("VET-001");
    rule.replace(rule.find("year: 2016"), 10, std::string("year: ") + year);
    EXPECT_NE(LoadWithRules("rules:\n" + rule), std::nullopt) << year << Errors();
  }
  for (const char* year : {"1799", "2201", "1e300", "99999999999999999999"}) {
    std::string rule = RuleYaml("VET-001");
    rule.replace(rule.find("year: 2016"), 10, std::string("year: ") + year);
    EXPECT_EQ(LoadWithRules("rules:\n" + rule), std::nullopt) << year;
    EXPECT_NE(Errors().find(":7:56: error: 'year' must be a year such as 2016"), std::string::npos)
        << year;
  }
}

// The pack header with `bands` (lines 9 to 12) and a cap replaced.
std::string PackWithBands(const std::string& bands, const std::string& cap = "") {
  std::string pack = kPackYaml;
  const size_t from = pack.find("        - { grade: outstanding");
  const size_t to = pack.find("  questions:");
  pack.replace(from, to - from, bands + cap);
  return pack;
}

TEST_F(RulePackLoaderTest, ReportsBandsNotDescending) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 50 }\n"
                                        "        - { grade: better, min: 70 }\n"
                                        "        - { grade: bad, min: 0 }\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":10:11: error: bands must be listed best first, each 'min' lower "
                               "than the one before\n"
                               "          - { grade: better, min: 70 }\n"
                               "            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsLastBandAboveZero) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 50 }\n"
                                        "        - { grade: bad, min: 10 }\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":10:11: error: the last band must have 'min: 0' so that every "
                               "score earns a grade\n"
                               "          - { grade: bad, min: 10 }\n"
                               "            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsDuplicateGrade) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 50 }\n"
                                        "        - { grade: good, min: 0 }\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":10:11: error: grade 'good' appears twice in scale 'four'\n"
                               "          - { grade: good, min: 0 }\n"
                               "            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsBandOutOfRange) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 150 }\n"
                                        "        - { grade: bad, min: 0 }\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":9:11: error: a band's 'min' must be a score from 0 to 100\n"
                               "          - { grade: good, min: 150 }\n"
                               "            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsCapNotOnScale) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 50 }\n"
                                        "        - { grade: bad, min: 0 }\n",
                                        "      cause_of_concern_cap: poor\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":11:29: error: cause_of_concern_cap 'poor' is not a grade of scale "
                               "'four'\n"
                               "        cause_of_concern_cap: poor\n"
                               "                              ^\n");
}

TEST_F(RulePackLoaderTest, AcceptsCapOnScale) {
  dir_.Write("pack.yaml", PackWithBands("        - { grade: good, min: 50 }\n"
                                        "        - { grade: bad, min: 0 }\n",
                                        "      cause_of_concern_cap: bad\n"));
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  std::optional<RulePack> pack = LoadRulePack(dir_.path(), diags_);
  ASSERT_TRUE(pack.has_value()) << Errors();
  EXPECT_EQ(pack->scales[0].cause_of_concern_cap, "bad");
  EXPECT_EQ(pack->scales[0].GradeFor(50), "good");
  EXPECT_EQ(pack->scales[0].GradeFor(49.9), "bad");
  EXPECT_EQ(pack->scales[0].Rank("bad"), 1);
  EXPECT_EQ(pack->scales[0].Rank("poor"), -1);
}

TEST_F(RulePackLoaderTest, ReportsUnknownGradingScale) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0, "  grading:\n    scale: peel-2016\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() + ":6:12: error: grading scale 'peel-2016' is not one of the pack's "
                               "scales\n"
                               "      scale: peel-2016\n"
                               "             ^\n");
}

TEST_F(RulePackLoaderTest, ReportsBadGradingValues) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0,
               "  grading:\n"
               "    partial_credit: 2\n"
               "    not_assessed: ignore\n"
               "    min_coverage: -1\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() +
                          ":6:21: error: 'partial_credit' must be between 0 and 1\n"
                          "      partial_credit: 2\n"
                          "                      ^\n" +
                          Pack() +
                          ":7:19: error: unknown not-assessed policy 'ignore'; expected one of "
                          "'exclude' and 'fail'\n"
                          "      not_assessed: ignore\n"
                          "                    ^\n" +
                          Pack() +
                          ":8:19: error: 'min_coverage' must be between 0 and 1\n"
                          "      min_coverage: -1\n"
                          "                    ^\n");
}

TEST_F(RulePackLoaderTest, ReportsUnknownAggregationMethodListingTheMethods) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0,
               "  grading:\n"
               "    aggregation:\n"
               "      question: mean\n"
               "      overall: mode\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(), Pack() +
                          ":7:17: error: unknown aggregation method 'mean'; expected one of "
                          "'score', 'median' and 'worst'\n"
                          "        question: mean\n"
                          "                  ^\n" +
                          Pack() +
                          ":8:16: error: unknown aggregation method 'mode'; expected one of "
                          "'score', 'median' and 'worst'\n"
                          "        overall: mode\n"
                          "                 ^\n");
}

// An area has no grades below it to take a median of: only `score` grades areas.
TEST_F(RulePackLoaderTest, ReportsAggregationFromChildGradesForAnArea) {
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0,
               "  grading:\n    aggregation: { area: median, colour: red }\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(Errors(),
            Pack() +
                ":6:26: error: aggregation method 'median' grades from the grades below, and "
                "an area has none; expected one of 'score'\n"
                "      aggregation: { area: median, colour: red }\n"
                "                           ^\n" +
                Pack() +
                ":6:34: error: unknown key 'colour' in 'aggregation'; expected one of "
                "'area', 'question', 'overall' and 'source'\n"
                "      aggregation: { area: median, colour: red }\n"
                "                                   ^\n");
}

class BadMinRulesTest : public RulePackLoaderTest,
                        public ::testing::WithParamInterface<const char*> {};

TEST_P(BadMinRulesTest, ReportsBadMinRulesListingTheAcceptedValues) {
  const std::string value = GetParam();
  std::string pack = kPackYaml;
  pack.replace(pack.find("  scales:"), 0, "  grading:\n    min_rules: " + value + "\n");
  dir_.Write("pack.yaml", pack);
  dir_.Write("rules.yaml", "rules:\n" + RuleYaml("VET-001"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  const std::string shown = value == "[3]" ? "a list" : "'" + value + "'";
  EXPECT_EQ(Errors(), Pack() +
                          ":6:16: error: 'min_rules' must be a whole number from 1 to 1000, not " +
                          shown + "\n      min_rules: " + value + "\n                 ^\n");
}

INSTANTIATE_TEST_SUITE_P(Values, BadMinRulesTest,
                         ::testing::Values("0", "2.5", "-3", "three", "1001", "[3]"));

// ---- expressions ------------------------------------------------------------------------------

TEST_F(RulePackLoaderTest, ReportsSyntaxErrorInsideFoldedBlockAtItsLineAndColumn) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", ">\n"
                                                           "      vetting.done == true and\n"
                                                           "      vetting.backlog = 0")),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":11:23: error: in 'check': unexpected '='; use '==' to compare\n"
                                "        vetting.backlog = 0\n"
                                "                        ^\n");
}

TEST_F(RulePackLoaderTest, ReportsErrorInsideLiteralBlockWithBlankLine) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", "|-\n"
                                                           "      vetting.done == true\n"
                                                           "\n"
                                                           "        and not len(vetting.list)")),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":12:17: error: in 'check': 'not' needs a boolean, but this is a "
                                "number\n"
                                "          and not len(vetting.list)\n"
                                "                  ^\n");
}

TEST_F(RulePackLoaderTest, ReportsErrorInsidePlainMultiLineScalar) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", "vetting.done == true and\n"
                                                           "      'x' + 1 > 0")),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":10:7: error: in 'check': '+' needs a number, but this is text\n"
                                "        'x' + 1 > 0\n"
                                "        ^\n");
}

TEST_F(RulePackLoaderTest, ReportsErrorInsideSingleQuotedScalarWithEscapedQuotes) {
  EXPECT_EQ(
      LoadWithRules("rules:\n" + RuleYaml("VET-001", "'vetting.state == ''it''''s'' and x = 1'")),
      std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":9:48: error: in 'check': unexpected '='; use '==' to compare\n"
                                "      check: 'vetting.state == ''it''''s'' and x = 1'\n"
                                "                                                 ^\n");
}

TEST_F(RulePackLoaderTest, ReportsErrorInsideDoubleQuotedScalarAfterEscape) {
  EXPECT_EQ(
      LoadWithRules("rules:\n" + RuleYaml("VET-001", "\"vetting.state == 'a\\tb' and x = 1\"")),
      std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":9:43: error: in 'check': unexpected '='; use '==' to compare\n"
                                "      check: \"vetting.state == 'a\\tb' and x = 1\"\n"
                                "                                            ^\n");
}

TEST_F(RulePackLoaderTest, ReportsCheckerErrorInPartial) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001") + "    partial: len(vetting.list)\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":12:14: error: in 'partial': the expression must give a boolean, "
                                "but it gives a number\n"
                                "      partial: len(vetting.list)\n"
                                "               ^\n");
}

TEST_F(RulePackLoaderTest, ReportsEveryCheckerErrorOfAnExpression) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", "not 1 or true + 1 > 0")), std::nullopt);
  EXPECT_EQ(Errors(), Rules() +
                          ":9:16: error: in 'check': 'not' needs a boolean, but this is a "
                          "number\n"
                          "      check: not 1 or true + 1 > 0\n"
                          "                 ^\n" +
                          Rules() +
                          ":9:21: error: in 'check': '+' needs a number, but this is a "
                          "boolean\n"
                          "      check: not 1 or true + 1 > 0\n"
                          "                      ^\n");
}

TEST_F(RulePackLoaderTest, ReportsCheckThatIsNotAnExpression) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", "[a, b]")), std::nullopt);
  EXPECT_EQ(Errors(), Rules() + ":9:12: error: 'check' must be an expression, not a list\n"
                                "      check: [a, b]\n"
                                "             ^\n");
}

TEST_F(RulePackLoaderTest, ReportsEmptyCheck) {
  EXPECT_EQ(LoadWithRules("rules:\n" + RuleYaml("VET-001", "''")), std::nullopt);
  // Reported where the (empty) text would start: inside the quotes.
  EXPECT_EQ(Errors(), Rules() + ":9:13: error: in 'check': the expression is empty\n"
                                "      check: ''\n"
                                "              ^\n");
}

TEST_F(RulePackLoaderTest, CollectsErrorsFromEveryFile) {
  dir_.Write("pack.yaml", kPackYaml);
  dir_.Write("a.yaml", "rules:\n" + RuleYaml("A-1", "a = 1"));
  dir_.Write("b.yaml", "rules:\n" + RuleYaml("B-1", "b = 1"));
  EXPECT_EQ(LoadRulePack(dir_.path(), diags_), std::nullopt);
  EXPECT_EQ(diags_.error_count(), 2u);
  EXPECT_EQ(Errors(), dir_.Path("a.yaml") +
                          ":9:14: error: in 'check': unexpected '='; use '==' to "
                          "compare\n"
                          "      check: a = 1\n"
                          "               ^\n" +
                          dir_.Path("b.yaml") +
                          ":9:14: error: in 'check': unexpected '='; use '==' "
                          "to compare\n"
                          "      check: b = 1\n"
                          "               ^\n");
}

}  // namespace
}  // namespace forcecheck
