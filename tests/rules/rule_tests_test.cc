#include "rules/rule_tests.h"

#include <gtest/gtest.h>

#include "rules/rule_pack_loader.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

constexpr const char* kPack = R"yaml(pack:
  id: t
  title: T
  version: 1.0.0
  evidence_schema: schema.json
  grading: { scale: s, partial_credit: 0.5, not_assessed: exclude, min_coverage: 0.5 }
  scales: [{ id: s, title: S, bands: [{ grade: good, min: 50 }, { grade: poor, min: 0 }], cause_of_concern_cap: poor }]
  questions: [{ id: q, title: Q }]
  areas: [{ id: q/a, title: A }]
rules:
  - id: VET-001
    title: Aftercare
    area: q/a
    severity: high
    weight: 1
    source: { document: D, section: "1", year: 2016 }
    rationale: R
    check: vetting.aftercare.in_place == true
    gap: G
    remediation: M
)yaml";

constexpr const char* kSchema = R"json({
  "type": "object",
  "properties": {
    "evidence": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "vetting": {
          "type": "object", "additionalProperties": false,
          "properties": {
            "aftercare": {
              "type": "object", "additionalProperties": false,
              "properties": { "in_place": { "$ref": "#/definitions/booleanFact" } }
            }
          }
        }
      }
    }
  },
  "definitions": { "booleanFact": { "type": ["boolean", "null", "object"] } }
})json";

class RuleTestsTest : public ::testing::Test {
 protected:
  // Loads the pack and the one test file `text`; returns the rendered diagnostics.
  std::string Load(const std::string& text) {
    dir_.Write("schema.json", kSchema);
    const std::string pack_path = dir_.Write("pack.yaml", kPack);
    path_ = dir_.Write("tests/cases.yaml", text);
    Diagnostics diags;
    std::optional<RulePack> pack = LoadRulePack(pack_path, diags);
    EXPECT_TRUE(pack.has_value()) << RenderAll(diags);
    if (pack) LoadRuleTests(pack_path, *pack, diags);
    return RenderAll(diags);
  }

  TempDir dir_;
  std::string path_;
};

TEST_F(RuleTestsTest, SuggestsTheRuleIdAndOutcomeMeant) {
  const std::string errors = Load("cases:\n"
                                  "  - name: aftercare\n"
                                  "    as_of: 2016-03-31\n"
                                  "    evidence: { vetting: { aftercare: { in_place: true } } }\n"
                                  "    expect: { VET-01: pass, VET-001: passed }\n");
  EXPECT_EQ(errors,
            path_ +
                ":5:15: error: unknown rule 'VET-01' in the pack 't'; did you mean 'VET-001'?\n"
                "      expect: { VET-01: pass, VET-001: passed }\n"
                "                ^\n" +
                path_ +
                ":5:38: error: unknown outcome 'passed'; did you mean 'pass'?\n"
                "      expect: { VET-01: pass, VET-001: passed }\n"
                "                                       ^\n");
}

TEST_F(RuleTestsTest, ReportsAnUnknownEvidenceKeyInTheTestFile) {
  const std::string errors = Load("cases:\n"
                                  "  - name: aftercare\n"
                                  "    as_of: 2016-03-31\n"
                                  "    evidence:\n"
                                  "      vetting:\n"
                                  "        aftercare: { in_plac: true }\n"
                                  "        backlog: 3\n"
                                  "    expect: { VET-001: pass }\n");
  EXPECT_EQ(
      errors,
      path_ +
          ":6:22: error: unknown key 'in_plac' in evidence.vetting.aftercare; did you mean "
          "'in_place'?\n"
          "          aftercare: { in_plac: true }\n"
          "                       ^\n" +
          path_ +
          ":7:9: error: unknown key 'backlog' in evidence.vetting; expected one of 'aftercare'\n"
          "          backlog: 3\n"
          "          ^\n");
}

TEST_F(RuleTestsTest, SuggestsTheCaseKeyMeant) {
  const std::string errors = Load("cases:\n"
                                  "  - name: aftercare\n"
                                  "    evidnce: {}\n"
                                  "    expect: { VET-001: pass }\n");
  EXPECT_EQ(errors,
            path_ +
                ":2:5: error: a rule test case needs a 'base' evidence file or 'evidence'\n"
                "    - name: aftercare\n"
                "      ^\n" +
                path_ +
                ":3:5: error: unknown key 'evidnce' in a rule test case; did you mean 'evidence'?\n"
                "      evidnce: {}\n"
                "      ^\n");
}

// Evidence that contains itself through an alias recursed without end (merging, checking its
// keys, writing it out); an alias bomb was expanded, over a minute and gigabytes. Both are now
// refused as the test file is read (yaml/yaml_limits.h).
TEST_F(RuleTestsTest, RefusesEvidenceThatContainsItself) {
  const std::string errors = Load("cases:\n"
                                  "  - name: itself\n"
                                  "    as_of: 2016-03-31\n"
                                  "    evidence: &e\n"
                                  "      vetting: { aftercare: *e }\n"
                                  "    expect: { VET-001: pass }\n");
  EXPECT_EQ(errors, path_ + ":5:29: error: the alias '*e' is inside the node it names, which would "
                            "repeat itself without end\n"
                            "        vetting: { aftercare: *e }\n"
                            "                              ^\n");
}

TEST_F(RuleTestsTest, RefusesAnAliasBombInTheEvidence) {
  std::string text = "lol:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "  - &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += prev + (j < 9 ? ", " : "]\n");
  }
  text += "cases:\n"
          "  - name: bomb\n"
          "    as_of: 2016-03-31\n"
          "    evidence: { vetting: { aftercare: *a8 } }\n"
          "    expect: { VET-001: pass }\n";
  const std::string errors = Load(text);
  EXPECT_EQ(errors.substr(0, errors.find('\n')),
            path_ + ":7:15: error: more than 250000 nodes, counting each node an alias repeats "
                    "(the limit is 250000 YAML nodes)");
}

}  // namespace
}  // namespace forcecheck
