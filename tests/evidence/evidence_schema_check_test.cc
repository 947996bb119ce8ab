#include "evidence/evidence_schema_check.h"

#include <gtest/gtest.h>

#include "evidence/evidence_loader.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

// A small schema in the bundled schema's style: closed sections (an unknown key is an error),
// a judgement, and a top-level `notes` mapping that takes anything.
constexpr const char* kSchema = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["force", "as_of", "evidence"],
  "additionalProperties": false,
  "properties": {
    "force": { "type": "string", "minLength": 1 },
    "as_of": { "$ref": "#/definitions/date" },
    "notes": { "type": ["object", "null"] },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "vetting": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "unit_staff": { "$ref": "#/definitions/numberFact" },
            "assessment": { "$ref": "#/definitions/judgementFact" },
            "aftercare": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "in_place": { "$ref": "#/definitions/booleanFact" },
                "last_review": { "$ref": "#/definitions/dateFact" }
              }
            }
          }
        }
      }
    }
  },
  "definitions": {
    "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
    "provenance": {
      "type": "object",
      "required": ["value"],
      "additionalProperties": false,
      "properties": { "value": {}, "source": { "type": "string" }, "note": { "type": "string" } }
    },
    "booleanFact": {
      "oneOf": [
        { "type": "boolean" },
        { "type": "null" },
        { "allOf": [{ "$ref": "#/definitions/provenance" }, { "properties": { "value": { "type": ["boolean", "null"] } } }] }
      ]
    },
    "numberFact": {
      "oneOf": [
        { "type": "number" },
        { "type": "null" },
        { "allOf": [{ "$ref": "#/definitions/provenance" }, { "properties": { "value": { "type": ["number", "null"] } } }] }
      ]
    },
    "judgement": { "type": "string", "enum": ["met", "partly_met", "not_met"] },
    "judgementFact": {
      "oneOf": [
        { "$ref": "#/definitions/judgement" },
        { "type": "null" },
        { "allOf": [{ "$ref": "#/definitions/provenance" }, { "properties": { "value": { "oneOf": [{ "$ref": "#/definitions/judgement" }, { "type": "null" }] } } }] }
      ]
    },
    "dateFact": {
      "oneOf": [
        { "$ref": "#/definitions/date" },
        { "type": "null" },
        { "allOf": [{ "$ref": "#/definitions/provenance" }, { "properties": { "value": { "oneOf": [{ "$ref": "#/definitions/date" }, { "type": "null" }] } } }] }
      ]
    }
  }
})json";

class EvidenceSchemaTest : public ::testing::Test {
 protected:
  std::optional<Evidence> Load(const std::string& text, const std::string& schema = "") {
    path_ = dir_.Write("evidence.yaml", text);
    EvidenceOptions options;
    options.schema = schema.empty() ? schema_ : schema;
    return LoadEvidence(path_, options, diags_);
  }

  std::string Errors() const { return RenderAll(diags_); }
  std::string Suffix() const { return " (schema: " + schema_ + ")\n"; }
  static constexpr const char* kNotesHint = "facts no rule reads belong under the top-level "
                                            "'notes:' mapping, which forcecheck never reads";

  TempDir dir_;
  std::string schema_ = dir_.Write("schema.json", kSchema);
  Diagnostics diags_;
  std::string path_;
};

TEST_F(EvidenceSchemaTest, AcceptsConformingEvidenceWithTypedScalars) {
  std::optional<Evidence> ev = Load("force: Testshire\n"
                                    "as_of: 2016-03-31\n"
                                    "evidence:\n"
                                    "  vetting:\n"
                                    "    unit_staff: { value: 6, source: \"report\" }\n"
                                    "    aftercare:\n"
                                    "      in_place: true\n"
                                    "      last_review: 2015-12-01\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
}

TEST_F(EvidenceSchemaTest, ReportsEachViolationAtItsPlace) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    unit_staff:\n"
                 "      value: \"six\"\n"
                 "    aftercare:\n"
                 "      in_place: \"true\"\n"
                 "      last_review: 31/03/2016\n"
                 "      reviewer: Sergeant Smith\n"),
            std::nullopt);
  EXPECT_EQ(Errors(),
            path_ +
                ":6:14: error: evidence.vetting.unit_staff.value: expected a number or null, "
                "not text" +
                Suffix() +
                "        value: \"six\"\n"
                "               ^\n" +
                path_ +
                ":8:17: error: evidence.vetting.aftercare.in_place: expected a boolean, a "
                "mapping with a 'value' or null, not text" +
                Suffix() +
                "        in_place: \"true\"\n"
                "                  ^\n" +
                path_ +
                ":9:20: error: evidence.vetting.aftercare.last_review: expected a date written "
                "YYYY-MM-DD, not '31/03/2016'" +
                Suffix() +
                "        last_review: 31/03/2016\n"
                "                     ^\n" +
                path_ +
                ":10:7: error: unknown key 'reviewer' in evidence.vetting.aftercare; expected "
                "one of 'in_place' and 'last_review'\n"
                "        reviewer: Sergeant Smith\n"
                "        ^\n" +
                path_ + ":10:7: note: " + kNotesHint + "\n");
}

