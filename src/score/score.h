#pragma once

// Turns findings into scores and grades for each area, each inspection question and the whole,
// on one of the pack's grading scales. Every grade carries the explanation of how it was
// reached, so it can be defended from the findings alone.
//
// A rule earns credit 1 for pass, the pack's partial_credit for partial, 0 for fail. Rules not
// assessed (and rules in error, whose evidence could not be read) either drop out of the
// score or count as failed, as the pack's `not_assessed` setting says. Every group has a
// score, the weighted mean credit, 0..100, shown whatever grades it.
//
// A group's grade comes from the aggregation method the pack gives its level (Grading::At):
//   score   the score banded on the scale, when at least min_coverage of the group's weight
//           and at least min_rules rules are assessed (otherwise not graded); the explanation
//           says how far the score is from the bands either side
//   median, worst   from the grades of the groups below (a question's areas, the overall's
//           questions) that are graded, when at least half of them are (otherwise not graded)
// A failed force cause of concern (CauseOfConcern::kForce) caps its area, its question and the
// overall at the scale's cause_of_concern_cap, whatever the method; a failed national one caps
// nothing and is only named.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/evaluate.h"
#include "rules/rule_pack.h"

namespace forcecheck {

struct OutcomeCounts {
  int pass = 0, partial = 0, fail = 0, not_assessed = 0, error = 0;
  int total() const { return pass + partial + fail + not_assessed + error; }
  void Add(Outcome o);
};

struct GradeResult {
  std::string id;  // area id, question id, or "overall"
  std::string title;
  OutcomeCounts counts;
  double total_weight = 0;
  double assessed_weight = 0;
  std::optional<double> score;  // 0..100; empty when nothing could be assessed
  std::string method;           // the aggregation method's name (AggregationMethods)
  std::string band_grade;       // what the score alone earns; empty when it may not be graded
  std::string grade;            // by the method, after any cap; empty when not graded
  std::vector<std::string> capped_by;          // ids of failed force causes of concern in the group
  std::vector<std::string> national_concerns;  // ids of failed national causes of concern
  std::string explanation;

  double coverage() const { return total_weight > 0 ? assessed_weight / total_weight : 0; }
  bool graded() const { return !grade.empty(); }
};

struct Scorecard {
  const Scale* scale = nullptr;  // points into the pack
  Grading grading;
  std::vector<GradeResult> areas;      // in the pack's area order; areas without rules omitted
  std::vector<GradeResult> questions;  // in the pack's question order
  GradeResult overall;
};

// A score (0..100) as every report and explanation writes it: one decimal ("72.5", "100.0").
// Band minimums, differences of scores and credit in percent are written the same way.
std::string FormatScore(double score);
// As above, or `absent` when there is no score.
std::string FormatScore(const std::optional<double>& score, std::string_view absent);

// REQUIRES: `scale` belongs to `pack`; findings come from Evaluate on `pack`.
Scorecard Score(const RulePack& pack, const std::vector<Finding>& findings, const Scale& scale);

}  // namespace forcecheck
