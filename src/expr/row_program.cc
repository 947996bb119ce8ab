#include "expr/row_program.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "expr/evaluator.h"
#include "expr/row_program_ops.h"

namespace forcecheck::expr {

using namespace row_ops;  // NOLINT(google-build-using-namespace): the program's own operators

Cell Cell::Of(const Value& v) {
  switch (v.kind()) {
    case Kind::kBool: return Bool(v.boolean());
    case Kind::kNumber: return Number(v.number());
    case Kind::kDate: return DateValue(v.date());
    case Kind::kText: return Text(v.text());
    case Kind::kDuration: return Duration(v.amount(), v.unit());
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
    default: throw EngineFailure("a value asked of an undecided cell", 0);
  }
}

namespace {

void AppendFingerprint(const Expr& e, std::string& out) {
  out += std::to_string(static_cast<int>(e.kind)) + ":" + std::to_string(static_cast<int>(e.op)) +
         ":" + std::to_string(static_cast<int>(e.ref)) + ":" + std::to_string(e.scope) + ":" +
         std::to_string(e.column) + ":" + std::to_string(e.parameter) + ":" +
         (e.reg ? e.reg->id : "") + ":" + std::to_string(e.name.size()) + e.name + "[";
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
      case Kind::kText:
        out += std::to_string(e.literal.text().size()) + ":" + e.literal.text();
        break;
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
  by_blocks_ = CanRunByBlocks();
}
RowProgram::~RowProgram() = default;

size_t RowProgram::native_nodes() const { return native_; }
size_t RowProgram::handed_back_nodes() const { return exprs_.size(); }
static_assert(sizeof(Cell) == 16);

namespace {
bool IsColumn(const Expr& e) { return e.kind == Expr::Kind::kPath && e.ref == Ref::kColumn; }
bool IsExistsOfColumn(const Expr& e) {
  return e.kind == Expr::Kind::kCall && e.name == "exists" && e.args.size() == 1 &&
         IsColumn(*e.args[0]);
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
    emit(Code::kUnary, 0, 0, e.op);
  } else if (e.kind == Expr::Kind::kBinary && e.op == Op::kIn && !e.indexed_in &&
             (e.args[1]->invariant || e.args[1]->kind == Expr::Kind::kLiteral)) {
    Compile(*e.args[0], depth);
    const int32_t list = slot(*e.args[1]);
    emit(Code::kBind, list);
    emit(Code::kInList, list);
  } else if (e.kind == Expr::Kind::kBinary && IsComparison(e.op) && IsColumn(*e.args[0]) &&
             IsColumn(*e.args[1]) && e.args[1]->scope < (1 << 15) &&
             e.args[1]->column < (1 << 16)) {
    // `level_held == required_level`: one step rather than three.
    native_ += 2;
    emit(Code::kColumnsCmp, e.args[0]->scope, e.args[0]->column, e.op,
         (e.args[1]->scope << 16) | e.args[1]->column);
  } else if (e.kind == Expr::Kind::kBinary && IsComparison(e.op) && IsColumn(*e.args[0]) &&
             (e.args[1]->invariant || e.args[1]->kind == Expr::Kind::kLiteral)) {
    // `level_held == 'MV'` (the commonest test in the pack), `expires < as_of()`,
    // `granted < as_of() - 12mo`: one step rather than three, doing what
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
      case Code::kMissing: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        *sp++ = Cell::Bool(sc.reg->columns[static_cast<size_t>(in.b)].present[sc.row] == 0);
        break;
      }
      case Code::kColumnsCmp: {
        const Scope& l = scopes[static_cast<size_t>(in.a)];
        const Scope& r = scopes[static_cast<size_t>(in.c >> 16)];
        *sp++ = Apply(in.op, ReadCell(*l.reg, in.b, l.row), ReadCell(*r.reg, in.c & 0xFFFF, r.row));
        break;
      }
      case Code::kColumnCmp: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        const Cell r = in.c >= 0 ? constant(in.c) : literals_[static_cast<size_t>(-in.c - 1)];
        *sp++ = Apply(in.op, ReadCell(*sc.reg, in.b, sc.row), r);
        break;
      }
      case Code::kExists: {
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        *sp++ = Cell::Bool(sc.reg->columns[static_cast<size_t>(in.b)].present[sc.row] != 0);
        break;
      }
      case Code::kUnary: sp[-1] = ApplyUnary(in.op, sp[-1]); break;
      case Code::kCompare:
      case Code::kArith:
        --sp;
        sp[-1] = Apply(in.op, sp[-1], sp[0]);
        break;
      case Code::kInList: sp[-1] = IsIn(sp[-1], frame.held_[static_cast<size_t>(in.a)]); break;
      case Code::kAndJump:
        if (sp[-1].kind() == Kind::kBool && !sp[-1].boolean()) pc = static_cast<size_t>(in.a) - 1;
        break;
      case Code::kOrJump:
        if (sp[-1].kind() == Kind::kBool && sp[-1].boolean()) pc = static_cast<size_t>(in.a) - 1;
        break;
      case Code::kAnd:
        --sp;
        sp[-1] = Combine(true, sp[-1], sp[0]);
        break;
      case Code::kOr:
        --sp;
        sp[-1] = Combine(false, sp[-1], sp[0]);
        break;
    }
  }
  return sp[-1];
}

EvalState::RuleAnswers::RuleAnswers(EvalState& state) : state_(state), outer_(state.answers_) {
  state.answers_ = this;
}

EvalState::RuleAnswers::~RuleAnswers() { state_.answers_ = outer_; }

const std::vector<uint64_t>* EvalState::KnownAnswers(const RowProgram& program,
                                                     const Register& reg) const {
  if (!answers_) return nullptr;
  auto it = answers_->answers_.find({&reg, program.fingerprint()});
  return it == answers_->answers_.end() ? nullptr : &it->second;
}

void EvalState::KeepAnswers(const RowProgram& program, const Register& reg,
                            std::vector<uint64_t> bits) {
  if (answers_) answers_->answers_[{&reg, program.fingerprint()}] = std::move(bits);
}

const RowProgram& EvalState::Program(const Expr& each) {
  std::unique_ptr<RowProgram>& program = programs_[&each];
  if (!program) program = std::make_unique<RowProgram>(each);
  return *program;
}

}  // namespace forcecheck::expr
