#include "base/spelling.h"

#include <algorithm>

namespace forcecheck {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// How many edits a word of `length` characters may be from what it misspells.
size_t Threshold(size_t length) {
  if (length <= 2) return 0;  // one edit to 'x' makes any other letter
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rows of the dynamic-programming table: two back (for swaps), one back, this one.
  std::vector<size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      const bool same = Lower(a[i - 1]) == Lower(b[j - 1]);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

std::optional<std::string> ClosestName(std::string_view word,
                                       const std::vector<std::string>& candidates) {
  const size_t limit = Threshold(word.size());
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    const size_t d = EditDistance(word, c, limit);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string QuotedList(const std::vector<std::string>& names, const char* last_word,
                       size_t max_shown) {
  const size_t shown = std::min(names.size(), max_shown);
  const size_t rest = names.size() - shown;
  std::string out;
  for (size_t i = 0; i < shown; ++i) {
    const bool last = rest == 0 && i + 1 == shown;
    out += (i == 0 ? ""
            : last ? std::string(" ") + last_word + " "
                   : std::string(", ")) +
           "'" + names[i] + "'";
  }
  if (rest > 0) out += " and " + std::to_string(rest) + " more";
  return out;
}

std::string SuggestName(std::string_view word, const std::vector<std::string>& candidates,
                        const char* expected) {
  if (std::optional<std::string> close = ClosestName(word, candidates)) {
    return "; did you mean '" + *close + "'?";
  }
  if (candidates.empty()) return "";
  return std::string("; ") + expected + " " + QuotedList(candidates);
}

std::string UnknownValue(std::string_view what, std::string_view written,
                         const std::vector<std::string>& names) {
  return "unknown " + std::string(what) + " '" + std::string(written) + "'" +
         SuggestName(written, names);
}

}  // namespace forcecheck
