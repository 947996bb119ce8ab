#pragma once

// Mutants of a rule expression, for mutation testing of a pack's rule tests (`forcecheck test
// DIR --mutate`, docs/formats.md "Mutation testing"): each mutant is the expression's text with
// one change made at one place, to be compiled again the way the loader compiles the original.
//
// The changes (one mutant each, at every place they apply):
//   comparison   '<' to '<=', '<=' to '<', '>' to '>=', '>=' to '>', '==' to '!=', '!=' to '=='
//   logic        'and' to 'or', 'or' to 'and', 'not X' to 'X' (the 'not' dropped)
//   boolean      'true' to 'false', 'false' to 'true'
//   number       up and down by one unit of its last written digit: 90 to 89 and 91, 0.9 to 0.8
//                and 1.0, 2.25 to 2.24 and 2.26
//   duration     up and down by one of its own unit: 12mo to 11mo and 13mo (not below 0)
//   parameter    `params.x` of a number or duration type replaced by its default moved one
//                unit as above (the rule tests run with the defaults, so this is the threshold
//                the tests exercise); parameters of other types are left alone
// Mutating the text (rather than the tree) keeps every mutant something a rule author could
// have written, and the place of each change is the offset of a token they can see.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

struct Mutant {
  uint32_t offset = 0;      // where the change is, as a byte offset into the original text
  std::string description;  // "'<=' to '<'", "'not' dropped", "'params.max_age' to '13mo'"
  std::string text;         // the whole expression with the change made
};

// Every mutant of `source`, ordered by offset (then as the table above lists the changes), each
// text once: a change that gives a text already made is skipped.
// REQUIRES: `checked` is the tree that Parse and Check gave for `source` (parameter references
// are found in it, with their defaults).
std::vector<Mutant> MutantsOf(std::string_view source, const Expr& checked);

}  // namespace forcecheck::expr
