#include "expr/evaluator.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "expr/functions.h"
#include "expr/operators.h"
#include "expr/parser.h"
#include "expr/row_program.h"

namespace forcecheck::expr {

// Fewer records than this (as an index lookup often finds) run one by one: a block's set-up
// costs about as much as running a few records alone.
constexpr size_t kMinRecordsForBlocks = 8;

Value Environment::Field(const Value&, const std::vector<std::string>& path) {
  std::string dotted;
  for (const std::string& seg : path) dotted += (dotted.empty() ? "" : ".") + seg;
  return Value::Unknown("item field '" + dotted + "' is absent");
}

const Register* Environment::FindRegister(const RegisterSpec&) { return nullptr; }

std::optional<Value> Environment::Parameter(int) const { return std::nullopt; }

EngineFailure::EngineFailure(const std::string& what, uint32_t offset)
    : std::logic_error(what), offset_(offset) {}

// ---- register cells and indexes -----------------------------------------------------------

Value CellValue(const Register& reg, int column, uint32_t row) {
  return ReadCell(reg, column, row, [&] {
    return Value::Unknown("'" + reg.spec->columns[static_cast<size_t>(column)].name +
                          "' is empty at " + reg.file + ":" + std::to_string(reg.lines[row]));
  });
}

// ---- the evaluator ------------------------------------------------------------------------

namespace {

std::string Show(const Value& v) {
  if (v.kind() == Kind::kSection || v.is_collection()) return v.KindName();
  return std::string(v.KindName()) + " (" + v.ToString() + ")";
}

// An element's value as a Value, whichever way it was computed.
const Value& AsValue(const Value& v) { return v; }
Value AsValue(const Cell& c) { return c.ToValue(); }

// The index key of a `by` group's key (REQUIRES: decided): its kind, then its text, date or
// boolean as bytes, or for other kinds the way it prints.
template <typename V>
void GroupKey(const V& key, std::string& out) {
  out.assign(1, static_cast<char>(key.kind()));
  switch (key.kind()) {
    case Value::Kind::kText: out += key.text(); break;
    case Value::Kind::kBool: out += key.boolean() ? 't' : 'f'; break;
    case Value::Kind::kDate: {
      const int32_t days = key.date().days;
      out.append(reinterpret_cast<const char*>(&days), sizeof days);
      break;
    }
    default: out += AsValue(key).ToString();
  }
}

class Evaluator final : public RowProgram::Host {
 public:
  Evaluator(Environment& env, EvalState& state, Trace* trace)
      : env_(env), state_(state), trace_(trace) {
    scopes_.reserve(kMaxNesting + 1);  // a scope per nested where or aggregate, at most
  }

  Value Eval(const Expr& e) {
    if (e.invariant && !scopes_.empty()) {
      auto it = invariant_.find(&e);
      if (it != invariant_.end()) return it->second;
      return invariant_[&e] = Dispatch(e);
    }
    Value v = Dispatch(e);
    if (trace_ && scopes_.empty()) (*trace_)[&e] = v;
    return v;
  }

  Value EvalNode(const Expr& e) override { return Eval(e); }

 private:
  Value Dispatch(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral: return e.literal;
      case Expr::Kind::kPath: return Path(e);
      case Expr::Kind::kUnary: return Unary(e);
      case Expr::Kind::kBinary: return Binary(e);
      case Expr::Kind::kCall: return e.aggregate ? Aggregate(e) : Call(e);
      case Expr::Kind::kWhere: return Where(e);
      case Expr::Kind::kBy: return By(e);
    }
    throw EngineFailure("unknown expression kind " + std::to_string(static_cast<int>(e.kind)),
                        e.offset);
  }

  // ---- names ------------------------------------------------------------------------------

