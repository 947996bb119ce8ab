#include "score/score.h"

#include <gtest/gtest.h>

#include "testing/load_text.h"
#include "testing/test_pack.h"

namespace forcecheck {
namespace {

using testing::LoadPackText;
using testing::TempDir;

// Three questions; `ethics` has two areas, `workforce` three. `grading` is spliced in before
// `scales`.
std::string PackYaml(const std::string& grading, const std::string& rules) {
  return std::string(testing::kTestPackHead) + grading + testing::FourStepScales() +
         "  questions:\n"
         "    - { id: ethics, title: Ethics }\n"
         "    - { id: fairness, title: Fairness }\n"
         "    - { id: workforce, title: Workforce }\n"
         "  areas:\n"
         "    - { id: ethics/vetting, title: Vetting }\n"
         "    - { id: ethics/culture, title: Culture }\n"
         "    - { id: fairness/feedback, title: Feedback }\n"
         "    - { id: fairness/empty, title: No rules }\n"
         "    - { id: workforce/wellbeing, title: Wellbeing }\n"
         "    - { id: workforce/performance, title: Performance }\n"
         "    - { id: workforce/perceptions, title: Perceptions }\n"
         "rules:\n" +
         rules;
}

// `scope`: the rule's cause_of_concern ("national", "force"), or "" for none.
std::string RuleLine(const std::string& id, const std::string& area, int weight,
                     const std::string& scope = "") {
  return "  - {id: " + id + ", area: " + area + ", weight: " + std::to_string(weight) +
         (scope.empty() ? "" : ", cause_of_concern: " + scope) +
         ", title: T, severity: high, check: 'true', "
         "source: {document: D, section: S, year: 2016}, rationale: r, gap: g, remediation: m}\n";
}

class ScoreTest : public ::testing::Test {
 protected:
  void Load(const std::string& rules, const std::string& grading = "") {
    pack_ = LoadPackText(dir_, PackYaml(grading, rules));
  }

  // One finding per rule, with the outcomes given in rule order.
  Scorecard ScoreOutcomes(const std::vector<Outcome>& outcomes) {
    findings_.clear();
    for (size_t i = 0; i < outcomes.size() && i < pack_.rules.size(); ++i) {
      Finding f;
      f.rule = &pack_.rules[i];
      f.outcome = outcomes[i];
      findings_.push_back(f);
    }
    return Score(pack_, findings_, pack_.scales[0]);
  }

  static const GradeResult* Find(const std::vector<GradeResult>& groups, const std::string& id) {
    for (const GradeResult& g : groups) {
      if (g.id == id) return &g;
    }
    return nullptr;
  }

  TempDir dir_;
  RulePack pack_;
  std::vector<Finding> findings_;
};

using O = Outcome;

// Four rules in ethics/vetting, weighing 3, 2, 1 and 2.
std::string VettingRules() {
  return RuleLine("V-1", "ethics/vetting", 3) + RuleLine("V-2", "ethics/vetting", 2) +
         RuleLine("V-3", "ethics/vetting", 1) + RuleLine("V-4", "ethics/vetting", 2);
}

TEST_F(ScoreTest, WeightedMeanWithPartialCreditExcludingNotAssessed) {
  Load(VettingRules());
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed});
  ASSERT_EQ(card.areas.size(), 1u);
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.id, "ethics/vetting");
  EXPECT_EQ(g.title, "Vetting");
  EXPECT_EQ(g.total_weight, 8);
  EXPECT_EQ(g.assessed_weight, 6);
  ASSERT_TRUE(g.score.has_value());
  EXPECT_DOUBLE_EQ(*g.score, 100.0 * (3 + 0.5 * 2) / 6);
  EXPECT_EQ(g.coverage(), 0.75);
  EXPECT_EQ(g.counts.pass, 1);
  EXPECT_EQ(g.counts.partial, 1);
  EXPECT_EQ(g.counts.fail, 1);
  EXPECT_EQ(g.counts.not_assessed, 1);
  EXPECT_EQ(g.counts.error, 0);
  EXPECT_EQ(g.band_grade, "good");
  EXPECT_EQ(g.grade, "good");
  EXPECT_TRUE(g.graded());
  EXPECT_EQ(g.method, "score");
  EXPECT_EQ(g.explanation,
            "score 66.7 (3 of 4 rules assessed, 75% of the weight) earns good: 1.7 points above "
            "requires improvement, 23.3 below outstanding");
}

