#include "score/score.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "expr/value.h"

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

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

bool Assessed(Outcome o) { return o == Outcome::kPass || o == Outcome::kPartial || o == Outcome::kFail; }

class Scorer {
 public:
  Scorer(const RulePack& pack, const Scale& scale, const std::vector<Finding>& findings)
      : pack_(pack), scale_(scale) {
    for (const Finding& f : findings) {
      if (!f.rule->supersedes.empty() && Assessed(f.outcome)) superseded_[f.rule->supersedes] = f.rule->id;
    }
  }

  // `capped`: whether failed cause-of-concern rules cap this group's grade (areas) or are only
  // named in its explanation (questions and the whole, whose grades come from their scores).
  GradeResult Group(std::string id, std::string title, const std::vector<Finding>& findings,
                    const std::function<bool(const Rule&)>& in_group, bool capped) {
    GradeResult g;
    g.id = std::move(id);
    g.title = std::move(title);
    double earned = 0;
    std::string superseded;
    for (const Finding& f : findings) {
      const Rule& r = *f.rule;
      if (!in_group(r)) continue;
      g.counts.Add(f.outcome);
      if (auto it = superseded_.find(r.id); it != superseded_.end()) {
        superseded += (superseded.empty() ? "" : ", ") + r.id + " by " + it->second;
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
      if (r.cause_of_concern && (f.outcome == Outcome::kFail || counts_as_fail)) {
        g.capped_by.push_back(r.id);
      }
    }
    if (g.assessed_weight > 0) g.score = 100.0 * earned / g.assessed_weight;
    Grade(g, capped);
    if (!superseded.empty()) g.explanation += "; left out of the score as measured by another rule: " + superseded;
    return g;
  }

 private:
  void Grade(GradeResult& g, bool capped) {
    const int rules = g.counts.total();
    const int assessed = rules - (pack_.grading.not_assessed == NotAssessedPolicy::kExclude
                                      ? g.counts.not_assessed + g.counts.error
                                      : 0);
    std::string basis = std::to_string(assessed) + " of " + std::to_string(rules) +
                        (rules == 1 ? " rule" : " rules") + " assessed, " + Percent(g.coverage()) + " of the weight";
    if (!g.score || g.coverage() + 1e-9 < pack_.grading.min_coverage) {
      g.explanation = "not graded: " + basis + "; at least " +
                      Percent(pack_.grading.min_coverage) + " is needed";
      return;
    }
    g.band_grade = scale_.GradeFor(*g.score);
    g.grade = g.band_grade;
    g.explanation = "score " + OneDecimal(*g.score) + " (" + basis + ") earns " + g.band_grade;
    const std::string& cap = scale_.cause_of_concern_cap;
    if (g.capped_by.empty() || cap.empty()) return;
    std::string ids;
    for (const std::string& id : g.capped_by) ids += (ids.empty() ? "" : ", ") + id;
    if (!capped) {
      g.explanation += "; includes failed cause-of-concern rule" +
                       std::string(g.capped_by.size() > 1 ? "s " : " ") + ids;
      g.capped_by.clear();
    } else if (scale_.Rank(g.band_grade) < scale_.Rank(cap)) {
      g.grade = cap;
      g.explanation += "; capped at " + cap + " by failed cause-of-concern rule" +
                       (g.capped_by.size() > 1 ? "s " : " ") + ids;
    } else {
      g.explanation += "; failed cause-of-concern rule" + std::string(g.capped_by.size() > 1 ? "s " : " ") +
                       ids + " would cap it at " + cap;
    }
  }

  const RulePack& pack_;
  const Scale& scale_;
  std::map<std::string, std::string> superseded_;  // superseded rule id -> the rule that measured it
};

}  // namespace

Scorecard Score(const RulePack& pack, const std::vector<Finding>& findings, const Scale& scale) {
  Scorecard card;
  card.scale = &scale;
  card.grading = pack.grading;
  Scorer scorer(pack, scale, findings);
  for (const Area& a : pack.areas) {
    GradeResult g = scorer.Group(a.id, a.title, findings,
                                 [&](const Rule& r) { return r.area == a.id; }, true);
    if (g.counts.total() > 0) card.areas.push_back(std::move(g));
  }
  for (const Question& q : pack.questions) {
    GradeResult g = scorer.Group(q.id, q.title, findings, [&](const Rule& r) {
      return r.area.compare(0, q.id.size() + 1, q.id + "/") == 0;
    }, false);
    if (g.counts.total() > 0) card.questions.push_back(std::move(g));
  }
  card.overall = scorer.Group("overall", pack.title, findings, [](const Rule&) { return true; }, false);
  return card;
}

}  // namespace forcecheck