  Value Path(const Expr& e) {
    switch (e.ref) {
      case Ref::kEvidence: return env_.Lookup(e.path);
      case Ref::kRegister: {
        const Register* reg = env_.FindRegister(*e.reg);
        if (!reg) return Value::Unknown("registers." + e.reg->id + " (absent)");
        std::shared_ptr<const RowSet>& all = whole_registers_[reg];  // one for each register
        if (!all) {
          auto rows = std::make_shared<RowSet>();
          rows->reg = reg;
          rows->all = true;
          all = std::move(rows);
        }
        return Value::Rows(all);
      }
      case Ref::kRegisterColumn: {
        const Register* reg = env_.FindRegister(*e.reg);
        if (!reg) return Value::Unknown("registers." + e.reg->id + " (absent)");
        std::vector<Value> items;
        items.reserve(reg->rows());
        for (uint32_t r = 0; r < reg->rows(); ++r) items.push_back(CellValue(*reg, e.column, r));
        return Value::List(std::move(items));
      }
      case Ref::kColumn: {
        const Scope& sc = scopes_[static_cast<size_t>(e.scope)];
        return CellValue(*sc.reg, e.column, sc.row);
      }
      case Ref::kItemField: {
        const Scope& sc = scopes_[static_cast<size_t>(e.scope)];
        return e.field.empty() ? *sc.item : env_.Field(*sc.item, e.field);
      }
      case Ref::kGroupMembers: return scopes_[static_cast<size_t>(e.scope)].group->members;
      case Ref::kGroupKey: return scopes_[static_cast<size_t>(e.scope)].group->key;
      case Ref::kParameter: return env_.Parameter(e.parameter).value_or(e.literal);
    }
    throw EngineFailure("unresolved name '" + e.PathText() + "'", e.offset);
  }

  // ---- operators --------------------------------------------------------------------------

  // The operators themselves are in operators.h: here, only what their errors say.
  Value Unary(const Expr& e) {
    Value v = Eval(*e.args[0]);
    if (!v.is_decided()) return v;
    return ApplyUnary(e.op, v, [&](Fault) {
      return Value::Error(
          (e.op == Op::kNot ? "'not' needs true or false, not " : "'-' needs a number, not ") +
              Show(v),
          e.offset);
    });
  }

  // Kleene logic: for `and`, false decides; for `or`, true decides. Otherwise an error
  // outranks unknown, and unknown outranks the value that decides nothing.
  Value Logic(const Expr& e) {
    const bool is_and = e.op == Op::kAnd;
    const char* name = is_and ? "'and'" : "'or'";
    Value sides[2];
    for (int i = 0; i < 2; ++i) {
      Value v = Eval(*e.args[i]);
      if (v.is_decided() && v.kind() != Kind::kBool) {
        v = Value::Error(std::string(name) + " needs true or false, not " + Show(v),
                         e.args[i]->offset);
      }
      if (v.kind() == Kind::kBool && v.boolean() != is_and) return v;  // decides
      sides[i] = std::move(v);
    }
    for (const Value& v : sides) {
      if (v.is_error()) return v;
    }
    for (const Value& v : sides) {
      if (v.is_unknown()) return v;
    }
    return Value::Bool(is_and);
  }

  Value Binary(const Expr& e) {
    if (e.op == Op::kAnd || e.op == Op::kOr) return Logic(e);
    if (e.op == Op::kIn) return In(e);
    Value l = Eval(*e.args[0]);
    Value r = Eval(*e.args[1]);
    if (l.is_error()) return l;
    if (r.is_error()) return r;
    if (l.is_unknown()) return l;
    if (r.is_unknown()) return r;
    return Apply(e.op, l, r,
                 [&](Fault why) { return Value::Error(Refusal(e.op, why, l, r), e.offset); });
  }

  // Why `l op r` gives no value.
  static std::string Refusal(Op op, Fault why, const Value& l, const Value& r) {
    const std::string name = std::string("'") + OpText(op) + "'";
    switch (why) {
      case Fault::kDivisionByZero: return "division by zero";
      case Fault::kOutsideDates:
        return name + " takes " + Show(l) + " outside the dates forcecheck represents (" +
               kFirstDate.ToString() + " to " + kLastDate.ToString() + ")";
      case Fault::kKinds: break;
    }
    if (op == Op::kEq || op == Op::kNe)
      return name + " cannot compare " + Show(l) + " with " + Show(r);
    if (IsComparison(op)) return name + " cannot order " + Show(l) + " against " + Show(r);
    const bool additive = op == Op::kAdd || op == Op::kSub;
    return name + " needs numbers" + (additive ? " (or a date and a duration)" : "") + ", not " +
           Show(l) + " and " + Show(r);
  }

