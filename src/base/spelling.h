#pragma once

// "Did you mean": the one place that decides which known name a misspelt one stands for, used
// by every error about an unknown key, parameter, rule id, outcome or value.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace forcecheck {

// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
// substitutions and swaps of two adjacent characters each cost 1 (Damerau-Levenshtein without
// edits to a substring already edited). Stops counting at `limit`: any larger distance is
// returned as limit + 1. Bytes are compared case-insensitively (ASCII), so 'Met' is 0 from
// 'met'.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// The candidate `word` most likely misspells, or nullopt when none is close enough. Close
// enough: no edit (case aside) for words of 1 or 2 characters, at most 1 edit up to 4
// characters, 2 up to 8, then 3. A candidate equal
// to `word` is never suggested. Ties go to the earlier candidate.
std::optional<std::string> ClosestName(std::string_view word,
                                       const std::vector<std::string>& candidates);

// "'a', 'b' and 'c'" (or with `last` "or"): names quoted and joined, for lists of what is
// allowed. When there are more than `max_shown`, the first `max_shown` are named and the rest
// counted: "'a', 'b', 'c' and 9 more".
std::string QuotedList(const std::vector<std::string>& names, const char* last = "and",
                       size_t max_shown = 16);

// The tail of an unknown-name message: "; did you mean 'x'?" when a candidate is close,
// else "; expected one of 'a', 'b' and 'c'" (at most 16 named, then "and N more"); an empty
// list gives "".
std::string SuggestName(std::string_view word, const std::vector<std::string>& candidates,
                        const char* expected = "expected one of");

// The one wording of a loader's error for a value it does not know:
// "unknown severity 'hihg'; did you mean 'high'?", or, when none is close,
// "unknown severity 'x'; expected one of 'info', 'low', 'medium', 'high' and 'critical'".
std::string UnknownValue(std::string_view what, std::string_view written,
                         const std::vector<std::string>& names);

}  // namespace forcecheck
