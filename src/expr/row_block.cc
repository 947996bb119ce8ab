// A row program run over a block of records at once (RowProgram::RunBlock).
//
// Run goes through the program once per record, and each step asks what kind its operands are
// before it does anything. Here each step is done for a whole block: the operands of a step
// are of one kind in every record (a column has one type; a constant is one value), so the
// kind is asked once a block and the step is a plain loop over arrays of numbers, dates or
// texts. Each step resolves its operator once for the block (Resolve in operators.h) and runs
// the same overload on each record's value as Run and the evaluator run on one value, so each
// record's value is decided by exactly the rules of the language's operators; a record whose
// value Run would not decide, or for which Run would hand a node back to the host, is left
// for Run.
//
// `and` and `or` keep Run's order: the right side runs only for the records whose left side
// did not decide (the "live" records), and is skipped when there are none. Which records reach
// a step is what decides whether a record-independent node is evaluated and which records a
// hand-back concerns, so both happen exactly when Run would have done them for some record.

#include <algorithm>
#include <array>
#include <string_view>
#include <type_traits>

#include "expr/row_program_ops.h"

namespace forcecheck::expr {

constexpr size_t kB = RowProgram::kBlock;

// One value for each record of a block, all of one kind: a place on RunBlock's stack.
// Lanes past a block's size, and the arrays of kinds other than `kind`, are left as they
// are: nothing reads them, so they are not cleared (a stack is some tens of kilobytes).
struct Lanes {
  Lanes() {}                   // NOLINT: leaves the arrays uninitialised on purpose (see above)
  Kind kind = Kind::kError;    // of every decided lane; kError: no lane is decided
  std::array<uint8_t, kB> ok;  // 1 where the value is decided
  std::array<uint8_t, kB> b;   // kBool
  std::array<double, kB> n;    // kNumber
  std::array<int32_t, kB> d;   // kDate: days since 1970-01-01
  std::array<std::string_view, kB> t;  // kText
  int amount = 0;                      // kDuration, the same in every lane: a duration is only
  char unit = 0;                       // ever a constant (no column holds one, no step makes one)
};

struct BlockStack {
  explicit BlockStack(size_t depth) : lanes(depth + 2), live(depth + 2) {}
  std::vector<Lanes> lanes;
  // live[k]: the records that reach the code being run, inside k levels of `and` and `or`.
  std::vector<std::array<uint8_t, kB>> live;
  std::array<uint8_t, kB> forced{};  // records for which Run would hand a node back
};

RowProgram::Frame::Frame(const RowProgram& program)
    : held_(program.exprs_.size()),
      constants_(program.exprs_.size(), Cell::Bad()),
      bound_(program.exprs_.size(), 0),
      stack_(program.max_depth_ + 1, Cell::Bad()) {}

RowProgram::Frame::~Frame() = default;

namespace {

void AllBad(Lanes& l, size_t n) {
  l.kind = Kind::kError;
  std::fill_n(l.ok.begin(), n, 0);
}

// Every lane set to `c`.
void Broadcast(Lanes& l, const Cell& c, size_t n) {
  if (c.bad()) return AllBad(l, n);
  l.kind = c.kind();
  std::fill_n(l.ok.begin(), n, 1);
  switch (c.kind()) {
    case Kind::kBool: std::fill_n(l.b.begin(), n, c.boolean()); break;
    case Kind::kNumber: std::fill_n(l.n.begin(), n, c.number()); break;
    case Kind::kDate: std::fill_n(l.d.begin(), n, c.date().days); break;
    case Kind::kText: std::fill_n(l.t.begin(), n, c.text()); break;
    case Kind::kDuration:
      l.amount = c.amount();
      l.unit = c.unit();
      break;
    default: AllBad(l, n); break;
  }
}

// Where a block's records are: rows[0..n), or, when `contiguous`, the n records from `first`.
struct BlockRows {
  const uint32_t* rows;
  uint32_t first;
  size_t n;
  bool contiguous;
};

// A cell taken as it is stored.
struct Same {
  template <typename T>
  T operator()(T x) const {
    return x;
  }
};

// a[i] = from(v[row i]) for the block's records of a register column, or of the scope's one
// record when the scope does not vary.
template <typename Out, typename In, typename From>
void Take(Out* a, const std::vector<In>& v, const Scope& sc, bool varying, const BlockRows& at,
          From from) {
  if (!varying) {
    std::fill_n(a, at.n, from(v[sc.row]));
  } else if (at.contiguous) {
    const In* src = v.data() + at.first;
    if constexpr (std::is_same_v<From, Same> && std::is_same_v<Out, In>) {
      std::copy_n(src, at.n, a);
    } else {
      for (size_t i = 0; i < at.n; ++i) a[i] = from(src[i]);
    }
  } else {
    for (size_t i = 0; i < at.n; ++i) a[i] = from(v[at.rows[i]]);
  }
}

// The cells of a column, read as ReadCell (operators.h) reads one: decided where filled, of
// the kind the column's type gives, as stored.
void Gather(Lanes& l, const Scope& sc, bool varying, int column, const BlockRows& at) {
  const Register& reg = *sc.reg;
  const RegisterColumn& col = reg.columns[static_cast<size_t>(column)];
  const Same same;
  Take(l.ok.data(), col.present, sc, varying, at, same);
  l.kind = KindOf(col.type);
  switch (col.type) {
    case ColumnType::kText: {
      const char* base = reg.data->data();
      Take(l.t.data(), col.texts, sc, varying, at,
           [&](const TextRef& r) { return std::string_view(base + r.offset, r.length); });
      break;
    }
    case ColumnType::kNumber: Take(l.n.data(), col.numbers, sc, varying, at, same); break;
    case ColumnType::kDate: Take(l.d.data(), col.dates, sc, varying, at, same); break;
    case ColumnType::kBool:
      Take(l.b.data(), col.flags, sc, varying, at, same);
      break;  // 0 or 1, as stored
  }
}

// Lane i as a cell.
Cell LaneCell(const Lanes& l, size_t i) {
  if (!l.ok[i]) return Cell::Bad();
  switch (l.kind) {
    case Kind::kBool: return Cell::Bool(l.b[i] != 0);
    case Kind::kNumber: return Cell::Number(l.n[i]);
    case Kind::kDate: return Cell::DateValue(Date{l.d[i]});
    case Kind::kText: return Cell::Text(l.t[i]);
    case Kind::kDuration: return Cell::Duration(l.amount, l.unit);
    default: return Cell::Bad();
  }
}

// out = l op r for a comparison, by the overload Resolve gives, as Apply (operators.h) gives it
// for each lane. `out` may be `l` or `r`.
void Compare(Lanes& out, Op op, const Lanes& l, const Lanes& r, size_t n) {
  const Overload how = Resolve(op, l.kind, r.kind);
  if (how == Overload::kNone) return AllBad(out, n);
  auto set = [&](auto test) {
    for (size_t i = 0; i < n; ++i) out.b[i] = test(i);
    for (size_t i = 0; i < n; ++i) out.ok[i] = l.ok[i] & r.ok[i];
    out.kind = Kind::kBool;
  };
  if (how == Overload::kEqual) {
    const bool want = op == Op::kEq;
    switch (l.kind) {
      case Kind::kBool:
        return set([&](size_t i) { return Equal(l.b[i] != 0, r.b[i] != 0) == want; });
      case Kind::kNumber: return set([&](size_t i) { return Equal(l.n[i], r.n[i]) == want; });
      case Kind::kDate:
        return set([&](size_t i) { return Equal(Date{l.d[i]}, Date{r.d[i]}) == want; });
      case Kind::kText: return set([&](size_t i) { return Equal(l.t[i], r.t[i]) == want; });
      default: {  // durations, which are only ever constants
        const bool same = EqualDurations(l.amount, l.unit, r.amount, r.unit);
        return set([&](size_t) { return same == want; });
      }
    }
  }
  // Holds<op>(order(i)) for each lane, with op known inside the loop.
  auto ordered = [&](auto order) {
    switch (op) {
      case Op::kLt: return set([&](size_t i) { return Holds<Op::kLt>(order(i)); });
      case Op::kLe: return set([&](size_t i) { return Holds<Op::kLe>(order(i)); });
      case Op::kGt: return set([&](size_t i) { return Holds<Op::kGt>(order(i)); });
      default: return set([&](size_t i) { return Holds<Op::kGe>(order(i)); });
    }
  };
  switch (l.kind) {
    case Kind::kNumber: return ordered([&](size_t i) { return Order(l.n[i], r.n[i]); });
    case Kind::kDate: return ordered([&](size_t i) { return Order(Date{l.d[i]}, Date{r.d[i]}); });
    default: return ordered([&](size_t i) { return Order(l.t[i], r.t[i]); });  // texts
  }
}

// out = date op duration for each lane: no value outside the dates forcecheck represents.
void ShiftDates(Lanes& out, Op op, const Lanes& l, const Lanes& r, size_t n) {
  if (r.unit == 'd' || r.unit == 'w') {
    const int64_t days = DurationDays(Signed(op, r.amount), r.unit);
    for (size_t i = 0; i < n; ++i) {
      const std::optional<Date> d = AddDays(Date{l.d[i]}, days);
      out.ok[i] &= static_cast<uint8_t>(d.has_value());
      out.d[i] = d ? d->days : 0;
    }
  } else {
    // Months and years go through the calendar, the costliest step: only where needed.
    for (size_t i = 0; i < n; ++i) {
      if (!out.ok[i]) {
        out.d[i] = 0;
        continue;
      }
      const std::optional<Date> d = ShiftDate(op, Date{l.d[i]}, r.amount, r.unit);
      out.ok[i] = d.has_value();
      out.d[i] = d ? d->days : 0;
    }
  }
  out.kind = Kind::kDate;
}

// out = l op r for two numbers in each lane.
template <Op op>
void NumberLanes(Lanes& out, const Lanes& l, const Lanes& r, size_t n) {
  for (size_t i = 0; i < n; ++i) out.n[i] = Numbers<op>(l.n[i], r.n[i]);
  if constexpr (op == Op::kDiv) {
    for (size_t i = 0; i < n; ++i) out.ok[i] &= static_cast<uint8_t>(!DividesByZero(op, r.n[i]));
  }
}

// out = l op r for arithmetic, by the overload Resolve gives, as Apply gives it for each of the
// `live` lanes (the others are left undecided: nothing reads them). `out` is `l`.
void Arith(Lanes& out, Op op, const Lanes& l, const Lanes& r, const uint8_t* live, size_t n) {
  for (size_t i = 0; i < n; ++i) out.ok[i] = l.ok[i] & r.ok[i] & live[i];
  switch (Resolve(op, l.kind, r.kind)) {
    case Overload::kShiftDate: return ShiftDates(out, op, l, r, n);
    case Overload::kDaysBetween:
      for (size_t i = 0; i < n; ++i) out.n[i] = DaysBetween(Date{l.d[i]}, Date{r.d[i]});
      out.kind = Kind::kNumber;
      return;
    case Overload::kNumbers:
      switch (op) {
        case Op::kAdd: NumberLanes<Op::kAdd>(out, l, r, n); break;
        case Op::kSub: NumberLanes<Op::kSub>(out, l, r, n); break;
        case Op::kMul: NumberLanes<Op::kMul>(out, l, r, n); break;
        default: NumberLanes<Op::kDiv>(out, l, r, n); break;
      }
      out.kind = Kind::kNumber;
      return;
    default: return AllBad(out, n);
  }
}

// out = l and r (is_and) or l or r, as Run's kAndJump then kAnd (or kOrJump then kOr): the
// left side decides if it can, then the right, then both true (false) give true (false).
// `out` is `l`.
void Connect(Lanes& out, bool is_and, const Lanes& l, const Lanes& r, size_t n) {
  // Whether each side is decided true, and decided false, as bytes of 0 or 1.
  const uint8_t lb = l.kind == Kind::kBool, rb = r.kind == Kind::kBool;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t lk = lb & l.ok[i], rk = rb & r.ok[i];
    const uint8_t lt = lk & l.b[i], lf = lk & (l.b[i] ^ 1);
    const uint8_t rt = rk & r.b[i], rf = rk & (r.b[i] ^ 1);
    if (is_and) {
      out.ok[i] = lf | rf | (lt & rt);
      out.b[i] = lt & rt;
    } else {
      out.ok[i] = lt | rt | (lf & rf);
      out.b[i] = lt | rt;
    }
  }
  out.kind = Kind::kBool;
}

}  // namespace

