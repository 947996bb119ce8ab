#include "expr/row_program.h"

#include <algorithm>
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

// One instruction of a program: the program is the expression in postfix order, run on a
// stack of cells. `and` and `or` jump over their right side when the left side decides.
struct RowProgram::Instr {
  enum class Code : uint8_t {
    kLiteral,   // push literals_[a]
    kOnce,      // push the value of record-independent node exprs_[a], evaluated once a run
    kBind,      // evaluate record-independent exprs_[a] once a run, pushing nothing
    kHandBack,  // push exprs_[a] as the host evaluates it for this record
    kColumn,    // push the cell at scope a, column b
    kExists,    // push whether the cell at scope a, column b is filled
    kTextIs,    // push the cell at scope a, column b compared (op: == or !=) with literals_[c]
    kMissing,   // push whether the cell at scope a, column b is blank (`not exists(...)`)
    kColumnsCmp,// push the cell at scope a, column b compared (op) with the cell at scope c >> 16,
                // column c & 0xFFFF
    kColumnCmp, // push the cell at scope a, column b compared (op) with a constant: the value
                // of record-independent exprs_[c], or literals_[-c - 1] when c < 0
    kNot, kNeg,
    kCompare,   // pop r and l, push l op r
    kArith,     // pop r and l, push l op r
    kInList,    // pop l, push whether it is in the list held for exprs_[a]
    kAndJump,   // when the top is false, jump to a (the top is the result)
    kOrJump,    // when the top is true, jump to a
    kAnd, kOr,  // pop r and l, push the Kleene combination (l did not decide)
  };
  Code code = Code::kLiteral;
  Op op = Op::kAnd;
  int32_t a = 0;
  int32_t b = 0;
  int32_t c = 0;
};

RowProgram::Frame::Frame(const RowProgram& program)
    : held_(program.exprs_.size()),
      constants_(program.exprs_.size(), Cell::Bad()),
      bound_(program.exprs_.size(), 0),
      stack_(program.max_depth_ + 1, Cell::Bad()) {}

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
  Compile(e, 0);
  AppendFingerprint(e, fingerprint_);
}
RowProgram::~RowProgram() = default;

size_t RowProgram::native_nodes() const { return native_; }
size_t RowProgram::handed_back_nodes() const { return exprs_.size(); }
static_assert(sizeof(Cell) == 16);

namespace {
bool IsColumn(const Expr& e) { return e.kind == Expr::Kind::kPath && e.ref == Ref::kColumn; }
bool IsExistsOfColumn(const Expr& e) {
  return e.kind == Expr::Kind::kCall && e.name == "exists" && e.args.size() == 1 && IsColumn(*e.args[0]);
}
bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt || op == Op::kGe;
}
}  // namespace