  Value In(const Expr& e) {
    Value l = Eval(*e.args[0]);
    if (!l.is_decided()) return l;
    const Expr& right = *e.args[1];
    if (e.indexed_in) {
      const Register* reg = env_.FindRegister(*right.reg);
      if (!reg) return Value::Unknown("registers." + right.reg->id + " (absent)");
      std::vector<uint32_t> rows;
      if (!state_.Rows(*reg, right.column, l, true, rows)) {
        return Value::Error("'in' cannot look for " + Show(l) + " in column '" +
                                right.reg->columns[static_cast<size_t>(right.column)].name + "'",
                            e.offset);
      }
      for (uint32_t r : rows) {
        if (reg->columns[static_cast<size_t>(right.column)].present[r]) return Value::Bool(true);
      }
      return rows.empty() ? Value::Bool(false) : CellValue(*reg, right.column, rows.front());
    }
    Value r = Eval(right);
    if (!r.is_decided()) return r;
    if (r.kind() != Kind::kList) return Value::Error("'in' needs a list, not " + Show(r), e.offset);
    const std::optional<bool> in = InList(l, r);
    return in ? Value::Bool(*in) : Value::Unknown("a list item is unknown");
  }

  Value Call(const Expr& e) {
    const Function* f = FindFunction(e.name);
    if (!f) return Value::Error("unknown function '" + e.name + "'", e.offset);
    if (f->takes_path) return Value::Bool(Exists(*e.args[0]));
    std::vector<Value> args;
    args.reserve(e.args.size());
    for (const auto& a : e.args) {
      Value v = Eval(*a);
      if (!v.is_decided()) return v;
      args.push_back(std::move(v));
    }
    for (size_t i = 0; i < args.size(); ++i) {
      Type want = f->params[std::min(i, f->params.size() - 1)];
      if (!Fits(args[i], want)) {
        return Value::Error("argument " + std::to_string(i + 1) + " of " + std::string(f->name) +
                                "() must be " + TypeName(want) + ", not " + Show(args[i]),
                            e.args[i]->offset);
      }
    }
    return f->call(args, CallContext{env_.as_of(), e.offset});
  }

  bool Exists(const Expr& p) {
    if (p.ref == Ref::kColumn) {
      const Scope& sc = scopes_[static_cast<size_t>(p.scope)];
      return sc.reg->columns[static_cast<size_t>(p.column)].present[sc.row] != 0;
    }
    return !Path(p).is_unknown();
  }

  static bool Fits(const Value& v, Type t) {
    switch (t) {
      case Type::kAny: return v.kind() != Kind::kSection;
      case Type::kBool: return v.kind() == Kind::kBool;
      case Type::kNumber: return v.kind() == Kind::kNumber;
      case Type::kText: return v.kind() == Kind::kText;
      case Type::kDate: return v.kind() == Kind::kDate;
      case Type::kDuration: return v.kind() == Kind::kDuration;
      case Type::kList: return v.kind() == Kind::kList;
      case Type::kRows: return v.kind() == Kind::kRows;
      case Type::kGroups: return v.kind() == Kind::kGroups;
    }
    return false;
  }

  // ---- collections ------------------------------------------------------------------------

  // Calls `visit(element_value)` for each element of `c` with the element in scope, where
  // element_value is `each` evaluated (or the element itself when `each` is null). Stops when
  // visit returns false.
  //
  // A visitor that also takes a Cell gets, for register records, the values of the compiled
  // program (row_program.h), and an ordinary Value only for records the program defers.
  template <typename Visit>
  void ForEach(const Value& c, const Expr* each, Visit visit) {
    if constexpr (std::is_invocable_v<Visit&, const Cell&, size_t>) {
      if (each && c.kind() == Kind::kRows && state_.compiled())
        return ForEachRecord(c.rows(), *each, visit);
    }
    const size_t n = c.CollectionSize();
    for (size_t i = 0; i < n; ++i) {
      Scope sc;
      Value element;
      switch (c.kind()) {
        case Kind::kRows:
          sc.reg = c.rows().reg;
          sc.row = c.rows().at(i);
          break;
        case Kind::kList: sc.item = &c.items()[i]; break;
        default: sc.group = &c.groups()[i]; break;
      }
      scopes_.push_back(sc);
      Value v = each ? Eval(*each) : Value::Bool(true);
      scopes_.pop_back();
      if (!visit(v, i)) return;
    }
  }