TEST_F(ScoreTest, NotAssessedCountsAsFailWhenPackSaysSo) {
  Load(VettingRules(), "  grading: { not_assessed: fail }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kError});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.assessed_weight, 8);
  EXPECT_DOUBLE_EQ(*g.score, 50);
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.explanation,
            "score 50.0 (4 of 4 rules assessed, 100% of the weight) earns requires improvement: "
            "10.0 points above inadequate, 15.0 below good");
}

TEST_F(ScoreTest, ErrorIsLeftOutLikeNotAssessed) {
  Load(VettingRules());
  Scorecard card = ScoreOutcomes({O::kPass, O::kPass, O::kError, O::kNotAssessed});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.assessed_weight, 5);
  EXPECT_DOUBLE_EQ(*g.score, 100);
  EXPECT_EQ(g.counts.error, 1);
  EXPECT_EQ(g.explanation,
            "score 100.0 (2 of 4 rules assessed, 63% of the weight) earns outstanding: 10.0 points "
            "above good");
}

TEST_F(ScoreTest, UsesPacksPartialCredit) {
  Load(VettingRules(), "  grading: { partial_credit: 0.25 }\n");
  Scorecard card = ScoreOutcomes({O::kPartial, O::kPartial, O::kPartial, O::kPartial});
  EXPECT_DOUBLE_EQ(*card.areas[0].score, 25);
  EXPECT_EQ(card.areas[0].grade, "inadequate");
}

TEST_F(ScoreTest, BelowMinimumCoverageIsNotGraded) {
  Load(VettingRules(), "  grading: { min_coverage: 0.8 }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed});
  const GradeResult& g = card.areas[0];
  ASSERT_TRUE(g.score.has_value());  // a score, but too little evidence to grade it
  EXPECT_FALSE(g.graded());
  EXPECT_EQ(g.grade, "");
  EXPECT_EQ(g.band_grade, "");
  EXPECT_EQ(g.explanation,
            "not graded: 3 of 4 rules assessed, 75% of the weight; at least 80% is needed");
}

TEST_F(ScoreTest, CoverageExactlyAtMinimumIsGraded) {
  Load(VettingRules(), "  grading: { min_coverage: 0.75 }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed});
  EXPECT_TRUE(card.areas[0].graded());
}

TEST_F(ScoreTest, NothingAssessedHasNoScore) {
  Load(RuleLine("V-1", "ethics/vetting", 1));
  Scorecard card = ScoreOutcomes({O::kNotAssessed});
  const GradeResult& g = card.areas[0];
  EXPECT_FALSE(g.score.has_value());
  EXPECT_FALSE(g.graded());
  EXPECT_EQ(g.explanation,
            "not graded: 0 of 1 rule assessed, 0% of the weight; at least 50% is needed");
}

TEST_F(ScoreTest, FailedForceCauseOfConcernCapsTheArea) {
  Load(RuleLine("C-1", "ethics/vetting", 1, "force") + RuleLine("P-1", "ethics/vetting", 9));
  Scorecard card = ScoreOutcomes({O::kFail, O::kPass});
  const GradeResult& g = card.areas[0];
  EXPECT_DOUBLE_EQ(*g.score, 90);
  EXPECT_EQ(g.band_grade, "outstanding");
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.capped_by, (std::vector<std::string>{"C-1"}));
  EXPECT_EQ(g.explanation,
            "score 90.0 (2 of 2 rules assessed, 100% of the weight) earns outstanding: 0.0 points "
            "above good; capped at requires improvement by failed force cause of concern C-1");
}

TEST_F(ScoreTest, CapNamesEveryFailedForceCauseOfConcern) {
  Load(RuleLine("C-1", "ethics/vetting", 1, "force") +
       RuleLine("C-2", "ethics/vetting", 1, "force") + RuleLine("P-1", "ethics/vetting", 38));
  Scorecard card = ScoreOutcomes({O::kFail, O::kFail, O::kPass});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.capped_by, (std::vector<std::string>{"C-1", "C-2"}));
  EXPECT_EQ(
      g.explanation,
      "score 95.0 (3 of 3 rules assessed, 100% of the weight) earns outstanding: 5.0 points "
      "above good; capped at requires improvement by failed force causes of concern C-1, C-2");
}

TEST_F(ScoreTest, CapDoesNotRaiseAWorseGrade) {
  Load(RuleLine("C-1", "ethics/vetting", 1, "force") + RuleLine("P-1", "ethics/vetting", 1));
  Scorecard card = ScoreOutcomes({O::kFail, O::kFail});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.grade, "inadequate");
  EXPECT_EQ(g.explanation,
            "score 0.0 (2 of 2 rules assessed, 100% of the weight) earns inadequate: 40.0 points "
            "below requires improvement; failed force cause of concern C-1 would cap it at "
            "requires improvement");
}