// Emits `e` so that it leaves one cell on a stack `depth` deep.
void RowProgram::Compile(const Expr& e, size_t depth) {
  using Code = Instr::Code;
  max_depth_ = std::max(max_depth_, depth + 1);
  auto emit = [&](Code code, int32_t a = 0, int32_t b = 0, Op op = Op::kAnd, int32_t c = 0) {
    code_.push_back(Instr{code, op, a, b, c});
  };
  auto slot = [&](const Expr& x) {
    exprs_.push_back(&x);
    return static_cast<int32_t>(exprs_.size() - 1);
  };
  ++native_;
  if (e.kind == Expr::Kind::kLiteral && !Cell::Of(e.literal).bad()) {
    emit(Code::kLiteral, static_cast<int32_t>(literals_.size()));
    literals_.push_back(Cell::Of(e.literal));
  } else if (e.invariant || e.kind == Expr::Kind::kLiteral) {
    --native_;
    emit(Code::kOnce, slot(e));
  } else if (IsColumn(e)) {
    emit(Code::kColumn, e.scope, e.column);
  } else if (IsExistsOfColumn(e)) {
    emit(Code::kExists, e.args[0]->scope, e.args[0]->column);
  } else if (e.kind == Expr::Kind::kUnary && e.op == Op::kNot && IsExistsOfColumn(*e.args[0])) {
    native_ += 1;  // not and exists (a column read by exists is not counted apart)
    const Expr& column = *e.args[0]->args[0];
    emit(Code::kMissing, column.scope, column.column);
  } else if (e.kind == Expr::Kind::kUnary) {
    Compile(*e.args[0], depth);
    emit(e.op == Op::kNot ? Code::kNot : Code::kNeg);
  } else if (e.kind == Expr::Kind::kBinary && e.op == Op::kIn && !e.indexed_in &&
             (e.args[1]->invariant || e.args[1]->kind == Expr::Kind::kLiteral)) {
    Compile(*e.args[0], depth);
    const int32_t list = slot(*e.args[1]);
    emit(Code::kBind, list);
    emit(Code::kInList, list);
  } else if (e.kind == Expr::Kind::kBinary && (e.op == Op::kEq || e.op == Op::kNe) && IsColumn(*e.args[0]) &&
             e.args[1]->kind == Expr::Kind::kLiteral && e.args[1]->literal.kind() == Kind::kText) {
    // `level_held == 'MV'`, the commonest test in the pack, in one step rather than three.
    native_ += 2;
    emit(Code::kTextIs, e.args[0]->scope, e.args[0]->column, e.op, static_cast<int32_t>(literals_.size()));
    literals_.push_back(Cell::Of(e.args[1]->literal));
  } else if (e.kind == Expr::Kind::kBinary && IsComparison(e.op) && IsColumn(*e.args[0]) && IsColumn(*e.args[1]) &&
             e.args[1]->scope < (1 << 15) && e.args[1]->column < (1 << 16)) {
    // `level_held == required_level`: one step rather than three.
    native_ += 2;
    emit(Code::kColumnsCmp, e.args[0]->scope, e.args[0]->column, e.op, (e.args[1]->scope << 16) | e.args[1]->column);
  } else if (e.kind == Expr::Kind::kBinary && IsComparison(e.op) && IsColumn(*e.args[0]) &&
             (e.args[1]->invariant || e.args[1]->kind == Expr::Kind::kLiteral)) {
    // `expires < as_of()`, `granted < as_of() - 12mo`: one step rather than three, doing what
    // kColumn, kLiteral or kOnce, and kCompare would.
    const Expr& constant = *e.args[1];
    const bool literal = constant.kind == Expr::Kind::kLiteral && !Cell::Of(constant.literal).bad();
    native_ += literal ? 2 : 1;
    if (literal) literals_.push_back(Cell::Of(constant.literal));
    emit(Code::kColumnCmp, e.args[0]->scope, e.args[0]->column, e.op,
         literal ? -static_cast<int32_t>(literals_.size()) : slot(constant));
  } else if (e.kind == Expr::Kind::kBinary && (e.op == Op::kAnd || e.op == Op::kOr)) {
    const bool is_and = e.op == Op::kAnd;
    Compile(*e.args[0], depth);
    const size_t jump = code_.size();
    emit(is_and ? Code::kAndJump : Code::kOrJump);
    Compile(*e.args[1], depth + 1);
    emit(is_and ? Code::kAnd : Code::kOr);
    code_[jump].a = static_cast<int32_t>(code_.size());
  } else if (e.kind == Expr::Kind::kBinary && e.op != Op::kIn) {
    Compile(*e.args[0], depth);
    Compile(*e.args[1], depth + 1);
    emit(IsComparison(e.op) ? Code::kCompare : Code::kArith, 0, 0, e.op);
  } else {
    --native_;
    emit(Code::kHandBack, slot(e));
  }
}

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

inline bool SameValue(const Cell& a, const Cell& b) {  // REQUIRES: one kind
  switch (a.kind()) {
    case Kind::kBool: return a.boolean() == b.boolean();
    case Kind::kNumber: return a.number() == b.number();
    case Kind::kDate: return a.date() == b.date();
    case Kind::kText: return a.text() == b.text();
    case Kind::kDuration: return a.amount() == b.amount() && a.unit() == b.unit();
    default: return false;
  }
}