  // Conditions over every record of a register, asked at the top level, are often asked
  // more than once (a rule's check, partial and records usually share one): the answers of
  // one that was true or false for every record are kept in the state's RuleAnswers, if one
  // is alive, and replayed.
  template <typename Visit>
  void ForEachRecord(const RowSet& rows, const Expr& each, Visit& visit) {
    const RowProgram& program = state_.Program(each);
    const bool shareable = scopes_.empty() && rows.all;
    const size_t n = rows.size();
    if (shareable) {
      if (const std::vector<uint64_t>* bits = state_.KnownAnswers(program, *rows.reg)) {
        for (size_t i = 0; i < n; ++i) {
          if (!visit(Cell::Bool(((*bits)[i / 64] >> (i % 64)) & 1), i)) break;
        }
        return;
      }
    }
    std::vector<uint64_t> bits(shareable ? (n + 63) / 64 : 0);
    bool all_answered = shareable;
    FrameLease lease(*this, program);
    RowProgram::Frame& frame = *lease.slot->frame;
    const size_t depth = scopes_.size();
    scopes_.push_back(Scope{rows.reg, 0, nullptr, nullptr});
    // Blocks of records at once where there are enough of them to repay a block's set-up;
    // the records a block leaves undecided are run one by one, as all are otherwise.
    const bool by_blocks = state_.blocks() && program.runs_by_blocks() && n >= kMinRecordsForBlocks;
    std::vector<Cell>& block = lease.slot->block;
    if (by_blocks) block.resize(RowProgram::kBlock, Cell::Bad());
    std::array<uint32_t, RowProgram::kBlock> block_rows;
    size_t i = 0;
    for (; i < n; ++i) {
      const size_t j = i % RowProgram::kBlock;
      if (by_blocks && j == 0) {
        const size_t count = std::min(RowProgram::kBlock, n - i);
        if (!rows.all) std::copy_n(rows.rows.data() + i, count, block_rows.data());
        program.RunBlock(frame, *this, scopes_, static_cast<uint32_t>(i),
                         rows.all ? nullptr : block_rows.data(), count, block.data());
      }
      scopes_[depth].row = rows.at(i);
      const Cell cell =
          by_blocks && !block[j].bad() ? block[j] : program.Run(frame, *this, scopes_);
      if (cell.kind() == Kind::kBool) {
        if (cell.boolean() && all_answered) bits[i / 64] |= uint64_t{1} << (i % 64);
      } else {
        all_answered = false;
      }
      if (!(cell.bad() ? visit(Eval(each), i) : visit(cell, i))) break;
    }
    scopes_.pop_back();
    if (all_answered && i == n) state_.KeepAnswers(program, *rows.reg, std::move(bits));
  }

  Value NotACollection(const Value& c, const Expr& e, const char* what) {
    if (!c.is_decided()) return c;
    return Value::Error(std::string(what) + " needs a collection, not " + Show(c), e.offset);
  }

  // The elements of `c` for which `keep` holds, as a collection of the same kind.
  Value Select(const Value& c, const std::vector<size_t>& keep) {
    switch (c.kind()) {
      case Kind::kRows: {
        auto rows = std::make_shared<RowSet>();
        rows->reg = c.rows().reg;
        rows->rows.reserve(keep.size());
        for (size_t i : keep) rows->rows.push_back(c.rows().at(i));
        return Value::Rows(std::move(rows));
      }
      case Kind::kList: {
        std::vector<Value> items;
        for (size_t i : keep) items.push_back(c.items()[i]);
        return Value::List(std::move(items));
      }
      default: {
        auto groups = std::make_shared<std::vector<Group>>();
        for (size_t i : keep) groups->push_back(c.groups()[i]);
        return Value::Groups(std::move(groups));
      }
    }
  }

  // Filters `c` by `cond`: unknown or error for any element makes the whole so.
  Value Filter(const Value& c, const Expr& cond, const Expr& at) {
    std::vector<size_t> keep;
    std::optional<Value> bad;
    ForEach(c, &cond, [&](const auto& v, size_t i) {
      if (v.kind() == Kind::kBool) {
        if (v.boolean()) keep.push_back(i);
        return true;
      }
      bad = v.is_decided()
                ? Value::Error("'where' needs true or false, not " + Show(AsValue(v)), at.offset)
                : AsValue(v);
      return false;
    });
    if (bad) return *bad;
    return Select(c, keep);
  }

  Value Where(const Expr& e) {
    Value c = Candidates(e);
    if (!c.is_collection() || e.args.size() < 2) return c;
    return Filter(c, *e.args[1], e);
  }