TEST_F(ScoreTest, PartlyMetCauseOfConcernDoesNotCap) {
  Load(RuleLine("C-1", "ethics/vetting", 1, "force") + RuleLine("P-1", "ethics/vetting", 9));
  Scorecard card = ScoreOutcomes({O::kPartial, O::kPass});
  EXPECT_EQ(card.areas[0].grade, "outstanding");
  EXPECT_TRUE(card.areas[0].capped_by.empty());
}

TEST_F(ScoreTest, NotAssessedCauseOfConcernCapsOnlyWhenCountedAsFail) {
  const std::string rules =
      RuleLine("C-1", "ethics/vetting", 1, "force") + RuleLine("P-1", "ethics/vetting", 19);
  Load(rules);
  EXPECT_EQ(ScoreOutcomes({O::kNotAssessed, O::kPass}).areas[0].grade, "outstanding");
  Load(rules, "  grading: { not_assessed: fail }\n");
  Scorecard card = ScoreOutcomes({O::kNotAssessed, O::kPass});
  EXPECT_EQ(card.areas[0].band_grade, "outstanding");
  EXPECT_EQ(card.areas[0].grade, "requires improvement");
  EXPECT_EQ(card.areas[0].capped_by, (std::vector<std::string>{"C-1"}));
}

// A cause of concern the inspectorate found in this force caps every level above it too,
// whatever method grades that level.
TEST_F(ScoreTest, ForceCauseOfConcernCapsAreaQuestionAndOverall) {
  const std::string rules = RuleLine("C-1", "ethics/vetting", 1, "force") +
                            RuleLine("P-1", "ethics/vetting", 9) +
                            RuleLine("P-2", "ethics/culture", 10);
  for (const char* overall : {"score", "median", "worst"}) {
    Load(rules, std::string("  grading: { aggregation: { overall: ") + overall + " } }\n");
    Scorecard card = ScoreOutcomes({O::kFail, O::kPass, O::kPass});
    EXPECT_EQ(Find(card.areas, "ethics/vetting")->grade, "requires improvement") << overall;
    EXPECT_EQ(Find(card.areas, "ethics/culture")->grade, "outstanding") << overall;
    const GradeResult* ethics = Find(card.questions, "ethics");
    ASSERT_NE(ethics, nullptr);
    EXPECT_DOUBLE_EQ(*ethics->score, 95);
    EXPECT_EQ(ethics->band_grade, "outstanding");
    EXPECT_EQ(ethics->grade, "requires improvement") << overall;
    EXPECT_EQ(ethics->capped_by, (std::vector<std::string>{"C-1"}));
    EXPECT_EQ(
        ethics->explanation,
        "score 95.0 (3 of 3 rules assessed, 100% of the weight) earns outstanding: 5.0 points "
        "above good; capped at requires improvement by failed force cause of concern C-1");
    EXPECT_EQ(card.overall.grade, "requires improvement") << overall;
    EXPECT_EQ(card.overall.method, overall);
    EXPECT_EQ(card.overall.capped_by, (std::vector<std::string>{"C-1"}));
  }
}

// A national cause of concern is addressed to every force: failing it is reported, never a cap.
TEST_F(ScoreTest, NationalCauseOfConcernNeverCaps) {
  for (const char* overall : {"score", "median", "worst"}) {
    Load(RuleLine("C-1", "ethics/vetting", 1, "national") + RuleLine("P-1", "ethics/vetting", 9) +
             RuleLine("P-2", "ethics/culture", 10),
         std::string("  grading: { aggregation: { question: ") + overall + ", overall: " + overall +
             " } }\n");
    Scorecard card = ScoreOutcomes({O::kFail, O::kPass, O::kPass});
    const GradeResult* overall_result = &card.overall;
    for (const GradeResult* g :
         {Find(card.areas, "ethics/vetting"), Find(card.questions, "ethics"), overall_result}) {
      EXPECT_EQ(g->grade, "outstanding") << g->id << " by " << overall;
      EXPECT_TRUE(g->capped_by.empty());
      EXPECT_EQ(g->national_concerns, (std::vector<std::string>{"C-1"}));
    }
    EXPECT_TRUE(Find(card.areas, "ethics/culture")->national_concerns.empty());
    EXPECT_EQ(
        Find(card.areas, "ethics/vetting")->explanation,
        "score 90.0 (2 of 2 rules assessed, 100% of the weight) earns outstanding: 0.0 points "
        "above good; failed national cause of concern (addressed to every force, capping "
        "nothing): C-1");
  }
}

// ---- min_rules ----

