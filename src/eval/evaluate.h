#pragma once

// Evaluates every rule of a pack against a force's evidence. Each rule yields one finding with
// its outcome, the reason, and every piece of evidence it looked at with its place in the
// evidence file, so that an outcome can always be traced to the facts behind it.

#include <stdexcept>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/enum_names.h"
#include "diag/diagnostic.h"
#include "evidence/evidence.h"
#include "expr/evaluator.h"
#include "rules/rule_pack.h"

namespace forcecheck {

enum class Outcome { kPass, kPartial, kFail, kNotAssessed, kError };
// As reports print an outcome to people.
inline constexpr EnumName<Outcome> kOutcomeNames[] = {{Outcome::kPass, "pass"},
                                                      {Outcome::kPartial, "partial"},
                                                      {Outcome::kFail, "fail"},
                                                      {Outcome::kNotAssessed, "not assessed"},
                                                      {Outcome::kError, "error"}};
// As files name one: rule tests' `expect:`, machine-readable reports, HTML classes.
inline constexpr EnumName<Outcome> kOutcomeIds[] = {{Outcome::kPass, "pass"},
                                                    {Outcome::kPartial, "partial"},
                                                    {Outcome::kFail, "fail"},
                                                    {Outcome::kNotAssessed, "not_assessed"},
                                                    {Outcome::kError, "error"}};
inline const char* OutcomeName(Outcome o) { return NameIn(kOutcomeNames, o); }
inline const char* OutcomeId(Outcome o) { return NameIn(kOutcomeIds, o); }
inline std::optional<Outcome> ParseOutcome(std::string_view id) { return ParseIn(kOutcomeIds, id); }

// One piece of evidence a rule looked at.
struct EvidenceRef {
  std::string path;      // dotted, e.g. "vetting.aftercare.in_place"
  bool present = false;  // false: absent or null in the evidence file
  std::string value;     // as a user reads it; "absent" or "null" when not present
  SourceLocation where;  // in the evidence file; empty when absent
  std::string source;    // the fact's provenance, when the file gives it
};

// A register record a rule flags: where it is and the value of the register's key column.
// Other columns are never copied into findings (registers may hold personal data).
struct RecordRef {
  SourceLocation where;  // file and line of the record
  std::string key;       // e.g. the person or post id
};

// Findings keep at most this many records each; records_total says how many there were.
inline constexpr size_t kMaxRecordsPerFinding = 1000;

struct Finding {
  const Rule* rule = nullptr;  // points into the pack, which must outlive the finding
  Outcome outcome = Outcome::kNotAssessed;
  std::string reason;           // one sentence: why this outcome
  SourceLocation reason_where;  // for errors: the place in the rule that failed
  std::vector<EvidenceRef> evidence;
  std::vector<RecordRef> records;  // the rule's `records`, when it is not met
  size_t records_total = 0;
};

struct EvalOptions {
  Date as_of;  // the date `as_of()` returns: the evidence's own, or the --as-of override
  // The pack's parameters as this run sets them, in declaration order (ParameterValues in
  // rules/parameters.h); empty: every parameter has its default.
  std::vector<expr::Value> parameters = {};
  // Per-record expressions run compiled (expr/row_program.h); false runs them only through
  // the tree evaluator, which must give the same findings (tests compare the two).
  bool compiled = true;
};

// A failure of forcecheck itself while it evaluated a rule (expr::EngineFailure), which is never
// an outcome of the rule: it ends the command with exit 3 (kExitInternal in cli/cli.h), and
// what() names the rule and the place, e.g.
// "rule VET-010: in 'check' at rules/vetting.yaml:12:18: unresolved name 'a.b'".
class RuleEngineFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The functions below throw RuleEngineFailure (only) for such a failure.

// The finding for one rule (as Evaluate gives it).
Finding EvaluateOne(const Rule& rule, const Evidence& evidence, const EvalOptions& options);

// Evaluates `e` (a rule's check or partial) recording each sub-expression's value, for
// `forcecheck explain`.
void TraceRule(const CompiledExpr& e, const Evidence& evidence, const EvalOptions& options,
               expr::Trace& trace);

// One finding per rule, in the pack's rule order.
std::vector<Finding> Evaluate(const RulePack& pack, const Evidence& evidence,
                              const EvalOptions& options);

}  // namespace forcecheck