void RowProgram::RunBlock(Frame& frame, Host& host, const std::vector<Scope>& scopes,
                          uint32_t first, const uint32_t* rows, size_t count, Cell* out) const {
  using Code = Instr::Code;
  const size_t n = std::min(count, kBlock);
  if (!frame.block_) frame.block_ = std::make_unique<BlockStack>(max_depth_);
  BlockStack& bs = *frame.block_;
  const int32_t varying = static_cast<int32_t>(scopes.size()) - 1;
  const BlockRows at{rows, first, n, rows == nullptr};
  auto gather = [&](Lanes& l, int32_t scope, int32_t column) {
    Gather(l, scopes[static_cast<size_t>(scope)], scope == varying, column, at);
  };
  auto constant = [&](int32_t i) {
    const auto s = static_cast<size_t>(i);
    return frame.bound_[s] ? frame.constants_[s] : Once(i, frame, host);
  };
  size_t sp = 0;     // the next free place on the stack
  size_t level = 0;  // the `and` and `or` the code being run is inside
  std::fill_n(bs.live[0].begin(), n, 1);
  std::fill_n(bs.forced.begin(), n, 0);
  const size_t size = code_.size();
  for (size_t pc = 0; pc < size; ++pc) {
    const Instr& in = code_[pc];
    switch (in.code) {
      case Code::kLiteral:
        Broadcast(bs.lanes[sp++], literals_[static_cast<size_t>(in.a)], n);
        break;
      case Code::kOnce: Broadcast(bs.lanes[sp++], constant(in.a), n); break;
      case Code::kBind: Once(in.a, frame, host); break;
      case Code::kHandBack:
        for (size_t i = 0; i < n; ++i) bs.forced[i] |= bs.live[level][i];
        AllBad(bs.lanes[sp++], n);
        break;
      case Code::kColumn: gather(bs.lanes[sp++], in.a, in.b); break;
      case Code::kExists:
      case Code::kMissing: {
        Lanes& l = bs.lanes[sp++];
        const Scope& sc = scopes[static_cast<size_t>(in.a)];
        const uint8_t missing = in.code == Code::kMissing;
        Take(l.b.data(), sc.reg->columns[static_cast<size_t>(in.b)].present, sc, in.a == varying,
             at, [missing](uint8_t p) {
               return static_cast<uint8_t>(static_cast<uint8_t>(p != 0) ^ missing);
             });
        std::fill_n(l.ok.begin(), n, 1);
        l.kind = Kind::kBool;
        break;
      }
      case Code::kColumnsCmp:
        gather(bs.lanes[sp], in.a, in.b);
        gather(bs.lanes[sp + 1], in.c >> 16, in.c & 0xFFFF);
        Compare(bs.lanes[sp], in.op, bs.lanes[sp], bs.lanes[sp + 1], n);
        ++sp;
        break;
      case Code::kColumnCmp:
        gather(bs.lanes[sp], in.a, in.b);
        Broadcast(bs.lanes[sp + 1],
                  in.c >= 0 ? constant(in.c) : literals_[static_cast<size_t>(-in.c - 1)], n);
        Compare(bs.lanes[sp], in.op, bs.lanes[sp], bs.lanes[sp + 1], n);
        ++sp;
        break;
      case Code::kUnary: {  // as ApplyUnary (operators.h) for each lane
        Lanes& l = bs.lanes[sp - 1];
        if (l.kind != OperandKind(in.op))
          AllBad(l, n);
        else if (in.op == Op::kNot)
          for (size_t i = 0; i < n; ++i) l.b[i] = !l.b[i];
        else
          for (size_t i = 0; i < n; ++i) l.n[i] = -l.n[i];
        break;
      }
      case Code::kCompare:
        --sp;
        Compare(bs.lanes[sp - 1], in.op, bs.lanes[sp - 1], bs.lanes[sp], n);
        break;
      case Code::kArith:
        --sp;
        Arith(bs.lanes[sp - 1], in.op, bs.lanes[sp - 1], bs.lanes[sp], bs.live[level].data(), n);
        break;
      case Code::kInList: {
        Lanes& l = bs.lanes[sp - 1];
        const Value& list = frame.held_[static_cast<size_t>(in.a)];
        for (size_t i = 0; i < n; ++i) {
          const Cell c = row_ops::IsIn(LaneCell(l, i), list);
          l.ok[i] = !c.bad();
          l.b[i] = !c.bad() && c.boolean();
        }
        l.kind = Kind::kBool;
        break;
      }
      case Code::kAndJump:
      case Code::kOrJump: {
        // The records that go on to the right side: those still live whose left side did
        // not decide. None: jump, as Run would for each of them.
        const Lanes& l = bs.lanes[sp - 1];
        const bool is_and = in.code == Code::kAndJump;
        // In bytes of 0 or 1: the left side decides where it is a decided false (`and`) or
        // true (`or`).
        const uint8_t lb = l.kind == Kind::kBool, flip = is_and ? 1 : 0;
        const uint8_t* live = bs.live[level].data();
        uint8_t* next = bs.live[level + 1].data();
        for (size_t i = 0; i < n; ++i) next[i] = live[i] & ((lb & l.ok[i] & (l.b[i] ^ flip)) ^ 1);
        uint8_t any = 0;
        for (size_t i = 0; i < n; ++i) any |= next[i];
        if (any)
          ++level;
        else
          pc = static_cast<size_t>(in.a) - 1;
        break;
      }
      case Code::kAnd:
      case Code::kOr:
        --sp;
        Connect(bs.lanes[sp - 1], in.code == Code::kAnd, bs.lanes[sp - 1], bs.lanes[sp], n);
        --level;
        break;
    }
  }
  const Lanes& result = bs.lanes[0];
  if (result.kind == Kind::kBool) {
    for (size_t i = 0; i < n; ++i)
      out[i] = result.ok[i] & (bs.forced[i] ^ 1) ? Cell::Bool(result.b[i] != 0) : Cell::Bad();
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = bs.forced[i] ? Cell::Bad() : LaneCell(result, i);
  }
}

