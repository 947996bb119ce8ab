#pragma once

// Mutation testing of a rule pack's tests (`forcecheck test DIR --mutate`; docs/formats.md,
// "Mutation testing"): each rule's check and partial is changed one way at a time
// (expr/mutate.h), and the pack's test cases that expect an outcome of that rule are run
// against each such mutant. A rule's `records` is not mutated: it never changes the rule's
// outcome, and rule tests expect outcomes only, so no test could kill such a mutant. A mutant is
// killed when at least one of those expectations is not met; one that no expectation notices
// survives, a sign that the rule's tests would not catch that mistake. A mutant that does not
// compile is counted apart, in neither.
//
// A mutant changes one rule, so only the cases naming that rule run, on evidence the caller
// loaded once; mutants are shared out among workers (base/parallel.h), each result written to
// its own place, so the report does not depend on how they were shared out.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "eval/evaluate.h"
#include "evidence/evidence.h"
#include "rules/rule_pack.h"
#include "rules/rule_tests.h"

namespace forcecheck {

// One rule test case, ready to run: its evidence loaded and its evaluation options set.
// The test, the evidence and the pack its expectations point into must outlive the run.
struct MutationCase {
  const RuleTestCase* test = nullptr;
  const Evidence* evidence = nullptr;
  EvalOptions options;
};

enum class MutantFate { kKilled, kSurvived, kNotCompiled };
inline constexpr EnumName<MutantFate> kMutantFates[] = {{MutantFate::kKilled, "killed"},
                                                        {MutantFate::kSurvived, "survived"},
                                                        {MutantFate::kNotCompiled, "not compiled"}};
inline const char* MutantFateName(MutantFate fate) { return NameIn(kMutantFates, fate); }
inline std::optional<MutantFate> ParseMutantFate(std::string_view name) {
  return ParseIn(kMutantFates, name);
}

struct MutantResult {
  const Rule* rule = nullptr;  // points into the pack
  std::string key;             // "check" or "partial"
  SourceLocation where;        // the change, in the rule file
  std::string description;     // "'<=' to '<'"
  std::string text;            // the mutated expression
  MutantFate fate = MutantFate::kSurvived;
};

struct MutationReport {
  // Rules in pack order; within a rule check, then partial; within those by place.
  std::vector<MutantResult> mutants;

  size_t Count(MutantFate fate) const;
  // Mutants that compiled: killed plus survived.
  size_t made() const { return Count(MutantFate::kKilled) + Count(MutantFate::kSurvived); }
  // Killed as a share of made, in percent; 100 when none was made.
  double Score() const;
  // Whether Score() is at least `threshold_percent`, compared exactly (not as printed).
  bool Meets(double threshold_percent) const;
};

// Makes every mutant of every rule of `pack` and runs `cases` against each. `schema_paths`
// are the evidence schema's paths the pack was checked against (nullptr: none), so mutants
// compile exactly as the rules did.
// REQUIRES: every expectation in `cases` is met by the unmutated pack.
MutationReport RunMutationTests(const RulePack& pack, const std::vector<MutationCase>& cases,
                                const std::map<std::string, expr::Type>* schema_paths);

}  // namespace forcecheck
