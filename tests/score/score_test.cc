#include "score/score.h"

#include <gtest/gtest.h>

#include "testing/load_text.h"

namespace forcecheck {
namespace {

using testing::LoadPackText;
using testing::TempDir;

// Two questions; `ethics` has two areas. `grading` is spliced in before `scales`.
std::string PackYaml(const std::string& grading, const std::string& rules) {
  return "pack:\n"
         "  id: test-pack\n"
         "  title: Test pack\n"
         "  version: 0.1.0\n" +
         grading +
         "  scales:\n"
         "    - id: four\n"
         "      title: Four steps\n"
         "      bands:\n"
         "        - { grade: outstanding, min: 90 }\n"
         "        - { grade: good, min: 65 }\n"
         "        - { grade: requires improvement, min: 40 }\n"
         "        - { grade: inadequate, min: 0 }\n"
         "      cause_of_concern_cap: requires improvement\n"
         "  questions:\n"
         "    - { id: ethics, title: Ethics }\n"
         "    - { id: fairness, title: Fairness }\n"
         "  areas:\n"
         "    - { id: ethics/vetting, title: Vetting }\n"
         "    - { id: ethics/culture, title: Culture }\n"
         "    - { id: fairness/feedback, title: Feedback }\n"
         "    - { id: fairness/empty, title: No rules }\n"
         "rules:\n" +
         rules;
}

std::string RuleLine(const std::string& id, const std::string& area, int weight,
                     bool cause_of_concern = false) {
  return "  - {id: " + id + ", area: " + area + ", weight: " + std::to_string(weight) +
         (cause_of_concern ? ", cause_of_concern: true" : "") +
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
  EXPECT_EQ(g.explanation, "score 66.7 (3 of 4 rules assessed, 75% of the weight) earns good");
}

TEST_F(ScoreTest, NotAssessedCountsAsFailWhenPackSaysSo) {
  Load(VettingRules(), "  grading: { not_assessed: fail }\n");
  Scorecard card = ScoreOutcomes({O::kPass, O::kPartial, O::kFail, O::kError});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.assessed_weight, 8);
  EXPECT_DOUBLE_EQ(*g.score, 50);
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.explanation,
            "score 50.0 (4 of 4 rules assessed, 100% of the weight) earns requires improvement");
}

TEST_F(ScoreTest, ErrorIsLeftOutLikeNotAssessed) {
  Load(VettingRules());
  Scorecard card = ScoreOutcomes({O::kPass, O::kPass, O::kError, O::kNotAssessed});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.assessed_weight, 5);
  EXPECT_DOUBLE_EQ(*g.score, 100);
  EXPECT_EQ(g.counts.error, 1);
  EXPECT_EQ(g.explanation,
            "score 100.0 (2 of 4 rules assessed, 63% of the weight) earns outstanding");
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

TEST_F(ScoreTest, FailedCauseOfConcernCapsTheArea) {
  Load(RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("P-1", "ethics/vetting", 9));
  Scorecard card = ScoreOutcomes({O::kFail, O::kPass});
  const GradeResult& g = card.areas[0];
  EXPECT_DOUBLE_EQ(*g.score, 90);
  EXPECT_EQ(g.band_grade, "outstanding");
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.capped_by, (std::vector<std::string>{"C-1"}));
  EXPECT_EQ(g.explanation,
            "score 90.0 (2 of 2 rules assessed, 100% of the weight) earns outstanding; capped at "
            "requires improvement by failed cause-of-concern rule C-1");
}

TEST_F(ScoreTest, CapNamesEveryFailedCauseOfConcernRule) {
  Load(RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("C-2", "ethics/vetting", 1, true) +
       RuleLine("P-1", "ethics/vetting", 38));
  Scorecard card = ScoreOutcomes({O::kFail, O::kFail, O::kPass});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.grade, "requires improvement");
  EXPECT_EQ(g.capped_by, (std::vector<std::string>{"C-1", "C-2"}));
  EXPECT_EQ(g.explanation,
            "score 95.0 (3 of 3 rules assessed, 100% of the weight) earns outstanding; capped at "
            "requires improvement by failed cause-of-concern rules C-1, C-2");
}

TEST_F(ScoreTest, CapDoesNotRaiseAWorseGrade) {
  Load(RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("P-1", "ethics/vetting", 1));
  Scorecard card = ScoreOutcomes({O::kFail, O::kFail});
  const GradeResult& g = card.areas[0];
  EXPECT_EQ(g.grade, "inadequate");
  EXPECT_EQ(g.explanation,
            "score 0.0 (2 of 2 rules assessed, 100% of the weight) earns inadequate; failed "
            "cause-of-concern rule C-1 would cap it at requires improvement");
}

TEST_F(ScoreTest, PartlyMetCauseOfConcernDoesNotCap) {
  Load(RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("P-1", "ethics/vetting", 9));
  Scorecard card = ScoreOutcomes({O::kPartial, O::kPass});
  EXPECT_EQ(card.areas[0].grade, "outstanding");
  EXPECT_TRUE(card.areas[0].capped_by.empty());
}

TEST_F(ScoreTest, NotAssessedCauseOfConcernCapsOnlyWhenCountedAsFail) {
  const std::string rules =
      RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("P-1", "ethics/vetting", 19);
  Load(rules);
  EXPECT_EQ(ScoreOutcomes({O::kNotAssessed, O::kPass}).areas[0].grade, "outstanding");
  Load(rules, "  grading: { not_assessed: fail }\n");
  Scorecard card = ScoreOutcomes({O::kNotAssessed, O::kPass});
  EXPECT_EQ(card.areas[0].band_grade, "outstanding");
  EXPECT_EQ(card.areas[0].grade, "requires improvement");
  EXPECT_EQ(card.areas[0].capped_by, (std::vector<std::string>{"C-1"}));
}

TEST_F(ScoreTest, QuestionAndOverallNameButDoNotApplyTheCap) {
  Load(RuleLine("C-1", "ethics/vetting", 1, true) + RuleLine("P-1", "ethics/vetting", 9) +
       RuleLine("P-2", "ethics/culture", 10));
  Scorecard card = ScoreOutcomes({O::kFail, O::kPass, O::kPass});
  const GradeResult* ethics = Find(card.questions, "ethics");
  ASSERT_NE(ethics, nullptr);
  EXPECT_DOUBLE_EQ(*ethics->score, 95);
  EXPECT_EQ(ethics->grade, "outstanding");
  EXPECT_TRUE(ethics->capped_by.empty());
  EXPECT_EQ(ethics->explanation,
            "score 95.0 (3 of 3 rules assessed, 100% of the weight) earns outstanding; includes "
            "failed cause-of-concern rule C-1");
  EXPECT_EQ(card.overall.grade, "outstanding");
  EXPECT_EQ(card.overall.id, "overall");
  EXPECT_EQ(card.overall.title, "Test pack");
  EXPECT_EQ(Find(card.areas, "ethics/vetting")->grade, "requires improvement");
  EXPECT_EQ(Find(card.areas, "ethics/culture")->grade, "outstanding");
}

TEST_F(ScoreTest, GroupsRulesByAreaQuestionAndWhole) {
  Load(VettingRules() + RuleLine("C-1", "ethics/culture", 4) +
       RuleLine("F-1", "fairness/feedback", 2));
  Scorecard card = ScoreOutcomes(
      {O::kPass, O::kPartial, O::kFail, O::kNotAssessed, O::kPass, O::kFail});
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
  EXPECT_EQ(card.overall.explanation,
            "score 66.7 (5 of 6 rules assessed, 86% of the weight) earns good");
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