TEST_F(ScoreTest, FewerAssessedRulesThanMinRulesIsScoredButNotGraded) {
  Load(VettingRules(), "  grading: { min_rules: 4 }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed});
  const GradeResult& g = card.areas[0];
  ASSERT_TRUE(g.score.has_value());
  EXPECT_DOUBLE_EQ(*g.score, 100.0 * 4 / 6);
  EXPECT_FALSE(g.graded());
  EXPECT_EQ(g.band_grade, "");
  EXPECT_EQ(
      g.explanation,
      "not graded: 3 of 4 rules assessed, 75% of the weight; at least 4 assessed rules are needed");
}

TEST_F(ScoreTest, AssessedRulesExactlyAtMinRulesIsGraded) {
  Load(VettingRules(), "  grading: { min_rules: 3 }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed});
  EXPECT_EQ(card.areas[0].grade, "good");
}

TEST_F(ScoreTest, MinRulesAppliesToQuestionsGradedByScore) {
  Load(VettingRules() + RuleLine("F-1", "fairness/feedback", 2), "  grading: { min_rules: 2 }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPass, O::kPass, O::kPass, O::kPass});
  EXPECT_EQ(Find(card.questions, "ethics")->grade, "outstanding");
  const GradeResult* fairness = Find(card.questions, "fairness");
  EXPECT_FALSE(fairness->graded());
  EXPECT_EQ(
      fairness->explanation,
      "not graded: 1 of 1 rule assessed, 100% of the weight; at least 2 assessed rules are needed");
  // The overall takes the median of the one graded question of two: half is enough.
  EXPECT_EQ(card.overall.grade, "outstanding");
  EXPECT_EQ(
      card.overall.explanation,
      "the median of the question grades (outstanding; 1 of 2 questions graded) is outstanding; "
      "score 100.0 (5 of 5 rules assessed, 100% of the weight) alone would earn outstanding: "
      "10.0 points above good");
}

// ---- aggregation from child grades ----

// Workforce's three areas: one rule each, weighing 1.
std::string WorkforceRules() {
  return RuleLine("W-1", "workforce/wellbeing", 1) + RuleLine("W-2", "workforce/performance", 1) +
         RuleLine("W-3", "workforce/perceptions", 1);
}

TEST_F(ScoreTest, QuestionByMedianOfItsAreaGrades) {
  Load(WorkforceRules(), "  grading: { aggregation: { question: median } }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kPass});
  const GradeResult* q = Find(card.questions, "workforce");
  EXPECT_EQ(q->method, "median");
  EXPECT_EQ(q->grade, "outstanding");
  EXPECT_EQ(
      q->explanation,
      "the median of the area grades (outstanding, requires improvement, outstanding) is "
      "outstanding; "
      "score 83.3 (3 of 3 rules assessed, 100% of the weight) alone would earn good: 18.3 points "
      "above requires improvement, 6.7 below outstanding");
}

TEST_F(ScoreTest, QuestionByWorstOfItsAreaGrades) {
  Load(WorkforceRules(), "  grading: { aggregation: { question: worst } }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kPass});
  EXPECT_EQ(Find(card.questions, "workforce")->grade, "requires improvement");
}

// One of three areas graded is fewer than half: the median of one grade would be no judgement.
TEST_F(ScoreTest, MedianNeedsAtLeastHalfOfTheGroupsBelowGraded) {
  Load(WorkforceRules(), "  grading: { aggregation: { question: median } }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kNotAssessed, O::kNotAssessed});
  const GradeResult* q = Find(card.questions, "workforce");
  EXPECT_FALSE(q->graded());
  EXPECT_EQ(
      q->explanation,
      "not graded: 1 of 3 areas graded; the median needs at least half; score 100.0 (1 of 3 rules "
      "assessed, 33% of the weight) is not graded alone: at least 50% is needed");
  Load(WorkforceRules() + RuleLine("W-4", "workforce/wellbeing", 1),
       "  grading: { aggregation: { question: median } }\n");
  card = ScoreOutcomes({O::kPass, O::kNotAssessed, O::kFail, O::kFail});
  q = Find(card.questions, "workforce");
  EXPECT_EQ(q->grade, "inadequate");
  EXPECT_EQ(
      q->explanation,
      "the median of the area grades (requires improvement, inadequate; 2 of 3 areas graded) is "
      "inadequate; score 33.3 (3 of 4 rules assessed, 75% of the weight) alone would earn "
      "inadequate: 6.7 points below requires improvement");
}

TEST_F(ScoreTest, OverallWithNoQuestionGradedIsNotGraded) {
  Load(VettingRules());
  Scorecard card = ScoreOutcomes({O::kNotAssessed, O::kNotAssessed, O::kNotAssessed, O::kPass});
  EXPECT_FALSE(card.overall.graded());
  EXPECT_EQ(
      card.overall.explanation,
      "not graded: 0 of 1 question graded; the median needs at least half; score 100.0 (1 of 4 "
      "rules assessed, 25% of the weight) is not graded alone: at least 50% is needed");
}

TEST_F(ScoreTest, GroupsRulesByAreaQuestionAndWhole) {
  Load(VettingRules() + RuleLine("C-1", "ethics/culture", 4) +
       RuleLine("F-1", "fairness/feedback", 2));
  Scorecard card =
      ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kNotAssessed, O::kPass, O::kFail});
  // Areas in pack order; an area without rules is left out.
  ASSERT_EQ(card.areas.size(), 3u);
  EXPECT_EQ(card.areas[0].id, "ethics/vetting");
  EXPECT_EQ(card.areas[1].id, "ethics/culture");
  EXPECT_EQ(card.areas[2].id, "fairness/feedback");
  ASSERT_EQ(card.questions.size(), 2u);
  EXPECT_EQ(card.questions[0].id, "ethics");
  EXPECT_EQ(card.questions[0].counts.total(), 5);
  EXPECT_EQ(card.questions[0].total_weight, 12);
  EXPECT_DOUBLE_EQ(*card.questions[0].score, 100.0 * (3 + 1 + 4) / 10);
  EXPECT_EQ(card.questions[1].id, "fairness");
  EXPECT_DOUBLE_EQ(*card.questions[1].score, 0);
  EXPECT_EQ(card.overall.counts.total(), 6);
  EXPECT_EQ(card.overall.total_weight, 14);
  EXPECT_EQ(card.overall.assessed_weight, 12);
  EXPECT_DOUBLE_EQ(*card.overall.score, 100.0 * 8 / 12);
  // The overall is the median of the question grades: of two, the lower.
  EXPECT_EQ(card.overall.grade, "inadequate");
  EXPECT_EQ(card.overall.band_grade, "good");
  EXPECT_EQ(
      card.overall.explanation,
      "the median of the question grades (good, inadequate) is inadequate; score 66.7 (5 of 6 "
      "rules assessed, 86% of the weight) alone would earn good: 1.7 points above requires "
      "improvement, 23.3 below outstanding");
  EXPECT_EQ(card.scale, &pack_.scales[0]);
  EXPECT_EQ(card.grading.min_coverage, 0.5);
}

TEST_F(ScoreTest, QuestionWithoutRulesIsLeftOut) {
  Load(RuleLine("V-1", "ethics/vetting", 1));
  Scorecard card = ScoreOutcomes({O::kPass});
  ASSERT_EQ(card.questions.size(), 1u);
  EXPECT_EQ(card.questions[0].id, "ethics");
}

TEST_F(ScoreTest, ScoreOnBandBoundaryEarnsTheBand) {
  Load(RuleLine("A-1", "ethics/vetting", 13) + RuleLine("A-2", "ethics/vetting", 7));
  Scorecard card = ScoreOutcomes({O::kPass, O::kFail});
  EXPECT_DOUBLE_EQ(*card.areas[0].score, 65);
  EXPECT_EQ(card.areas[0].grade, "good");
}

// Every report and explanation writes a score this way: one decimal.
TEST(FormatScoreTest, WritesOneDecimal) {
  EXPECT_EQ(FormatScore(0.0), "0.0");
  EXPECT_EQ(FormatScore(72.54), "72.5");
  EXPECT_EQ(FormatScore(72.56), "72.6");
  EXPECT_EQ(FormatScore(100.0), "100.0");
  EXPECT_EQ(FormatScore(std::optional<double>(), "-"), "-");
  EXPECT_EQ(FormatScore(std::optional<double>(65), ""), "65.0");
}

TEST(OutcomeCountsTest, AddsEachOutcome) {
  OutcomeCounts c;
  for (Outcome o : {Outcome::kPass, Outcome::kPass, Outcome::kPartial, Outcome::kFail,
                    Outcome::kNotAssessed, Outcome::kError, Outcome::kError}) {
    c.Add(o);
  }
  EXPECT_EQ(c.pass, 2);
  EXPECT_EQ(c.partial, 1);
  EXPECT_EQ(c.fail, 1);
  EXPECT_EQ(c.not_assessed, 1);
  EXPECT_EQ(c.error, 2);
  EXPECT_EQ(c.total(), 7);
}

}  // namespace
}  // namespace forcecheck
