#pragma once

// Per-record expressions compiled to a flat form, so that a condition tested on every record
// of a register (`registers.vetting where expires < as_of()`, `pct(registers.appraisals,
// completed)`) runs without building a Value per node per record.
//
// The program computes only *decided* results: true, a number, a date, text read in place
// from the register's bytes. Whenever any part of it would be unknown or an error (a blank
// cell, a type mismatch, a division by zero) it gives up on that record, and the evaluator
// evaluates the record again the ordinary way, which produces the exact value and reason.
// So the two paths cannot disagree on anything a user sees: the program either agrees with
// the tree-walking evaluator or defers to it. Both run the one implementation of the operators
// and of reading a cell (operators.h).
//
// The program is the expression in postfix order, run on a stack of cells, with `and` and
// `or` jumping over their right side when the left decides (as the evaluator skips it). What
// the program cannot do itself (nested aggregates, list items, functions other than exists)
// it hands back to the evaluator node by node, with the record in scope; nodes that name
// nothing of any record are evaluated once, the first time they are reached.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

struct Group;
struct BlockStack;

// What is in scope inside a `where`, `by` or an aggregate's per-element argument.
struct Scope {
  const Register* reg = nullptr;  // a register record: reg and row
  uint32_t row = 0;
  const Value* item = nullptr;   // a list item
  const Group* group = nullptr;  // a group
};

// A decided scalar, or "bad" (the record needs the ordinary evaluator). Text is a view into
// a register, a literal, or a value the frame holds for the duration of the run. It has the
// factories and accessors of a Value of its kinds, so that the operators (operators.h) and code
// over elements can take either.
class Cell {
 public:
  static Cell Bad() { return Cell(); }
  static Cell Bool(bool b) {
    Cell c(Value::Kind::kBool);
    c.b_ = b;
    return c;
  }
  static Cell Number(double n) {
    Cell c(Value::Kind::kNumber);
    c.n_ = n;
    return c;
  }
  static Cell DateValue(Date d) {
    Cell c(Value::Kind::kDate);
    c.d_ = d.days;
    return c;
  }
  static Cell Text(std::string_view s) {
    Cell c(Value::Kind::kText);
    c.p_ = s.data();
    c.len_ = static_cast<uint32_t>(s.size());
    return c;
  }
  static Cell Duration(int amount, char unit) {
    Cell c(Value::Kind::kDuration);
    c.d_ = amount;
    c.unit_ = unit;
    return c;
  }
  // A decided scalar value as a cell; bad for anything else (unknown, error, collections).
  static Cell Of(const Value& v);

  bool bad() const { return kind() == Value::Kind::kError; }
  Value::Kind kind() const { return static_cast<Value::Kind>(kind_); }
  bool is_unknown() const { return false; }
  bool is_error() const { return bad(); }
  bool is_decided() const { return !bad(); }
  bool boolean() const { return b_; }
  double number() const { return n_; }
  Date date() const { return Date{d_}; }
  std::string_view text() const { return std::string_view(p_, len_); }
  int amount() const { return d_; }
  char unit() const { return unit_; }
  Value ToValue() const;  // REQUIRES: !bad() (else an EngineFailure, evaluator.h)

 private:
  Cell() = default;
  explicit Cell(Value::Kind k) : kind_(static_cast<uint8_t>(k)) {}

  // 16 bytes, so that a cell is returned in registers.
  uint8_t kind_ = static_cast<uint8_t>(Value::Kind::kError);
  bool b_ = false;
  char unit_ = 0;
  uint32_t len_ = 0;
  union {
    double n_;
    int32_t d_;  // a date's days, a duration's amount
    const char* p_ = nullptr;
  };
};

class RowProgram {
 public:
  // What a program needs of the evaluator running it.
  class Host {
   public:
    virtual ~Host() = default;
    // `e` evaluated the ordinary way, with the current record in scope.
    virtual Value EvalNode(const Expr& e) = 0;
  };

  // Values a program has asked its host for: those of record-independent nodes, kept for as
  // long as the frame is (an evaluator keeps one frame a program for its life, and such a
  // value is the same throughout), and the latest value of every other node handed back,
  // kept so that text cells may point into them.
  class Frame {
   public:
    explicit Frame(const RowProgram& program);
    ~Frame();
    Frame(const Frame&) = delete;
    Frame& operator=(const Frame&) = delete;

   private:
    friend class RowProgram;
    std::vector<Value> held_;
    std::vector<Cell> constants_;
    std::vector<uint8_t> bound_;
    std::vector<Cell> stack_;
    std::unique_ptr<BlockStack> block_;  // RunBlock's, made on its first call
  };

  explicit RowProgram(const Expr& e);
  ~RowProgram();
  RowProgram(const RowProgram&) = delete;
  RowProgram& operator=(const RowProgram&) = delete;

  // The expression's value for the record(s) in `scopes` (indexed as Expr::scope is), or
  // bad. The host may push and pop scopes while it evaluates a node handed back.
  Cell Run(Frame& frame, Host& host, const std::vector<Scope>& scopes) const;

  // The most records RunBlock takes at once.
  static constexpr size_t kBlock = 256;

  // Whether RunBlock may be used. It may not when a record-independent node the program
  // would evaluate reads the evidence or a register: RunBlock may evaluate such a node for a
  // block before Run would have reached it, and reads are recorded (as a rule's evidence) in
  // the order they happen.
  bool runs_by_blocks() const { return by_blocks_; }

  // Runs the program over `count` (at most kBlock) records at once: the records rows[0..count),
  // or with `rows` null the records first..first + count - 1, of the register in the innermost
  // scope, scopes.back(), whose `row` it ignores; the other scopes stay as they are. out[i] is what
  // Run would give for rows[i], or bad where the record must be run by Run: wherever Run would hand
  // a node back to the host, and wherever the value is not decided. Each operation is done for the
  // whole block at once, on values of one kind, and the right side of `and` and `or` only for the
  // records whose left side did not decide (skipped when there are none), as Run does record by
  // record; a record-independent node is evaluated once, when the first record reaches it, as in
  // Run.
  void RunBlock(Frame& frame, Host& host, const std::vector<Scope>& scopes, uint32_t first,
                const uint32_t* rows, size_t count, Cell* out) const;

  // How many nodes the program runs itself and how many it hands to the host (for tests).
  size_t native_nodes() const;
  size_t handed_back_nodes() const;

  // The expression's structure as resolved by the checker, without its position: two
  // expressions with one fingerprint compute the same value for the same record and
  // environment, wherever they are written.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  struct Instr;
  void Compile(const Expr& e, size_t depth);
  Cell Once(int32_t i, Frame& frame, Host& host) const;
  bool CanRunByBlocks() const;

  std::vector<Instr> code_;
  std::vector<Cell> literals_;
  std::vector<const Expr*> exprs_;  // nodes the host evaluates, once a frame or for each record
  size_t max_depth_ = 0;            // the most cells the program keeps on its stack
  size_t native_ = 0;
  std::string fingerprint_;
  bool by_blocks_ = false;
};

}  // namespace forcecheck::expr