namespace {

// Whether evaluating `e` reads anything a rule's evidence list records.
bool ReadsEvidence(const Expr& e) {
  if (e.kind == Expr::Kind::kPath &&
      (e.ref == Ref::kEvidence || e.ref == Ref::kRegister || e.ref == Ref::kRegisterColumn)) {
    return true;
  }
  return std::any_of(e.args.begin(), e.args.end(), [](const auto& a) { return ReadsEvidence(*a); });
}

}  // namespace

bool RowProgram::CanRunByBlocks() const {
  using Code = Instr::Code;
  std::vector<size_t> ends;  // where the right sides of the `and` and `or` around pc end
  for (size_t pc = 0; pc < code_.size(); ++pc) {
    while (!ends.empty() && ends.back() <= pc) ends.pop_back();
    const Instr& in = code_[pc];
    const bool once = in.code == Code::kOnce || in.code == Code::kBind ||
                      (in.code == Code::kColumnCmp && in.c >= 0);
    const int32_t slot = in.code == Code::kColumnCmp ? in.c : in.a;
    if (once && ReadsEvidence(*exprs_[static_cast<size_t>(slot)])) return false;
    // A node handed back for every record leaves a block nothing to decide.
    if (in.code == Code::kHandBack && ends.empty()) return false;
    if (in.code == Code::kAndJump || in.code == Code::kOrJump)
      ends.push_back(static_cast<size_t>(in.a) - 1);
  }
  return true;
}

}  // namespace forcecheck::expr
