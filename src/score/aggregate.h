#pragma once

// The arithmetic of grading, apart from the findings: a grade from the grades below it (the
// aggregation methods of rules/grading.h that read child grades) and how far a score stands
// from the edges of its band. Score (score.h) puts these together for each group.

#include <string>
#include <vector>

#include "rules/grading.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// The grade `method` gives from `grades`, each a grade of `scale`:
//   kMedian  the middle grade, ranked best first; of an even number, the lower of the two
//            middle grades (so one weak grade among good ones leaves good, two of four do not)
//   kWorst   the lowest grade
// REQUIRES: MethodOf(method).from_child_grades; `grades` not empty, each on `scale`.
std::string GradeFromChildren(Aggregation method, const Scale& scale,
                              const std::vector<std::string>& grades);

// How far `score` (0..100) stands from the edges of its band on `scale`, as the explanation of
// a score-graded group prints it after the grade: "6.3 points above requires improvement, 18.7
// below outstanding"; in the top band only the first half, in the bottom band "12.5 points
// below requires improvement"; "" on a scale of one band. Distances are in score points, to one
// decimal; a distance above 0 that would print as 0.0 prints as "less than 0.1".
// REQUIRES: the scale's bands valid (the loader checked them).
std::string BandDistance(const Scale& scale, double score);

}  // namespace forcecheck
