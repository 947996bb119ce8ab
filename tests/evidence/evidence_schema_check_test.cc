#include "evidence/evidence_loader.h"

#include <gtest/gtest.h>

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
  std::optional<Evidence> Load(const std::string& text, std::string schema = "") {
    path_ = dir_.Write("evidence.yaml", text);
    EvidenceOptions options;
    options.schema = schema.empty() ? schema_ : schema;
    return LoadEvidence(path_, options, diags_);
  }

  std::string Errors() const { return RenderAll(diags_); }
  std::string Suffix() const { return " (schema: " + schema_ + ")\n"; }
  static constexpr const char* kNotesHint =
      "facts no rule reads belong under the top-level 'notes:' mapping, which forcecheck never reads";

  TempDir dir_;
  std::string schema_ = dir_.Write("schema.json", kSchema);
  Diagnostics diags_;
  std::string path_;
};

TEST_F(EvidenceSchemaTest, AcceptsConformingEvidenceWithTypedScalars) {
  std::optional<Evidence> ev = Load(
      "force: Testshire\n"
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
            path_ + ":6:14: error: evidence.vetting.unit_staff.value: expected a number or null, "
                    "not text" + Suffix() +
            "        value: \"six\"\n"
            "               ^\n" +
            path_ + ":8:17: error: evidence.vetting.aftercare.in_place: expected a boolean, a "
                    "mapping with a 'value' or null, not text" + Suffix() +
            "        in_place: \"true\"\n"
            "                  ^\n" +
            path_ + ":9:20: error: evidence.vetting.aftercare.last_review: expected a date written "
                    "YYYY-MM-DD, not '31/03/2016'" + Suffix() +
            "        last_review: 31/03/2016\n"
            "                     ^\n" +
            path_ + ":10:7: error: unknown key 'reviewer' in evidence.vetting.aftercare; expected "
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
  EXPECT_EQ(Errors(),
            path_ + ":6:7: error: evidence.vetting.unit_staff: missing required key 'value'" +
                    Suffix() +
            "        source: \"report\"\n"
            "        ^\n" +
            path_ + ":7:5: error: unknown key 'team' in evidence.vetting; expected one of "
                    "'aftercare', 'assessment' and 'unit_staff'\n"
            "      team: 2\n"
            "      ^\n" +
            path_ + ":7:5: note: " + kNotesHint + "\n" +
            path_ + ":8:5: error: unknown key 'lead' in evidence.vetting; expected one of "
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
  EXPECT_EQ(Errors(), path_ + ":5:34: error: unknown key 'last_reveiw' in evidence.vetting.aftercare; "
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
  EXPECT_EQ(Errors(), path_ + ":5:26: error: evidence.vetting.assessment.value: expected one of 'met', "
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
  EXPECT_EQ(Errors(), path_ + ":5:17: error: evidence.vetting.assessment: expected one of 'met', "
                              "'partly_met' or 'not_met', not 'yes'\n"
                              "      assessment: yes\n"
                              "                  ^\n" +
                      path_ + ":6:17: error: evidence.vetting.unit_staff: expected a number, a mapping "
                              "with a 'value' or null, not text" + Suffix() +
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
      "evidence": { "type": "object", "properties": { "staff": { "type": "number", "minimum": 0 } } }
    }
  })json");
  const std::string evidence = "as_of: 2016-03-31\nevidence:\n  staff: -1\n";
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
  EXPECT_EQ(Errors(), path_ + ":5:37: error: evidence.vetting.aftercare.in_place.value: expected a "
                              "boolean or null, not a number (schema: " + bundled + ")\n"
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
  EXPECT_EQ(Errors(), path_ + ":6:7: error: unknown key 'external_partner_engaged' in "
                              "evidence.apsp.intelligence; did you mean 'external_partners_engaged'?\n"
                              "        external_partner_engaged: true\n"
                              "        ^\n");
}

TEST_F(EvidenceSchemaTest, ReportsUnusableSchemaAtTheSchemaFile) {
  const std::string bad = dir_.Write("bad.json", "{ not json");
  EXPECT_EQ(Load("force: Testshire\nas_of: 2016-03-31\nevidence: {}\n", bad), std::nullopt);
  EXPECT_EQ(Errors(), bad + ": error: the evidence schema is not valid JSON\n");
}

}  // namespace
}  // namespace forcecheck
