#include "expr/row_program.h"

#include <cstdio>
#include <string>

#include "expr/evaluator.h"

namespace forcecheck::expr {

using Kind = Value::Kind;

Cell Cell::Of(const Value& v) {
  switch (v.kind()) {
    case Kind::kBool: return Bool(v.boolean());
    case Kind::kNumber: return Number(v.number());
    case Kind::kDate: return DateCell(v.date());
    case Kind::kText: return Text(v.text());
    case Kind::kDuration: return Duration(static_cast<int>(v.number()), v.unit());
    default: return Bad();
  }
}

Value Cell::ToValue() const {
  switch (kind()) {
    case Kind::kBool: return Value::Bool(b_);
    case Kind::kNumber: return Value::Number(n_);
    case Kind::kDate: return Value::DateValue(date());
    case Kind::kText: return Value::Text(std::string(text()));
    case Kind::kDuration: return Value::Duration(d_, unit_);
    default: return Value::Error("internal: an undecided cell", 0);
  }
}

// 32 bytes, two to a cache line.
struct RowProgram::Node {
  enum class Code : uint8_t {
    kLiteral,   // `literal`
    kOnce,      // names nothing of any record: evaluated by the host once a run (slot)
    kHandBack,  // evaluated by the host for each record (slot)
    kColumn,    // the cell at (scope, column)
    kExists,    // whether the cell at (scope, column) is filled
    kNot, kNeg, kAnd, kOr, kCompare, kArith,
    kInList,    // a (the value) in the list that node b (a kOnce) gives
  };
  Code code = Code::kLiteral;
  Op op = Op::kAnd;
  int32_t scope = 0;
  int32_t column = 0;
  uint32_t a = 0, b = 0;
  uint32_t slot = 0;  // kLiteral: index in literals_; kOnce, kHandBack: frame slot
  const Expr* expr = nullptr;
};

RowProgram::Frame::Frame(const RowProgram& program)
    : held_(program.slots_), constants_(program.slots_, Cell::Bad()), bound_(program.slots_, 0) {}

namespace {

void AppendFingerprint(const Expr& e, std::string& out) {
  out += std::to_string(static_cast<int>(e.kind)) + ":" + std::to_string(static_cast<int>(e.op)) + ":" +
         std::to_string(static_cast<int>(e.ref)) + ":" + std::to_string(e.scope) + ":" +
         std::to_string(e.column) + ":" + std::to_string(e.parameter) + ":" + (e.reg ? e.reg->id : "") + ":" +
         std::to_string(e.name.size()) + e.name + "[";
  for (const std::string& seg : e.path) out += std::to_string(seg.size()) + ":" + seg;
  out += "|";
  for (const std::string& seg : e.field) out += std::to_string(seg.size()) + ":" + seg;
  out += "|" + std::to_string(static_cast<int>(e.literal.kind())) + ":";
  if (e.kind == Expr::Kind::kLiteral || e.ref == Ref::kParameter) {
    switch (e.literal.kind()) {
      case Kind::kNumber: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%a", e.literal.number());  // exact
        out += buf;
        break;
      }
      case Kind::kText: out += std::to_string(e.literal.text().size()) + ":" + e.literal.text(); break;
      default: out += e.literal.ToString(); break;
    }
  }
  out += "](";
  for (const auto& a : e.args) {
    AppendFingerprint(*a, out);
    out += ",";
  }
  out += ")";
}

}  // namespace

RowProgram::RowProgram(const Expr& e) {
  root_ = Compile(e);
  AppendFingerprint(e, fingerprint_);
}
RowProgram::~RowProgram() = default;

size_t RowProgram::native_nodes() const { return nodes_.size() - slots_; }
static_assert(sizeof(Cell) == 16);
size_t RowProgram::handed_back_nodes() const { return slots_; }

