#include "rules/evidence_template.h"

#include <sstream>

#include <gtest/gtest.h>

#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "rules/evidence_schema.h"
#include "rules/rule_pack_loader.h"
#include "score/score.h"

#include "testing/load_text.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

const std::string kSource = FORCECHECK_SOURCE_DIR;

RulePack BundledPack() {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(kSource + "/rules", diags);
  EXPECT_TRUE(pack.has_value()) << RenderAll(diags);
  return pack ? std::move(*pack) : RulePack{};
}

EvidenceTemplate Render(const RulePack& pack, const TemplateOptions& options) {
  Diagnostics diags;
  std::optional<EvidenceTemplate> t = RenderEvidenceTemplate(pack, options, diags);
  EXPECT_TRUE(t.has_value()) << RenderAll(diags);
  EXPECT_EQ(RenderAll(diags), "");
  return t ? *t : EvidenceTemplate{};
}

TemplateOptions Options(const std::string& force = "") {
  return TemplateOptions{force, *ParseDate("2024-03-31")};
}

// The template for the bundled pack, loaded back as evidence with the pack's registers and
// validated against its (closed) evidence schema: `init` then `check` gives no error.
class BundledTemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = Render(pack_, Options("O'Brien \"Test\" Constabulary: \\ north"));
    EvidenceOptions options;
    options.registers = &pack_.registers;
    options.schema = pack_.evidence_schema;
    Diagnostics diags;
    ev_ = LoadEvidence(dir_.Write("evidence.yaml", t_.text), options, diags);
    ASSERT_TRUE(ev_.has_value()) << RenderAll(diags) << t_.text;
    EXPECT_EQ(RenderAll(diags), "");
  }

  TempDir dir_;
  RulePack pack_ = BundledPack();
  EvidenceTemplate t_;
  std::optional<Evidence> ev_;
};

TEST_F(BundledTemplateTest, LoadsAsEvidenceWithTheForceAndDateGiven) {
  EXPECT_EQ(ev_->force, "O'Brien \"Test\" Constabulary: \\ north");
  EXPECT_EQ(ev_->as_of.ToString(), "2024-03-31");
  EXPECT_TRUE(ev_->registers.empty());
  EXPECT_TRUE(ev_->sources.empty());
}

TEST_F(BundledTemplateTest, HoldsEverySchemaFactAsNull) {
  Diagnostics diags;
  auto paths = LoadEvidenceSchemaPaths(pack_.evidence_schema, diags);
  ASSERT_TRUE(paths.has_value()) << RenderAll(diags);
  int leaves = 0;
  for (auto it = paths->begin(); it != paths->end(); ++it) {
    auto next = std::next(it);
    if (next != paths->end() && next->first.rfind(it->first + ".", 0) == 0) continue;  // a section
    ++leaves;
    std::vector<std::string> segments;
    std::istringstream in(it->first);
    for (std::string s; std::getline(in, s, '.');) segments.push_back(s);
    const EvidenceNode* node = ev_->Find(segments);
    ASSERT_NE(node, nullptr) << it->first << " is missing from the template";
    EXPECT_EQ(node->kind, EvidenceNode::Kind::kNull) << it->first;
  }
  EXPECT_EQ(t_.facts, leaves);
  EXPECT_GT(leaves, 80);
}

TEST_F(BundledTemplateTest, IsNeverScoredAsAPass) {
  std::vector<Finding> findings = Evaluate(pack_, *ev_, EvalOptions{ev_->as_of});
  OutcomeCounts counts;
  for (const Finding& f : findings) counts.Add(f.outcome);
  EXPECT_EQ(counts.pass, 0);
  EXPECT_EQ(counts.partial, 0);
  EXPECT_EQ(counts.fail, 0);
  EXPECT_EQ(counts.error, 0);
  EXPECT_EQ(counts.not_assessed, static_cast<int>(pack_.rules.size()));
  Scorecard card = Score(pack_, findings, *pack_.FindScale(pack_.grading.scale));
  EXPECT_FALSE(card.overall.graded());
}

