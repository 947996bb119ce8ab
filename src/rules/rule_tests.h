#pragma once

// Rule tests (format: docs/formats.md, "Rule tests"): the YAML files in a rule pack's `tests/`
// folder, each a list of cases that give a force's evidence (a base evidence file, a partial
// evidence tree merged over it, or both) and the outcome expected of some rules.
//
// The loader does the YAML work, so that yaml-cpp stays in the loaders: each case comes out as
// the text of a complete evidence file, ready for LoadEvidence.

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "diag/diagnostic.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// The outcome ids a test may expect, as OutcomeId (eval/evaluate.h) writes them.
inline constexpr const char* kTestOutcomeIds[] = {"pass", "partial", "fail", "not_assessed",
                                                  "error"};

struct RuleExpectation {
  const Rule* rule = nullptr;  // points into the pack, which must outlive it
  std::string outcome;         // one of kTestOutcomeIds
  SourceLocation where;        // the rule id in `expect:`
};

struct RuleTestCase {
  std::string name;
  SourceLocation where;  // the case's `name`
  std::optional<Date> as_of;
  // The evidence to load: `evidence_file` as it is when `evidence_text` is empty (no
  // overrides), else `evidence_text`, a whole evidence file whose register paths are absolute.
  std::string evidence_file;
  std::string evidence_text;
  std::vector<RuleExpectation> expectations;  // in the order written
};

struct RuleTestFile {
  std::string path;
  std::vector<RuleTestCase> cases;
};

// Reads every `*.yaml` / `*.yml` file directly in `<pack_dir>/tests` (for a pack that is one
// file, the `tests` folder beside it), in sorted order (none:
// an empty result). Every problem (malformed file, unknown rule id, unknown outcome, a base that
// cannot be read, a key in a case's `evidence:` that the pack's evidence schema does not allow)
// is added to `diags` at its place in the test file, with a did-you-mean where a known name is
// close; the result is nullopt when any of them is an error.
std::optional<std::vector<RuleTestFile>> LoadRuleTests(const std::string& pack_dir,
                                                       const RulePack& pack, Diagnostics& diags);

}  // namespace forcecheck