uint32_t RowProgram::Compile(const Expr& e) {
  Node node;
  node.expr = &e;
  using Code = Node::Code;
  auto with_slot = [&](Code code) {
    node.code = code;
    node.slot = slots_++;
  };
  const bool column = e.kind == Expr::Kind::kPath && e.ref == Ref::kColumn;
  if (e.kind == Expr::Kind::kLiteral && !Cell::Of(e.literal).bad()) {
    node.slot = static_cast<uint32_t>(literals_.size());
    literals_.push_back(Cell::Of(e.literal));
  } else if (e.invariant || e.kind == Expr::Kind::kLiteral) {
    with_slot(Code::kOnce);
  } else if (column) {
    node.code = Code::kColumn;
    node.scope = e.scope;
    node.column = e.column;
  } else if (e.kind == Expr::Kind::kCall && e.name == "exists" && e.args.size() == 1 &&
             e.args[0]->kind == Expr::Kind::kPath && e.args[0]->ref == Ref::kColumn) {
    node.code = Code::kExists;
    node.scope = e.args[0]->scope;
    node.column = e.args[0]->column;
  } else if (e.kind == Expr::Kind::kUnary) {
    node.code = e.op == Op::kNot ? Code::kNot : Code::kNeg;
    node.a = Compile(*e.args[0]);
  } else if (e.kind == Expr::Kind::kBinary && e.op == Op::kIn) {
    const Expr& list = *e.args[1];
    if (e.indexed_in || !(list.invariant || list.kind == Expr::Kind::kLiteral)) {
      with_slot(Code::kHandBack);
    } else {
      node.code = Code::kInList;
      node.a = Compile(*e.args[0]);
      node.b = Compile(list);
    }
  } else if (e.kind == Expr::Kind::kBinary) {
    node.op = e.op;
    switch (e.op) {
      case Op::kAnd: node.code = Code::kAnd; break;
      case Op::kOr: node.code = Code::kOr; break;
      case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe:
        node.code = Code::kCompare;
        break;
      default: node.code = Code::kArith; break;
    }
    node.a = Compile(*e.args[0]);
    node.b = Compile(*e.args[1]);
  } else {
    with_slot(Code::kHandBack);
  }
  nodes_.push_back(node);
  return static_cast<uint32_t>(nodes_.size() - 1);
}

Cell RowProgram::Run(Frame& frame, Host& host, const Scope* scopes) const {
  return Eval(root_, frame, host, scopes);
}

namespace {

bool SameValue(const Cell& a, const Cell& b) {  // REQUIRES: one kind
  switch (a.kind()) {
    case Kind::kBool: return a.boolean() == b.boolean();
    case Kind::kNumber: return a.number() == b.number();
    case Kind::kDate: return a.date() == b.date();
    case Kind::kText: return a.text() == b.text();
    case Kind::kDuration: return a.amount() == b.amount() && a.unit() == b.unit();
    default: return false;
  }
}

Cell Ordered(Op op, int c) {
  return Cell::Bool(op == Op::kLt ? c < 0 : op == Op::kLe ? c <= 0 : op == Op::kGt ? c > 0 : c >= 0);
}

}  // namespace

// Mirrors the evaluator's operators (evaluator.cc) on decided values; every case in which
// the evaluator would give unknown or an error gives bad here.
namespace {

inline Cell ReadCell(const Register& reg, int column, uint32_t row) {
  const RegisterColumn& col = reg.columns[static_cast<size_t>(column)];
  if (!col.present[row]) return Cell::Bad();
  switch (col.type) {
    case ColumnType::kText: return Cell::Text(reg.Text(static_cast<size_t>(column), row));
    case ColumnType::kNumber: return Cell::Number(col.numbers[row]);
    case ColumnType::kDate: return Cell::DateCell(Date{col.dates[row]});
    case ColumnType::kBool: return Cell::Bool(col.flags[row] != 0);
  }
  return Cell::Bad();
}

}  // namespace

// Leaves without a call: most operands are a column or a literal.
inline Cell RowProgram::Operand(uint32_t n, Frame& frame, Host& host, const Scope* scopes) const {
  const Node& node = nodes_[n];
  if (node.code == Node::Code::kColumn) {
    const Scope& sc = scopes[node.scope];
    return ReadCell(*sc.reg, node.column, sc.row);
  }
  if (node.code == Node::Code::kLiteral) return literals_[node.slot];
  return Eval(n, frame, host, scopes);
}

