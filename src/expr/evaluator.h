#pragma once

// Evaluates a checked expression against an environment. Never throws on bad data: a value of
// the wrong kind gives an error value, absent evidence an unknown value, and `and`/`or` follow
// three-valued (Kleene) logic so that an unknown operand decides nothing the other operand
// does not already decide. Over collections the same holds record by record: a `where`,
// count, pct, sum... whose condition or value is unknown for any record is unknown as a
// whole (its reason names the record), so a blank cell is never counted as zero or as a pass.
//
// The operators and the reading of a register cell are in operators.h, shared with the
// compiled form of per-record expressions (row_program.h); the evaluator adds the words of
// their errors.

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

class RowProgram;

// A failure of the evaluator itself, never of a rule or of the evidence: a node the checker
// should have resolved, a kind no engine knows, a value asked of a cell that has none. It is
// thrown, not given as an error value, so that it can never stand as a rule's outcome:
// Evaluate in eval/evaluate.h names the rule, and the command ends with exit 3.
class EngineFailure : public std::logic_error {
 public:
  EngineFailure(const std::string& what, uint32_t offset);
  uint32_t offset() const { return offset_; }  // into the expression's text

 private:
  uint32_t offset_;
};

// What an expression can see.
class Environment {
 public:
  virtual ~Environment() = default;
  // The value at a dotted evidence path: unknown when absent or null, a section (with a
  // handle) for a mapping. An implementation may record the access.
  virtual Value Lookup(const std::vector<std::string>& path) = 0;
  // A field of a list item that is a section (a Value::Section with the handle Lookup gave).
  // The default knows no fields.
  virtual Value Field(const Value& section, const std::vector<std::string>& path);
  // The loaded register, or nullptr when the evidence does not supply it. May record access.
  // The default has no registers.
  virtual const Register* FindRegister(const RegisterSpec& spec);
  virtual Date as_of() const = 0;
  // The value of the pack's parameter number `index` (declaration order) when the run
  // overrides it; nullopt means its default. The default overrides nothing.
  virtual std::optional<Value> Parameter(int index) const;
};

// Hash indexes on register columns, built on first use and kept for every rule evaluated
// with the same state, so a cross-register lookup costs one pass over each register; and
// the compiled form of each per-record expression (row_program.h), made on first use.
class EvalState {
 public:
  EvalState();
  ~EvalState();
  struct ColumnIndex;
  const ColumnIndex& Index(const Register& reg, int column);
  // Appends to `out`, in file order, the rows whose cell equals `key` and, when
  // `with_empty`, the rows whose cell is empty. False when `key` is not of the column's type.
  bool Rows(const Register& reg, int column, const Value& key, bool with_empty,
            std::vector<uint32_t>& out);
  const RowProgram& Program(const Expr& each);
  // Whether per-record expressions run compiled (the default) or only through the tree
  // evaluator: the two must agree, and tests compare them.
  bool compiled() const { return compiled_; }
  void set_compiled(bool on) { compiled_ = on; }
  // Whether a compiled program may run over blocks of records at once (RowProgram::RunBlock,
  // the default) or only record by record: the two must agree too (the differential fuzz
  // target compares all three ways).
  bool blocks() const { return blocks_; }
  void set_blocks(bool on) { blocks_ = on; }

  // The answers, a bit per record, of a condition every record of `reg` was found to have a
  // true or false answer to (evaluated at the top level, so with no other record in scope),
  // are kept while a RuleAnswers of the state lives, and die with it; with none alive, none
  // are kept. A replay reads nothing from the environment, so answers must not outlive the
  // list of evidence read they were found under: Evaluate in eval/evaluate.h holds one
  // RuleAnswers for each rule, whose check, partial and records share one list.
  class RuleAnswers {
   public:
    // Hides the answers of an outer RuleAnswers of `state` until this one ends.
    // REQUIRES: `state` outlives it, and RuleAnswers of one state end in reverse order.
    explicit RuleAnswers(EvalState& state);
    ~RuleAnswers();
    RuleAnswers(const RuleAnswers&) = delete;
    RuleAnswers& operator=(const RuleAnswers&) = delete;

   private:
    friend class EvalState;
    EvalState& state_;
    RuleAnswers* outer_;
    std::map<std::pair<const Register*, std::string>, std::vector<uint64_t>> answers_;
  };
  const std::vector<uint64_t>* KnownAnswers(const RowProgram& program, const Register& reg) const;
  void KeepAnswers(const RowProgram& program, const Register& reg, std::vector<uint64_t> bits);

 private:
  std::map<std::pair<const Register*, int>, std::unique_ptr<ColumnIndex>> indexes_;
  std::map<const Expr*, std::unique_ptr<RowProgram>> programs_;
  RuleAnswers* answers_ = nullptr;  // the innermost alive, or none
  bool compiled_ = true;
  bool blocks_ = true;
};

// Sub-expression values recorded for `forcecheck explain` (outside any per-record scope).
using Trace = std::map<const Expr*, Value>;

// Throws EngineFailure (only) for a failure of the evaluator itself.
Value Evaluate(const Expr& expr, Environment& env, EvalState& state, Trace* trace = nullptr);
Value Evaluate(const Expr& expr, Environment& env);  // with a state of its own

// A cell of a register as a value: unknown when empty, with the reason naming the record.
Value CellValue(const Register& reg, int column, uint32_t row);

}  // namespace forcecheck::expr