TEST_F(EvidenceSchemaTest, ReportsMissingValueAndEveryUnknownKey) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    unit_staff:\n"
                 "      source: \"report\"\n"
                 "    team: 2\n"
                 "    lead: X\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":6:7: error: evidence.vetting.unit_staff: missing required key 'value'" +
                          Suffix() +
                          "        source: \"report\"\n"
                          "        ^\n" +
                          path_ +
                          ":7:5: error: unknown key 'team' in evidence.vetting; expected one of "
                          "'aftercare', 'assessment' and 'unit_staff'\n"
                          "      team: 2\n"
                          "      ^\n" +
                          path_ + ":7:5: note: " + kNotesHint + "\n" + path_ +
                          ":8:5: error: unknown key 'lead' in evidence.vetting; expected one of "
                          "'aftercare', 'assessment' and 'unit_staff'\n"
                          "      lead: X\n"
                          "      ^\n");
}

TEST_F(EvidenceSchemaTest, SuggestsTheKeyAMisspeltOneStandsFor) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    aftercare: { in_place: true, last_reveiw: 2015-12-01 }\n"
                 "notes:\n"
                 "  anything: { goes: [here] }\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:34: error: unknown key 'last_reveiw' in evidence.vetting.aftercare; "
                          "did you mean 'last_review'?\n"
                          "      aftercare: { in_place: true, last_reveiw: 2015-12-01 }\n"
                          "                                   ^\n");
}

TEST_F(EvidenceSchemaTest, ListsTheJudgementsAtAMisspeltOne) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    assessment: partially\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":5:17: error: evidence.vetting.assessment: expected one of 'met', "
                              "'partly_met' or 'not_met', not 'partially'\n"
                              "      assessment: partially\n"
                              "                  ^\n");
}

TEST_F(EvidenceSchemaTest, SuggestsTheJudgementMeantInsideAFact) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    assessment: { value: Met, source: \"report\" }\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:26: error: evidence.vetting.assessment.value: expected one of 'met', "
                          "'partly_met' or 'not_met', not 'Met'; did you mean 'met'?\n"
                          "      assessment: { value: Met, source: \"report\" }\n"
                          "                           ^\n");
}

TEST_F(EvidenceSchemaTest, ListsTheJudgementsAtAValueOfAnotherType) {
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    assessment: yes\n"
                 "    unit_staff: partly_met\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:17: error: evidence.vetting.assessment: expected one of 'met', "
                          "'partly_met' or 'not_met', not 'yes'\n"
                          "      assessment: yes\n"
                          "                  ^\n" +
                          path_ +
                          ":6:17: error: evidence.vetting.unit_staff: expected a number, a mapping "
                          "with a 'value' or null, not text" +
                          Suffix() +
                          "      unit_staff: partly_met\n"
                          "                  ^\n");
}

