#include "eval/mutation_tests.h"

#include <algorithm>
#include <utility>

#include "base/parallel.h"
#include "expr/mutate.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {
namespace {

// The expressions of a rule that are mutated, in the order they are reported (not `records`:
// see mutation_tests.h).
constexpr const char* kKeys[] = {"check", "partial"};

// The rule's expression `key` (one of kKeys), or nullptr when the rule has none.
template <typename R>  // Rule or const Rule
auto Expression(R& rule, std::string_view key) -> decltype(&rule.check) {
  if (key == "check") return &rule.check;
  return rule.partial ? &*rule.partial : nullptr;
}

// A test expectation of one rule, with the case it belongs to.
struct Expectation {
  const MutationCase* test_case = nullptr;
  const RuleExpectation* expectation = nullptr;
};

// Every mutant of every compiled expression of the pack's rules, its fate not yet known.
std::vector<MutantResult> MakeMutants(const RulePack& pack) {
  std::vector<MutantResult> mutants;
  for (const Rule& rule : pack.rules) {
    for (const char* key : kKeys) {
      const CompiledExpr* e = Expression(rule, key);
      if (!e || !e->ast) continue;
      for (expr::Mutant& m : expr::MutantsOf(e->text, *e->ast)) {
        mutants.push_back(
            {&rule, key, e->At(m.offset), std::move(m.description), std::move(m.text)});
      }
    }
  }
  return mutants;
}

// Whether any expectation sees a different outcome from `rule` than it expects.
bool AnyNotMet(const Rule& rule, const std::vector<Expectation>& expectations) {
  return std::any_of(expectations.begin(), expectations.end(), [&](const Expectation& e) {
    const Finding f = EvaluateOne(rule, *e.test_case->evidence, e.test_case->options);
    return OutcomeId(f.outcome) != e.expectation->outcome;
  });
}

MutantFate FateOf(const MutantResult& m, const RulePack& pack,
                  const std::map<std::string, expr::Type>* schema_paths,
                  const std::vector<Expectation>& expectations) {
  Rule mutated = *m.rule;
  CompiledExpr& e = *Expression(mutated, m.key);
  e.text = m.text;
  Diagnostics ignored;  // a mutant that does not compile is counted, not reported
  CompileRuleExpression(e, m.key, pack, schema_paths, ignored);
  if (!e.ast) return MutantFate::kNotCompiled;
  return AnyNotMet(mutated, expectations) ? MutantFate::kKilled : MutantFate::kSurvived;
}

}  // namespace

size_t MutationReport::Count(MutantFate fate) const {
  return std::count_if(mutants.begin(), mutants.end(),
                       [&](const MutantResult& m) { return m.fate == fate; });
}

double MutationReport::Score() const {
  const size_t n = made();
  return n == 0 ? 100
                : 100.0 * static_cast<double>(Count(MutantFate::kKilled)) / static_cast<double>(n);
}

bool MutationReport::Meets(double threshold_percent) const {
  // killed / made >= threshold / 100, without dividing.
  return 100.0 * static_cast<double>(Count(MutantFate::kKilled)) >=
         threshold_percent * static_cast<double>(made());
}

MutationReport RunMutationTests(const RulePack& pack, const std::vector<MutationCase>& cases,
                                const std::map<std::string, expr::Type>* schema_paths) {
  std::map<const Rule*, std::vector<Expectation>> by_rule;
  for (const MutationCase& c : cases) {
    for (const RuleExpectation& e : c.test->expectations) by_rule[e.rule].push_back({&c, &e});
  }
  MutationReport report{MakeMutants(pack)};
  static const std::vector<Expectation> kNone;
  ParallelFor(report.mutants.size(), [&](size_t i, size_t) {
    MutantResult& m = report.mutants[i];
    auto it = by_rule.find(m.rule);
    m.fate = FateOf(m, pack, schema_paths, it == by_rule.end() ? kNone : it->second);
  });
  return report;
}

}  // namespace forcecheck