Cell RowProgram::Eval(uint32_t n, Frame& frame, Host& host, const Scope* scopes) const {
  const Node& node = nodes_[n];
  using Code = Node::Code;
  switch (node.code) {
    case Code::kLiteral: return literals_[node.slot];
    case Code::kOnce:
      if (!frame.bound_[node.slot]) {
        frame.held_[node.slot] = host.EvalNode(*node.expr);
        frame.constants_[node.slot] = Cell::Of(frame.held_[node.slot]);
        frame.bound_[node.slot] = 1;
      }
      return frame.constants_[node.slot];
    case Code::kHandBack:
      frame.held_[node.slot] = host.EvalNode(*node.expr);
      return Cell::Of(frame.held_[node.slot]);
    case Code::kColumn: {
      const Scope& sc = scopes[node.scope];
      return ReadCell(*sc.reg, node.column, sc.row);
    }
    case Code::kExists: {
      const Scope& sc = scopes[node.scope];
      return Cell::Bool(sc.reg->columns[static_cast<size_t>(node.column)].present[sc.row] != 0);
    }
    case Code::kNot: {
      const Cell v = Operand(node.a, frame, host, scopes);
      return v.kind() == Kind::kBool ? Cell::Bool(!v.boolean()) : Cell::Bad();
    }
    case Code::kNeg: {
      const Cell v = Operand(node.a, frame, host, scopes);
      return v.kind() == Kind::kNumber ? Cell::Number(-v.number()) : Cell::Bad();
    }
    case Code::kAnd:
    case Code::kOr: {
      // Kleene: the side that decides (false for and, true for or) wins even over an
      // undecided other side; two sides that decide nothing give the identity.
      const bool is_and = node.code == Code::kAnd;
      const Cell l = Operand(node.a, frame, host, scopes);
      if (l.kind() == Kind::kBool && l.boolean() != is_and) return l;
      const Cell r = Operand(node.b, frame, host, scopes);
      if (r.kind() == Kind::kBool && r.boolean() != is_and) return r;
      if (l.kind() == Kind::kBool && r.kind() == Kind::kBool) return Cell::Bool(is_and);
      return Cell::Bad();
    }
    case Code::kCompare: {
      const Cell l = Operand(node.a, frame, host, scopes);
      const Cell r = Operand(node.b, frame, host, scopes);
      if (l.bad() || r.bad() || l.kind() != r.kind()) return Cell::Bad();
      if (node.op == Op::kEq || node.op == Op::kNe) return Cell::Bool(SameValue(l, r) == (node.op == Op::kEq));
      switch (l.kind()) {
        case Kind::kNumber: return Ordered(node.op, l.number() < r.number() ? -1 : l.number() > r.number());
        case Kind::kDate: return Ordered(node.op, l.date() < r.date() ? -1 : l.date() > r.date());
        case Kind::kText: {
          const int c = l.text().compare(r.text());
          return Ordered(node.op, c < 0 ? -1 : c > 0);
        }
        default: return Cell::Bad();
      }
    }
    case Code::kArith: {
      const Cell l = Operand(node.a, frame, host, scopes);
      const Cell r = Operand(node.b, frame, host, scopes);
      const bool add = node.op == Op::kAdd, sub = node.op == Op::kSub;
      if (l.kind() == Kind::kDate && r.kind() == Kind::kDuration && (add || sub)) {
        return Cell::DateCell(AddDuration(l.date(), add ? r.amount() : -r.amount(), r.unit()));
      }
      if (l.kind() == Kind::kDate && r.kind() == Kind::kDate && sub) {
        return Cell::Number(static_cast<double>(l.date().days - r.date().days));
      }
      if (l.kind() != Kind::kNumber || r.kind() != Kind::kNumber) return Cell::Bad();
      switch (node.op) {
        case Op::kAdd: return Cell::Number(l.number() + r.number());
        case Op::kSub: return Cell::Number(l.number() - r.number());
        case Op::kMul: return Cell::Number(l.number() * r.number());
        default: return r.number() == 0 ? Cell::Bad() : Cell::Number(l.number() / r.number());
      }
    }
    case Code::kInList: {
      const Cell l = Operand(node.a, frame, host, scopes);
      if (l.bad()) return Cell::Bad();
      if (nodes_[node.b].code != Code::kOnce) return Cell::Bad();
      Operand(node.b, frame, host, scopes);  // binds the list
      const Value& list = frame.held_[nodes_[node.b].slot];
      if (list.kind() != Kind::kList) return Cell::Bad();
      bool unknown = false;
      for (const Value& item : list.items()) {
        if (item.is_unknown()) unknown = true;
        else if (item.kind() == l.kind() && SameValue(Cell::Of(item), l)) return Cell::Bool(true);
      }
      return unknown ? Cell::Bad() : Cell::Bool(false);
    }
  }
  return Cell::Bad();
}

const std::vector<uint64_t>* EvalState::KnownAnswers(const RowProgram& program, const Register& reg) const {
  auto it = answers_.find({&reg, program.fingerprint()});
  return it == answers_.end() ? nullptr : &it->second;
}

void EvalState::KeepAnswers(const RowProgram& program, const Register& reg, std::vector<uint64_t> bits) {
  answers_[{&reg, program.fingerprint()}] = std::move(bits);
}

const RowProgram& EvalState::Program(const Expr& each) {
  std::unique_ptr<RowProgram>& program = programs_[&each];
  if (!program) program = std::make_unique<RowProgram>(each);
  return *program;
}

}  // namespace forcecheck::expr