TEST_F(EvidenceSchemaTest, DoesNotRepeatWhatTheLoaderReported) {
  EXPECT_EQ(Load("force: [Testshire]\n"
                 "as_of: 2016-03-31\n"
                 "evidence: {}\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":1:8: error: 'force' must be text, not a list\n"
                              "  force: [Testshire]\n"
                              "         ^\n");
}

// A violation with no more specific cause (here a minimum) is loose: reported on its own, but
// left out once the loader has found something wrong in the file, since the schema is checked
// beside the loader and the loader words the file's problems better.
TEST_F(EvidenceSchemaTest, LeavesLooseViolationsToTheLoader) {
  const std::string minimum = dir_.Write("minimum.json", R"json({
    "type": "object",
    "properties": {
      "force": { "type": "string" },
      "evidence": { "type": "object", "properties": { "staff": { "type": "number", "multipleOf": 2 } } }
    }
  })json");
  // (A minimum is no longer loose: it is said in the schema check's own words, with the range.)
  const std::string evidence = "as_of: 2016-03-31\nevidence:\n  staff: 3\n";
  EXPECT_EQ(Load("force: Testshire\n" + evidence, minimum), std::nullopt);
  const std::string alone = Errors();
  EXPECT_EQ(alone.rfind(path_ + ":4:10: error: evidence.staff: ", 0), 0u) << alone;
  EXPECT_NE(alone.find("(schema: " + minimum + ")"), std::string::npos) << alone;

  diags_ = Diagnostics();
  EXPECT_EQ(Load("force: [Testshire]\n" + evidence, minimum), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":1:8: error: 'force' must be text, not a list\n"
                              "  force: [Testshire]\n"
                              "         ^\n");
}

TEST_F(EvidenceSchemaTest, BundledSchemaChecksFactTypes) {
  const std::string bundled = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/evidence.schema.json";
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  vetting:\n"
                 "    aftercare: { in_place: { value: 1, source: \"report\" } }\n"
                 "notes:\n"
                 "  anything_else: { nested: [1, two, 2016-01-01] }\n",
                 bundled),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:37: error: evidence.vetting.aftercare.in_place.value: expected a "
                          "boolean or null, not a number (schema: " +
                          bundled +
                          ")\n"
                          "      aftercare: { in_place: { value: 1, source: \"report\" } }\n"
                          "                                      ^\n");
}

// The typo that used to leave APSP-004 silently not assessed.
TEST_F(EvidenceSchemaTest, BundledSchemaSuggestsTheKeyMeant) {
  const std::string bundled = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/evidence.schema.json";
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  apsp:\n"
                 "    intelligence:\n"
                 "      external_partner_engaged: true\n",
                 bundled),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":6:7: error: unknown key 'external_partner_engaged' in "
                          "evidence.apsp.intelligence; did you mean 'external_partners_engaged'?\n"
                          "        external_partner_engaged: true\n"
                          "        ^\n");
}

// Counts are whole and not negative, percentages 0 to 100, rates and intervals not negative.
TEST_F(EvidenceSchemaTest, BundledSchemaRefusesNumbersOutOfRange) {
  const std::string bundled = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/evidence.schema.json";
  EXPECT_EQ(Load("force: Testshire\n"
                 "as_of: 2016-03-31\n"
                 "evidence:\n"
                 "  performance:\n"
                 "    pdr: { completion_rate_percent: 250 }\n"
                 "  apsp:\n"
                 "    cases: { total: -1, referred_to_iopc: 2.5, "
                 "not_referred_with_recorded_rationale: { value: -3 } }\n"
                 "  grievances:\n"
                 "    per_1000_officers: { force: -0.5 }\n"
                 "  vetting:\n"
                 "    clearances: { workforce_in_scope: { value: 10.5, source: x } }\n",
                 bundled),
            std::nullopt);
  const std::string errors = Errors();
  for (const char* e :
       {":5:37: error: evidence.performance.pdr.completion_rate_percent: 250 is out of range: "
        "expected a number "
        "from 0 to 100\n",
        ":7:21: error: evidence.apsp.cases.total: -1 is out of range: expected a whole number, 0 "
        "or more\n",
        ":7:43: error: evidence.apsp.cases.referred_to_iopc: expected a whole number, 0 or more, "
        "not 2.5\n",
        ":7:95: error: evidence.apsp.cases.not_referred_with_recorded_rationale.value: -3 is out "
        "of range: "
        "expected a whole number, 0 or more\n",
        ":9:33: error: evidence.grievances.per_1000_officers.force: -0.5 is out of range: expected "
        "a number, "
        "0 or more\n",
        ":11:48: error: evidence.vetting.clearances.workforce_in_scope.value: expected a whole "
        "number, 0 or more, "
        "not 10.5\n"}) {
    EXPECT_NE(errors.find(path_ + e), std::string::npos) << e << "\nin:\n" << errors;
  }
  EXPECT_EQ(diags_.error_count(), 6u) << errors;
}

