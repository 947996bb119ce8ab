#include "score/score.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "base/strings.h"
#include "expr/value.h"
#include "score/aggregate.h"

namespace forcecheck {

void OutcomeCounts::Add(Outcome o) {
  switch (o) {
    case Outcome::kPass: ++pass; break;
    case Outcome::kPartial: ++partial; break;
    case Outcome::kFail: ++fail; break;
    case Outcome::kNotAssessed: ++not_assessed; break;
    case Outcome::kError: ++error; break;
  }
}

namespace {

std::string Percent(double share) { return expr::FormatNumber(std::round(share * 100)) + "%"; }

bool Assessed(Outcome o) {
  return o == Outcome::kPass || o == Outcome::kPartial || o == Outcome::kFail;
}

std::string Ids(const std::vector<std::string>& ids) { return Join(ids, ", "); }

std::string Plural(const std::vector<std::string>& ids, const std::string& one,
                   const std::string& many) {
  return ids.size() > 1 ? many : one;
}

class Scorer {
 public:
  Scorer(const RulePack& pack, const Scale& scale, const std::vector<Finding>& findings)
      : pack_(pack), scale_(scale), findings_(findings) {
    for (const Finding& f : findings) {
      if (!f.rule->supersedes.empty() && Assessed(f.outcome))
        superseded_[f.rule->supersedes] = f.rule->id;
    }
  }

  // The group's counts, weights, score and failed causes of concern, not yet graded.
  GradeResult Tally(std::string id, std::string title,
                    const std::function<bool(const Rule&)>& in_group) {
    GradeResult g;
    g.id = std::move(id);
    g.title = std::move(title);
    double earned = 0;
    for (const Finding& f : findings_) {
      const Rule& r = *f.rule;
      if (!in_group(r)) continue;
      g.counts.Add(f.outcome);
      if (auto it = superseded_.find(r.id); it != superseded_.end()) {
        superseded_text_[g.id] +=
            (superseded_text_[g.id].empty() ? "" : ", ") + r.id + " by " + it->second;
        continue;
      }
      g.total_weight += r.weight;
      const bool unassessed = f.outcome == Outcome::kNotAssessed || f.outcome == Outcome::kError;
      const bool counts_as_fail =
          unassessed && pack_.grading.not_assessed == NotAssessedPolicy::kFail;
      if (unassessed && !counts_as_fail) continue;
      g.assessed_weight += r.weight;
      if (f.outcome == Outcome::kPass) earned += r.weight;
      if (f.outcome == Outcome::kPartial) earned += r.weight * pack_.grading.partial_credit;
      const bool failed = f.outcome == Outcome::kFail || counts_as_fail;
      if (failed && r.cause_of_concern == CauseOfConcern::kForce) g.capped_by.push_back(r.id);
      if (failed && r.cause_of_concern == CauseOfConcern::kNational)
        g.national_concerns.push_back(r.id);
    }
    if (g.assessed_weight > 0) g.score = 100.0 * earned / g.assessed_weight;
    return g;
  }

  // Grades `g` by the method the pack gives `level`. `children`: the groups of the level below
  // (a question's areas, the overall's questions); unused by `score`.
  void Grade(GradeResult& g, GradeLevel level, const std::vector<const GradeResult*>& children) {
    const AggregationMethod& method = MethodOf(pack_.grading.At(level));
    g.method = std::string(method.name);
    if (method.from_child_grades) {
      g.explanation =
          FromChildren(g, method, level, children) + "; " + ScoreSentence(g, /*alone=*/true);
    } else {
      g.explanation = ScoreSentence(g, /*alone=*/false);
      g.grade = g.band_grade;
    }
    Cap(g);
    if (!g.national_concerns.empty()) {
      g.explanation +=
          "; failed national cause" + Plural(g.national_concerns, "", "s") +
          " of concern (addressed to every force, capping nothing): " + Ids(g.national_concerns);
    }
    if (auto it = superseded_text_.find(g.id); it != superseded_text_.end()) {
      g.explanation += "; left out of the score as measured by another rule: " + it->second;
    }
  }

 private:
  // "12 of 14 rules assessed, 90% of the weight"; `assessed` gets the first number.
  std::string Basis(const GradeResult& g, int& assessed) const {
    const int rules = g.counts.total();
    assessed = rules - (pack_.grading.not_assessed == NotAssessedPolicy::kExclude
                            ? g.counts.not_assessed + g.counts.error
                            : 0);
    return std::to_string(assessed) + " of " + std::to_string(rules) +
           (rules == 1 ? " rule" : " rules") + " assessed, " + Percent(g.coverage()) +
           " of the weight";
  }