  // The elements a `where` must test: all of its collection, or, with an index, only the
  // records whose indexed column equals the key (and those where it is empty, which may make
  // the condition unknown).
  Value Candidates(const Expr& e) {
    Value c = Eval(*e.args[0]);
    if (!c.is_collection()) return NotACollection(c, e, "'where'");
    if (e.args.size() < 2 || e.index_column < 0 || c.kind() != Kind::kRows || !c.rows().all)
      return c;
    Value key = Eval(*e.index_key);
    if (!key.is_decided()) return key;
    auto set = std::make_shared<RowSet>();
    set->reg = c.rows().reg;
    if (!state_.Rows(*c.rows().reg, e.index_column, key, true, set->rows)) return c;
    return Value::Rows(std::move(set));
  }

  Value By(const Expr& e) {
    Value c = Eval(*e.args[0]);
    if (!c.is_collection()) return NotACollection(c, e, "'by'");
    // Members of one group have keys of one kind that print alike. The index finds a group by
    // its kind and its text, date or boolean itself (which print alike just when they are
    // equal), and by the printed form for other kinds, so that no text is built per record for
    // the usual keys; record keys come from the compiled program where it decides them.
    std::unordered_map<std::string, size_t> index;
    std::string probe;
    std::vector<std::pair<Value, std::vector<size_t>>> groups;
    std::optional<Value> bad;
    ForEach(c, e.args[1].get(), [&](const auto& key, size_t i) {
      if (!key.is_decided()) {
        bad = AsValue(key);
        return false;
      }
      GroupKey(key, probe);
      auto it = index.find(probe);
      if (it == index.end()) {
        it = index.emplace(probe, groups.size()).first;
        groups.push_back({AsValue(key), {}});
      }
      groups[it->second].second.push_back(i);
      return true;
    });
    if (bad) return *bad;
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
      if (a.first.kind() != b.first.kind()) return a.first.kind() < b.first.kind();
      return Order(a.first, b.first) < 0;
    });
    auto out = std::make_shared<std::vector<Group>>();
    for (auto& [key, members] : groups) out->push_back({key, Select(c, members)});
    return Value::Groups(std::move(out));
  }

  Value Aggregate(const Expr& e);

  // A program's frame, kept for the evaluator's life: an inner `where` runs once for every
  // record of the outer one, and would otherwise allocate a frame and work out its
  // record-independent values each time. Those values are the same on every run for as long
  // as the evaluator lives (invariant_ keeps them too), so the frame keeps them. A program
  // run inside a run of itself (never, as expressions nest, but cheap to allow) gets a frame
  // of its own.
  struct FrameSlot {
    std::unique_ptr<RowProgram::Frame> frame;
    std::vector<Cell> block;  // RunBlock's results
    bool busy = false;
  };
  struct FrameLease {
    FrameLease(Evaluator& ev, const RowProgram& program) {
      FrameSlot& kept = ev.frames_[&program];  // node-based: stays put as others are added
      if (kept.busy) {
        own = std::make_unique<FrameSlot>();
        slot = own.get();
      } else {
        slot = &kept;
      }
      if (!slot->frame) slot->frame = std::make_unique<RowProgram::Frame>(program);
      slot->busy = true;
    }
    ~FrameLease() { slot->busy = false; }
    FrameLease(const FrameLease&) = delete;
    FrameLease& operator=(const FrameLease&) = delete;
    FrameSlot* slot = nullptr;
    std::unique_ptr<FrameSlot> own;
  };

  Environment& env_;
  EvalState& state_;
  Trace* trace_;
  std::vector<Scope> scopes_;
  std::map<const Expr*, Value> invariant_;  // values of invariant nodes, once computed
  std::unordered_map<const RowProgram*, FrameSlot> frames_;
  std::unordered_map<const Register*, std::shared_ptr<const RowSet>> whole_registers_;
};

