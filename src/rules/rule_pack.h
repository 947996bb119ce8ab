#pragma once

// The rule pack model: what inspectors expect of a force, as data. A pack is loaded and every
// expression in it parsed and checked once (rule_pack_loader.h); the evaluator only reads it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/enum_names.h"
#include "base/strings.h"
#include "diag/diagnostic.h"
#include "evidence/register.h"
#include "expr/ast.h"
#include "rules/grading.h"

namespace forcecheck {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
inline constexpr EnumName<Severity> kSeverities[] = {{Severity::kInfo, "info"},
                                                     {Severity::kLow, "low"},
                                                     {Severity::kMedium, "medium"},
                                                     {Severity::kHigh, "high"},
                                                     {Severity::kCritical, "critical"}};
inline const char* SeverityName(Severity s) { return NameIn(kSeverities, s); }
inline std::optional<Severity> ParseSeverity(std::string_view name) {
  return ParseIn(kSeverities, name);
}
inline const std::string kSeverityNames = Join(NamesIn(kSeverities), ", ");  // "info, low, ..."

// Where a rule's expectation comes from, so that a finding can be defended.
struct Citation {
  std::string document;
  std::string section;  // section, paragraph or page
  int year = 0;
  std::string url;  // empty when not public

  std::string ToString() const;  // "document, section (year)"
  bool operator==(const Citation&) const = default;
};

// An expression compiled at load time, with the map from its byte offsets back to the file.
struct CompiledExpr {
  std::string text;
  std::shared_ptr<const expr::Expr> ast;
  std::string file;
  std::vector<std::pair<uint32_t, uint32_t>> positions;  // (line, column) per byte, plus end

  SourceLocation At(uint32_t offset) const;
  // The same text at the same place, both compiled or neither (the trees are not compared).
  bool operator==(const CompiledExpr& o) const;
};

struct Rule {
  std::string id;
  std::string title;
  std::string area;
  Severity severity = Severity::kMedium;
  double weight = 1;
  CauseOfConcern cause_of_concern = CauseOfConcern::kNone;
  Citation source;
  std::string rationale;
  CompiledExpr check;
  std::optional<CompiledExpr> partial;
  // Register records to list when the rule is not met, e.g. `registers.vetting where
  // expires < as_of()`: findings point at each record's line in its file.
  std::optional<CompiledExpr> records;
  // A rule measuring the same expectation less directly (usually a fact-based rule that a
  // register rule measures record by record). When this rule is assessed, the superseded
  // rule is still reported but left out of scores, so one shortcoming is counted once.
  std::string supersedes;
  SourceLocation supersedes_where;
  std::string gap;
  std::string remediation;
  SourceLocation where;       // the rule's `id`
  SourceLocation area_where;  // the rule's `area`, for "unknown area"

  bool operator==(const Rule&) const = default;
};

struct GradeBand {
  std::string grade;
  double min = 0;  // lowest score (0..100) that earns the grade
  bool operator==(const GradeBand&) const = default;
};

struct Scale {
  std::string id;
  std::string title;
  std::string source;
  std::vector<GradeBand> bands;      // best first, `min` strictly falling, last min 0
  std::string cause_of_concern_cap;  // empty: no cap

  // The grade a score earns. REQUIRES: bands valid (loader checked).
  const std::string& GradeFor(double score) const;
  // 0 for the best grade, rising; -1 when the grade is not on this scale.
  int Rank(const std::string& grade) const;
  bool operator==(const Scale&) const = default;
};

struct Question {
  std::string id;
  std::string title;
  bool operator==(const Question&) const = default;
};

struct Area {
  std::string id;  // "question/subject"
  std::string title;
  std::string question() const { return id.substr(0, id.find('/')); }
  bool operator==(const Area&) const = default;
};

// A threshold the rules read as `params.<id>`, declared under `pack.parameters` with a default
// that a force or auditor may override (--set, --params) without editing the pack.
struct Parameter {
  std::string id;
  expr::Type type = expr::Type::kNumber;  // kNumber, kDuration, kDate, kText or kBool
  expr::Value default_value;              // of `type`
  std::string unit;                       // e.g. "percent", "days"; may be empty
  std::string description;
  bool local_choice = false;  // no national figure behind the default
  std::string source;         // where the default comes from; may be empty
  SourceLocation where;       // the declaration

  bool operator==(const Parameter& o) const;  // every field: list a new one there too
};

// A loaded pack, and the thing most of the program points into. The pointer graph:
//
//   RulePack owns everything it holds by value; each CompiledExpr shares ownership of its
//   syntax tree (shared_ptr), which nothing outside the pack keeps.
//   Into the elements of its vectors point: the trees' register references (expr::Expr::reg,
//   set by the checker), each loaded Register's `spec` (evidence/register.h), Finding::rule
//   and MutantResult::rule (eval), Scorecard::scale (score), RuleExpectation::rule and
//   ParameterSetting::parameter (rules).
//   Into the pack object itself points ReportInput::pack, for the length of one WriteReport.
//
// Each of these lives no longer than the pack. A move keeps them valid: moving a vector moves
// its heap buffer, so the elements, and with them every address above but ReportInput::pack,
// stay where they were. A copy would not (the copy's trees would still point at the
// original's registers), so RulePack is move-only. REQUIRES: no vector is resized once
// anything points into it (the loader finishes the pack before handing it out).
struct RulePack {
  RulePack() = default;
  RulePack(RulePack&&) = default;
  RulePack& operator=(RulePack&&) = default;
  RulePack(const RulePack&) = delete;
  RulePack& operator=(const RulePack&) = delete;

  std::string id;
  std::string title;
  std::string version;
  std::string description;
  std::string evidence_schema;  // path of the JSON Schema the rules' paths are checked against
  Grading grading;
  std::vector<Scale> scales;
  std::vector<Question> questions;
  std::vector<Area> areas;
  std::vector<Rule> rules;              // in file order, files in sorted order
  std::vector<RegisterSpec> registers;  // record-level registers the rules may read
  std::vector<Parameter> parameters;    // in declaration order; Ref::kParameter indexes it

  const Scale* FindScale(std::string_view id) const;
  const Area* FindArea(std::string_view id) const;
  const Question* FindQuestion(std::string_view id) const;
  const Rule* FindRule(std::string_view id) const;
  const RegisterSpec* FindRegister(std::string_view id) const;
  const Parameter* FindParameter(std::string_view id) const;

  // Equal packs read the same in every field (expressions by text and place, not tree).
  bool operator==(const RulePack&) const = default;
};
static_assert(!std::is_copy_constructible_v<RulePack> &&
              std::is_nothrow_move_constructible_v<RulePack>);

}  // namespace forcecheck