TEST_F(BundledTemplateTest, ListsEveryRegisterWithItsCsvHeader) {
  for (const RegisterSpec& spec : pack_.registers) {
    std::string header;
    for (const ColumnSpec& c : spec.columns) header += (header.empty() ? "" : ",") + c.name;
    EXPECT_NE(t_.text.find("#  #   " + header + "\n"), std::string::npos) << spec.id;
    EXPECT_NE(t_.text.find("\n#  " + spec.id + ": registers/" + spec.id + ".csv\n"),
              std::string::npos)
        << spec.id;
  }
}

TEST_F(BundledTemplateTest, DescribesAFactWithTypeUnitAndReaders) {
  EXPECT_NE(t_.text.find("      # Number of APSP cases in the period the evidence covers.\n"
                         "      # Type: whole number, 0 or more. Unit: cases. Read by APSP-003.\n"
                         "      total: null\n"),
            std::string::npos);
  // Percentages say their range too.
  EXPECT_NE(t_.text.find("# Type: number from 0 to 100. Unit: percent."), std::string::npos);
}

TEST_F(BundledTemplateTest, EndsWithAnEmptyNotesMapping) {
  const std::string tail = "\nnotes: {}\n";
  ASSERT_GE(t_.text.size(), tail.size());
  EXPECT_EQ(t_.text.substr(t_.text.size() - tail.size()), tail);
}

TEST(EvidenceTemplateTest, ListsTheValuesOfAJudgement) {
  TempDir dir;
  RulePack pack = BundledPack();
  pack.evidence_schema = dir.Write("schema.json", R"({
    "properties": {
      "evidence": { "properties": { "plan": { "properties": {
        "quality": { "$ref": "#/definitions/judgementFact" } } } } }
    },
    "definitions": { "judgement": { "enum": ["met", "partly_met", "not_met"] } }
  })");
  EvidenceTemplate t = Render(pack, Options());
  EXPECT_NE(t.text.find("    # Type: judgement, one of met, partly_met or not_met (unquoted). Read "
                        "by no rule of this\n"
                        "    # pack.\n"
                        "    quality: null\n"),
            std::string::npos)
      << t.text;
  EXPECT_EQ(t.text.find("notes:"), std::string::npos) << "the schema has no notes property";
}

TEST(EvidenceTemplateTest, IsTheSameEveryTime) {
  RulePack pack = BundledPack();
  EXPECT_EQ(Render(pack, Options()).text, Render(pack, Options()).text);
}

TEST(EvidenceTemplateTest, WithoutASchemaListsThePathsTheRulesRead) {
  RulePack pack = BundledPack();
  pack.evidence_schema.clear();
  EvidenceTemplate t = Render(pack, Options());
  EXPECT_NE(t.text.find(
                "    # Type: not described (the pack names no evidence schema). Read by APSP-001.\n"
                "    treated_as_serious_corruption: null\n"),
            std::string::npos)
      << t.text;
}

TEST(EvidenceTemplateTest, ReportsAMissingSchema) {
  RulePack pack = BundledPack();
  pack.evidence_schema = kSource + "/no-such-schema.json";
  Diagnostics diags;
  EXPECT_FALSE(RenderEvidenceTemplate(pack, Options(), diags).has_value());
  EXPECT_TRUE(diags.HasErrors());
}

TEST(EvidenceTemplateTest, ReportsASchemaWithoutEvidenceProperties) {
  TempDir dir;
  RulePack pack = BundledPack();
  pack.evidence_schema = dir.Write("schema.json", R"({"properties": {"force": {}}})");
  Diagnostics diags;
  EXPECT_FALSE(RenderEvidenceTemplate(pack, Options(), diags).has_value());
  EXPECT_EQ(RenderAll(diags), pack.evidence_schema +
                                  ": error: the evidence schema has no 'evidence' property whose "
                                  "'properties' describe the facts\n");
}

}  // namespace
}  // namespace forcecheck
