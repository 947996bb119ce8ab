#include "score/aggregate.h"

#include <algorithm>

#include "score/score.h"

namespace forcecheck {
namespace {

std::string Points(double d) {
  if (d > 0 && d < 0.05) return "less than 0.1";
  return FormatScore(d);
}

}  // namespace

std::string GradeFromChildren(Aggregation method, const Scale& scale,
                              const std::vector<std::string>& grades) {
  std::vector<int> ranks;
  for (const std::string& g : grades) ranks.push_back(scale.Rank(g));
  std::sort(ranks.begin(), ranks.end());  // best (rank 0) first
  const size_t at = method == Aggregation::kWorst ? ranks.size() - 1 : ranks.size() / 2;
  return scale.bands[ranks[at]].grade;
}

std::string BandDistance(const Scale& scale, double score) {
  const std::vector<GradeBand>& bands = scale.bands;
  size_t band = 0;
  while (band + 1 < bands.size() && score < bands[band].min) ++band;
  std::string above, below;
  if (band + 1 < bands.size())
    above = Points(score - bands[band].min) + " points above " + bands[band + 1].grade;
  if (band > 0) {
    below = Points(bands[band - 1].min - score) + (above.empty() ? " points below " : " below ") +
            bands[band - 1].grade;
  }
  if (above.empty() || below.empty()) return above + below;
  return above + ", " + below;
}

}  // namespace forcecheck