inline Cell Ordered(Op op, int c) {
  return Cell::Bool(op == Op::kLt ? c < 0 : op == Op::kLe ? c <= 0 : op == Op::kGt ? c > 0 : c >= 0);
}

// The operators below mirror the evaluator's (evaluator.cc) on decided values; every case in
// which the evaluator would give unknown or an error gives bad here.

inline Cell CompareCells(Op op, const Cell& l, const Cell& r) {
  if (l.bad() || r.bad() || l.kind() != r.kind()) return Cell::Bad();
  if (op == Op::kEq || op == Op::kNe) return Cell::Bool(SameValue(l, r) == (op == Op::kEq));
  switch (l.kind()) {
    case Kind::kNumber: return Ordered(op, l.number() < r.number() ? -1 : l.number() > r.number());
    case Kind::kDate: return Ordered(op, l.date() < r.date() ? -1 : l.date() > r.date());
    case Kind::kText: {
      const int c = l.text().compare(r.text());
      return Ordered(op, c < 0 ? -1 : c > 0);
    }
    default: return Cell::Bad();
  }
}

inline Cell ArithCells(Op op, const Cell& l, const Cell& r) {
  const bool add = op == Op::kAdd, sub = op == Op::kSub;
  if (l.kind() == Kind::kDate && r.kind() == Kind::kDuration && (add || sub)) {
    return Cell::DateCell(AddDuration(l.date(), add ? r.amount() : -r.amount(), r.unit()));
  }
  if (l.kind() == Kind::kDate && r.kind() == Kind::kDate && sub) {
    return Cell::Number(static_cast<double>(l.date().days - r.date().days));
  }
  if (l.kind() != Kind::kNumber || r.kind() != Kind::kNumber) return Cell::Bad();
  switch (op) {
    case Op::kAdd: return Cell::Number(l.number() + r.number());
    case Op::kSub: return Cell::Number(l.number() - r.number());
    case Op::kMul: return Cell::Number(l.number() * r.number());
    default: return r.number() == 0 ? Cell::Bad() : Cell::Number(l.number() / r.number());
  }
}

// `l in list`, as the evaluator's In: an unknown item makes a miss unknown; items of
// another kind (errors among them) never match.
inline Cell InList(const Cell& l, const Value& list) {
  if (l.bad() || list.kind() != Kind::kList) return Cell::Bad();
  bool unknown = false;
  for (const Value& item : list.items()) {
    if (item.is_unknown()) unknown = true;
    else if (item.kind() == l.kind() && SameValue(Cell::Of(item), l)) return Cell::Bool(true);
  }
  return unknown ? Cell::Bad() : Cell::Bool(false);
}

// The right side of `and` (is_and) or `or`, when the left side `l` did not decide: the right
// side decides if it can; two sides that decide nothing give the identity.
inline Cell Combine(bool is_and, const Cell& l, const Cell& r) {
  if (r.kind() == Kind::kBool && r.boolean() != is_and) return r;
  if (l.kind() == Kind::kBool && r.kind() == Kind::kBool) return Cell::Bool(is_and);
  return Cell::Bad();
}

}  // namespace

Cell RowProgram::Once(int32_t i, Frame& frame, Host& host) const {
  const auto s = static_cast<size_t>(i);
  if (!frame.bound_[s]) {
    frame.held_[s] = host.EvalNode(*exprs_[s]);
    frame.constants_[s] = Cell::Of(frame.held_[s]);
    frame.bound_[s] = 1;
  }
  return frame.constants_[s];
}