TEST_F(EvidenceSchemaTest, BundledSchemaAcceptsNumbersAtTheEndsOfTheirRanges) {
  const std::string bundled = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/evidence.schema.json";
  std::optional<Evidence> ev = Load(
      "force: Testshire\n"
      "as_of: 2016-03-31\n"
      "evidence:\n"
      "  performance:\n"
      "    pdr: { completion_rate_percent: 100 }\n"
      "  apsp:\n"
      "    cases: { total: 0, referred_to_iopc: 2.0, not_referred_with_recorded_rationale: null }\n"
      "  grievances:\n"
      "    per_1000_officers: { force: 0, england_wales_average: 0.5 }\n"
      "  victim_satisfaction:\n"
      "    treatment_percent: { force: 0, england_wales_average: 99.5 }\n",
      bundled);
  EXPECT_TRUE(ev.has_value()) << Errors();
}

// Each unknown key used to be looked up again among all of the mapping's keys (10,000 of them
// took 87 s); and a file of them is reported as its first errors and a count of the rest.
TEST_F(EvidenceSchemaTest, ReportsTheFirstErrorsOfAFileAndCountsTheRest) {
  std::string text = "force: Testshire\nas_of: 2016-03-31\nevidence:\n  vetting:\n";
  for (int i = 0; i < 30; ++i) text += "    unknown_" + std::to_string(i) + ": 1\n";
  EXPECT_EQ(Load(text), std::nullopt);
  const std::string errors = Errors();
  EXPECT_EQ(diags_.error_count(), kMaxSchemaErrors + 1) << errors;
  EXPECT_NE(errors.find(":24:5: error: unknown key 'unknown_19' in evidence.vetting"),
            std::string::npos)
      << errors;
  EXPECT_EQ(errors.find("unknown_20"), std::string::npos) << errors;
  EXPECT_NE(
      errors.find(path_ +
                  ": error: 10 more violations of the schema not shown (the first 20 are above)\n"),
      std::string::npos)
      << errors;
}

// The schema check counted one level more than the loader, and gave up without a word on
// evidence the loader accepted (issue 12).
TEST_F(EvidenceSchemaTest, ChecksEvidenceNestedToTheLoadersLimit) {
  const std::string open = dir_.Write("open.json", R"json({
    "type": "object",
    "properties": { "description": { "type": "string" }, "evidence": { "type": "object" } }
  })json");
  auto nested = [](int depth) {
    std::string text = "force: F\nas_of: 2016-03-31\ndescription: 3\nevidence: ";
    for (int i = 0; i < depth; ++i) text += "{k: ";
    return text + "1" + std::string(static_cast<size_t>(depth), '}') + "\n";
  };
  EXPECT_EQ(Load(nested(63), open), std::nullopt);
  EXPECT_EQ(Errors(),
            path_ + ":3:14: error: description: expected text, not a number (schema: " + open +
                ")\n"
                "  description: 3\n"
                "               ^\n");
  // An unknown key beside deep evidence is reported, not accepted with the rest unchecked.
  diags_ = Diagnostics();
  EXPECT_EQ(Load(nested(63).replace(nested(63).find("description: 3\n"), 15, "")), std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":3:12: error: unknown key 'k' in evidence; expected one of 'vetting'\n" +
                          path_ + ":3:12: note: " + kNotesHint + "\n");
  // One level more is refused as the YAML is read (src/yaml/yaml_limits), said once.
  diags_ = Diagnostics();
  EXPECT_EQ(Load(nested(64), open), std::nullopt);
  EXPECT_EQ(diags_.error_count(), 1u) << Errors();
  EXPECT_NE(Errors().find("(the limit is 64 levels of YAML depth)"), std::string::npos) << Errors();
}

TEST_F(EvidenceSchemaTest, ReportsUnusableSchemaAtTheSchemaFile) {
  const std::string bad = dir_.Write("bad.json", "{ not json");
  EXPECT_EQ(Load("force: Testshire\nas_of: 2016-03-31\nevidence: {}\n", bad), std::nullopt);
  EXPECT_EQ(Errors(), bad + ": error: the evidence schema is not valid JSON\n");
}

}  // namespace
}  // namespace forcecheck