// count, any, all, pct, sum, avg, min, max, distinct, filter over a collection. Conditions
// follow Kleene logic (any: a true decides; all: a false decides); every other aggregate is
// unknown as soon as one element's value is, so a blank cell never counts as zero.
Value Evaluator::Aggregate(const Expr& e) {
  const Function& f = *FindFunction(e.name);
  const std::string name = std::string(f.name) + "()";
  const Expr* each = e.args.size() > 1 ? e.args[1].get() : nullptr;
  // count(C where P) and any(C where P) test P element by element instead of building the
  // filtered collection: same answers (any stops at the first match), no copy.
  const Expr& first = *e.args[0];
  const bool stream = !each && first.kind == Expr::Kind::kWhere && first.args.size() > 1 &&
                      (f.aggregate == Aggregate::kCount || f.aggregate == Aggregate::kAny);
  Value c = stream ? Candidates(first) : Eval(first);
  if (stream) each = first.args[1].get();
  if (!c.is_collection()) return NotACollection(c, e, name.c_str());
  const size_t size = c.CollectionSize();
  if (!each && f.aggregate == Aggregate::kCount) return Value::Number(static_cast<double>(size));
  if (!each && f.aggregate == Aggregate::kAny) return Value::Bool(size > 0);
  if (f.aggregate == Aggregate::kFilter) return Filter(c, *each, e);

  const bool condition = f.aggregate == Aggregate::kCount || f.aggregate == Aggregate::kAny ||
                         f.aggregate == Aggregate::kAll || f.aggregate == Aggregate::kPct;
  size_t trues = 0, falses = 0;
  double sum = 0;
  std::optional<Value> unknown, error, best;
  std::vector<Value> values;
  ForEach(c, each, [&](const auto& v, size_t) {
    if (v.is_error()) return error = AsValue(v), false;
    if (v.is_unknown()) {
      if (!unknown) unknown = AsValue(v);
      return f.aggregate == Aggregate::kAny || f.aggregate == Aggregate::kAll;
    }
    if (condition) {
      if (v.kind() != Kind::kBool)
        return error = Value::Error(
                   name + " needs true or false for each element, not " + Show(AsValue(v)),
                   each->offset),
               false;
      (v.boolean() ? trues : falses)++;
      return !(f.aggregate == Aggregate::kAny && trues) &&
             !(f.aggregate == Aggregate::kAll && falses);
    }
    if (f.aggregate == Aggregate::kDistinct) return values.push_back(AsValue(v)), true;
    const bool dated =
        f.aggregate != Aggregate::kSum && f.aggregate != Aggregate::kAvg && v.kind() == Kind::kDate;
    if (v.kind() != Kind::kNumber && !dated) {
      return error = Value::Error(
                 name + " needs a number for each element, not " + Show(AsValue(v)), each->offset),
             false;
    }
    if (best && best->kind() != v.kind())
      return error = Value::Error(name + " mixes numbers and dates", each->offset), false;
    sum += dated ? 0 : v.number();
    if (!best || (f.aggregate == Aggregate::kMin ? Order(v, *best) < 0 : Order(v, *best) > 0))
      best = AsValue(v);
    return true;
  });
  if (error) return *error;
  switch (f.aggregate) {
    case Aggregate::kAny:
      return trues ? Value::Bool(true) : unknown ? *unknown : Value::Bool(false);
    case Aggregate::kAll:
      return falses ? Value::Bool(false) : unknown ? *unknown : Value::Bool(true);
    default: break;
  }
  if (unknown) return *unknown;
  if (size == 0 && f.aggregate != Aggregate::kCount && f.aggregate != Aggregate::kSum &&
      f.aggregate != Aggregate::kDistinct) {
    return Value::Unknown(name + " of an empty collection");
  }
  switch (f.aggregate) {
    case Aggregate::kCount: return Value::Number(static_cast<double>(trues));
    case Aggregate::kPct:
      return Value::Number(100.0 * static_cast<double>(trues) / static_cast<double>(size));
    case Aggregate::kSum: return Value::Number(sum);
    case Aggregate::kAvg: return Value::Number(sum / static_cast<double>(size));
    case Aggregate::kMin:
    case Aggregate::kMax: return *best;
    default: break;
  }
  std::sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
    return a.kind() != b.kind() ? a.kind() < b.kind() : Order(a, b) < 0;
  });
  values.erase(std::unique(values.begin(), values.end(),
                           [](const Value& a, const Value& b) {
                             return a.kind() == b.kind() && a.Equals(b);
                           }),
               values.end());
  return Value::List(std::move(values));
}

}  // namespace

Value Evaluate(const Expr& expr, Environment& env, EvalState& state, Trace* trace) {
  return Evaluator(env, state, trace).Eval(expr);
}

Value Evaluate(const Expr& expr, Environment& env) {
  EvalState state;
  return Evaluate(expr, env, state);
}

}  // namespace forcecheck::expr