  // What the score earns (setting band_grade), or why it may not be graded. `alone`: the group
  // is graded otherwise, and this says what its score alone would earn.
  std::string ScoreSentence(GradeResult& g, bool alone) {
    int assessed = 0;
    const std::string basis = Basis(g, assessed);
    const Grading& grading = pack_.grading;
    std::string why_not;
    if (!g.score || g.coverage() + 1e-9 < grading.min_coverage) {
      why_not = "at least " + Percent(grading.min_coverage) + " is needed";
    } else if (assessed < grading.min_rules) {
      why_not = "at least " + std::to_string(grading.min_rules) + " assessed rules are needed";
    }
    if (!why_not.empty()) {
      if (!alone) return "not graded: " + basis + "; " + why_not;
      return "score " + (g.score ? FormatScore(*g.score) : std::string("none")) + " (" + basis +
             ") is not graded alone: " + why_not;
    }
    g.band_grade = scale_.GradeFor(*g.score);
    const std::string distance = BandDistance(scale_, *g.score);
    return "score " + FormatScore(*g.score) + " (" + basis + ")" +
           (alone ? " alone would earn " : " earns ") + g.band_grade +
           (distance.empty() ? "" : ": " + distance);
  }

  // Sets g.grade from the graded children, or leaves it empty; says which.
  std::string FromChildren(GradeResult& g, const AggregationMethod& method, GradeLevel level,
                           const std::vector<const GradeResult*>& children) const {
    const std::string noun = level == GradeLevel::kQuestion ? "area" : "question";
    std::vector<std::string> grades;
    for (const GradeResult* c : children) {
      if (c->graded()) grades.push_back(c->grade);
    }
    const size_t total = children.size();
    const std::string of = std::to_string(grades.size()) + " of " + std::to_string(total) + " " +
                           noun + (total == 1 ? "" : "s") + " graded";
    if (grades.empty() || grades.size() * 2 < total) {
      return "not graded: " + of + "; the " + std::string(method.name) + " needs at least half";
    }
    g.grade = GradeFromChildren(method.id, scale_, grades);
    std::string list = Join(grades, ", ");
    if (grades.size() < total) list += "; " + of;
    return "the " + std::string(method.name) + " of the " + noun + " grades (" + list + ") is " +
           g.grade;
  }

  // A failed force cause of concern caps the grade, whatever gave it.
  void Cap(GradeResult& g) const {
    const std::string& cap = scale_.cause_of_concern_cap;
    if (g.capped_by.empty() || cap.empty()) return;
    const std::string rules =
        "failed force cause" + Plural(g.capped_by, "", "s") + " of concern " + Ids(g.capped_by);
    if (g.graded() && scale_.Rank(g.grade) < scale_.Rank(cap)) {
      g.grade = cap;
      g.explanation += "; capped at " + cap + " by " + rules;
    } else {
      g.explanation += "; " + rules + " would cap it at " + cap;
    }
  }

  const RulePack& pack_;
  const Scale& scale_;
  const std::vector<Finding>& findings_;
  std::map<std::string, std::string>
      superseded_;  // superseded rule id -> the rule that measured it
  std::map<std::string, std::string> superseded_text_;  // group id -> "A by B, C by D"
};

std::vector<const GradeResult*> Within(const std::vector<GradeResult>& groups,
                                       const std::string& prefix) {
  std::vector<const GradeResult*> out;
  for (const GradeResult& g : groups) {
    if (g.id.compare(0, prefix.size(), prefix) == 0) out.push_back(&g);
  }
  return out;
}

}  // namespace

std::string FormatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", score);
  return buf;
}

std::string FormatScore(const std::optional<double>& score, std::string_view absent) {
  return score ? FormatScore(*score) : std::string(absent);
}

Scorecard Score(const RulePack& pack, const std::vector<Finding>& findings, const Scale& scale) {
  Scorecard card;
  card.scale = &scale;
  card.grading = pack.grading;
  Scorer scorer(pack, scale, findings);
  for (const Area& a : pack.areas) {
    GradeResult g = scorer.Tally(a.id, a.title, [&](const Rule& r) { return r.area == a.id; });
    if (g.counts.total() == 0) continue;
    scorer.Grade(g, GradeLevel::kArea, {});
    card.areas.push_back(std::move(g));
  }
  for (const Question& q : pack.questions) {
    const std::string prefix = q.id + "/";
    GradeResult g = scorer.Tally(q.id, q.title, [&](const Rule& r) {
      return r.area.compare(0, prefix.size(), prefix) == 0;
    });
    if (g.counts.total() == 0) continue;
    scorer.Grade(g, GradeLevel::kQuestion, Within(card.areas, prefix));
    card.questions.push_back(std::move(g));
  }
  card.overall = scorer.Tally("overall", pack.title, [](const Rule&) { return true; });
  scorer.Grade(card.overall, GradeLevel::kOverall, Within(card.questions, ""));
  return card;
}

}  // namespace forcecheck