Cell RowProgram::Run(Frame& frame, Host& host, const std::vector<Scope>& scopes) const {
  using Code = Instr::Code;
  Cell* sp = frame.stack_.data();  // the next free place
  const size_t n = code_.size();
  // A record-independent value: evaluated by Once the first time, then read.
  auto constant = [&](int32_t i) {
    const auto s = static_cast<size_t>(i);
    return frame.bound_[s] ? frame.constants_[s] : Once(i, frame, host);
  };
  for (size_t pc = 0; pc < n; ++pc) {
    const Instr& in = code_[pc];
    switch (in.code) {
      case Code::kLiteral: *sp++ = literals_[static_cast<size_t>(in.a)]; break;
      case Code::kOnce: *sp++ = constant(in.a); break;
      case Code::kBind: Once(in.a, frame, host); break;
      case Code::kHandBack: {
        const auto s = static_cast<size_t>(in.a);
        frame.held_[s] = host.EvalNode(*exprs_[s]);
        *sp++ = Cell::Of(frame.held_[s]);
        break;
      }
      case Code::kColumn: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        *sp++ = ReadCell(*sc.reg, in.b, sc.row);
        break;
      }
      case Code::kTextIs: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        const RegisterColumn& col = sc.reg->columns[static_cast<size_t>(in.b)];
        const Cell& literal = literals_[static_cast<size_t>(in.c)];
        if (col.type != ColumnType::kText) {  // as kColumn, kLiteral, kCompare would
          *sp++ = CompareCells(in.op, ReadCell(*sc.reg, in.b, sc.row), literal);
        } else if (!col.present[sc.row]) {
          *sp++ = Cell::Bad();
        } else {
          *sp++ = Cell::Bool((sc.reg->Text(static_cast<size_t>(in.b), sc.row) == literal.text()) == (in.op == Op::kEq));
        }
        break;
      }
      case Code::kMissing: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        *sp++ = Cell::Bool(sc.reg->columns[static_cast<size_t>(in.b)].present[sc.row] == 0);
        break;
      }
      case Code::kColumnsCmp: {
        const Scope& l = scopes[static_cast<size_t>(in.a)];
        const Scope& r = scopes[static_cast<size_t>(in.c >> 16)];
        *sp++ = CompareCells(in.op, ReadCell(*l.reg, in.b, l.row), ReadCell(*r.reg, in.c & 0xFFFF, r.row));
        break;
      }
      case Code::kColumnCmp: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        const Cell r = in.c >= 0 ? constant(in.c) : literals_[static_cast<size_t>(-in.c - 1)];
        *sp++ = CompareCells(in.op, ReadCell(*sc.reg, in.b, sc.row), r);
        break;
      }
      case Code::kExists: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        *sp++ = Cell::Bool(sc.reg->columns[static_cast<size_t>(in.b)].present[sc.row] != 0);
        break;
      }
      case Code::kNot:
        sp[-1] = sp[-1].kind() == Kind::kBool ? Cell::Bool(!sp[-1].boolean()) : Cell::Bad();
        break;
      case Code::kNeg:
        sp[-1] = sp[-1].kind() == Kind::kNumber ? Cell::Number(-sp[-1].number()) : Cell::Bad();
        break;
      case Code::kCompare: --sp; sp[-1] = CompareCells(in.op, sp[-1], sp[0]); break;
      case Code::kArith: --sp; sp[-1] = ArithCells(in.op, sp[-1], sp[0]); break;
      case Code::kInList: sp[-1] = InList(sp[-1], frame.held_[static_cast<size_t>(in.a)]); break;
      case Code::kAndJump:
        if (sp[-1].kind() == Kind::kBool && !sp[-1].boolean()) pc = static_cast<size_t>(in.a) - 1;
        break;
      case Code::kOrJump:
        if (sp[-1].kind() == Kind::kBool && sp[-1].boolean()) pc = static_cast<size_t>(in.a) - 1;
        break;
      case Code::kAnd: --sp; sp[-1] = Combine(true, sp[-1], sp[0]); break;
      case Code::kOr: --sp; sp[-1] = Combine(false, sp[-1], sp[0]); break;
    }
  }
  return sp[-1];
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
