#include "expr/checker.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "base/spelling.h"
#include "expr/functions.h"

namespace forcecheck::expr {
namespace {

// What the checker knows of an expression's value.
struct Info {
  Info(Type t = Type::kAny, const RegisterSpec* r = nullptr, Type m = Type::kAny)
      : type(t), reg(r), members(m) {}

  Type type;
  const RegisterSpec* reg;  // kRows, or kGroups of register records
  Type members;             // kGroups: kRows or kList
  std::string alias;        // a collection's `as` name, for its elements
};

// A name scope opened by `where`, `by` or an aggregate's per-element argument.
struct Scope {
  enum class Kind { kRecord, kItem, kGroup } kind;
  const RegisterSpec* reg = nullptr;
  std::string alias;
  Info members;  // kGroup: what `group` holds
};

std::string Article(Type t) {
  switch (t) {
    case Type::kBool: return "a boolean";
    case Type::kNumber: return "a number";
    case Type::kText: return "text";
    case Type::kDate: return "a date";
    case Type::kDuration: return "a duration";
    case Type::kList: return "a list";
    case Type::kRows: return "register records";
    case Type::kGroups: return "groups";
    case Type::kAny: return "any value";
  }
  return "any value";
}

Type LiteralType(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kBool: return Type::kBool;
    case Value::Kind::kNumber: return Type::kNumber;
    case Value::Kind::kText: return Type::kText;
    case Value::Kind::kDate: return Type::kDate;
    case Value::Kind::kDuration: return Type::kDuration;
    default: return Type::kAny;
  }
}

Type ColumnValueType(ColumnType t) {
  switch (t) {
    case ColumnType::kText: return Type::kText;
    case ColumnType::kNumber: return Type::kNumber;
    case ColumnType::kDate: return Type::kDate;
    case ColumnType::kBool: return Type::kBool;
  }
  return Type::kAny;
}

bool IsCollection(Type t) {
  return t == Type::kRows || t == Type::kList || t == Type::kGroups || t == Type::kAny;
}

std::string ColumnList(const RegisterSpec& spec) {
  std::string s;
  for (const ColumnSpec& c : spec.columns) s += (s.empty() ? "" : ", ") + c.name;
  return s;
}

class Checker {
 public:
  explicit Checker(const CheckContext& ctx) : ctx_(ctx) {}

  std::vector<ExprError> errors;

  Info Infer(Expr& e) {
    Info i = InferKind(e);
    // Names of the scopes `e` opens itself (an aggregate's elements) do not make it vary: only
    // those of the scopes around it.
    e.invariant = !scopes_.empty() && e.kind != Expr::Kind::kLiteral &&
                  !UsesScope(e, 0, static_cast<int>(scopes_.size()));
    return i;
  }

  Info InferKind(Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral: return {LiteralType(e.literal)};
      case Expr::Kind::kPath: return Path(e);
      case Expr::Kind::kUnary: return {Unary(e)};
      case Expr::Kind::kBinary: return {Binary(e)};
      case Expr::Kind::kCall: return Call(e);
      case Expr::Kind::kWhere: return Where(e);
      case Expr::Kind::kBy: return By(e);
    }
    return {};
  }

  void Want(const Expr& e, Type have, Type want, const std::string& what) {
    if (have == Type::kAny || want == Type::kAny || have == want) return;
    Error(e, what + " needs " + Article(want) + ", but this is " + Article(have));
  }

 private:
  void Error(const Expr& e, std::string message) {
    errors.push_back({e.offset, std::move(message)});
  }

  // ---- names --------------------------------------------------------------------------------

  Info Path(Expr& e) {
    const std::vector<std::string>& p = e.path;
    if (p[0] == "registers") return RegisterPath(e);
    if (p[0] == "params") return ParameterPath(e);
    for (int i = static_cast<int>(scopes_.size()) - 1; i >= 0; --i) {
      const Scope& sc = scopes_[static_cast<size_t>(i)];
      if (!sc.alias.empty()) {
        if (p[0] == sc.alias) return InScope(e, sc, i, {p.begin() + 1, p.end()}, true);
        continue;
      }
      if (p.size() != 1) continue;
      if (sc.kind == Scope::Kind::kRecord && sc.reg->ColumnIndex(p[0]) >= 0)
        return InScope(e, sc, i, p, false);
      if (sc.kind == Scope::Kind::kItem) return InScope(e, sc, i, p, false);
      if (sc.kind == Scope::Kind::kGroup && (p[0] == "group" || p[0] == "key"))
        return InScope(e, sc, i, p, false);
    }
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      if (p.size() == 1 && it->kind == Scope::Kind::kRecord && it->alias.empty()) {
        Error(e, "unknown column '" + p[0] + "' in register '" + it->reg->id +
                     "' (its columns are: " + ColumnList(*it->reg) + ")");
        return {};
      }
    }
    return EvidencePath(e);
  }

  Info RegisterPath(Expr& e) {
    const std::vector<std::string>& p = e.path;
    const RegisterSpec* spec = nullptr;
    if (p.size() >= 2 && ctx_.registers) {
      for (const RegisterSpec& r : *ctx_.registers) {
        if (r.id == p[1]) spec = &r;
      }
    }
    if (!spec) {
      std::vector<std::string> known;
      if (ctx_.registers) {
        for (const RegisterSpec& r : *ctx_.registers) known.push_back(r.id);
      }
      Error(e, p.size() < 2
                   ? "'registers' must be followed by a register's name, as in registers.vetting"
                   : "unknown register '" + p[1] + "'" + Declared(p[1], known));
      return {};
    }
    e.reg = spec;
    if (p.size() == 2) {
      e.ref = Ref::kRegister;
      return {Type::kRows, spec};
    }
    const int col = spec->ColumnIndex(p[2]);
    if (col < 0 || p.size() > 3) {
      Error(e, col < 0 ? "unknown column '" + p[2] + "' in register '" + spec->id +
                             "' (its columns are: " + ColumnList(*spec) + ")"
                       : "a column has no fields: '" + e.PathText() + "'");
      return {};
    }
    e.ref = Ref::kRegisterColumn;
    e.column = col;
    return {Type::kList};
  }

  Info ParameterPath(Expr& e) {
    const std::vector<std::string>& p = e.path;
    static const std::vector<ParameterInfo> kNone;
    const std::vector<ParameterInfo>& params = ctx_.parameters ? *ctx_.parameters : kNone;
    for (size_t i = 0; p.size() >= 2 && i < params.size(); ++i) {
      if (params[i].id != p[1]) continue;
      if (p.size() > 2) {
        Error(e, "a parameter has no fields: '" + e.PathText() + "'");
        return {};
      }
      e.ref = Ref::kParameter;
      e.parameter = static_cast<int>(i);
      e.literal = params[i].default_value;
      return {params[i].type};
    }
    std::vector<std::string> known;
    for (const ParameterInfo& info : params) known.push_back(info.id);
    Error(e, p.size() < 2
                 ? "'params' must be followed by a parameter's name, as in params.tolerance"
                 : "unknown parameter '" + p[1] + "'" + Declared(p[1], known));
    return {};
  }

  // `rest` is the path after the alias (aliased) or the whole single name (bare).
  Info InScope(Expr& e, const Scope& sc, int index, std::vector<std::string> rest, bool aliased) {
    e.scope = index;
    switch (sc.kind) {
      case Scope::Kind::kRecord: {
        const int col = rest.size() == 1 ? sc.reg->ColumnIndex(rest[0]) : -1;
        if (col < 0) {
          Error(e, rest.empty()
                       ? "'" + sc.alias + "' is a record; name one of its columns, as in " +
                             sc.alias + "." + sc.reg->columns[0].name
                       : "unknown column '" + rest[0] + "' in register '" + sc.reg->id +
                             "' (its columns are: " + ColumnList(*sc.reg) + ")");
          return {};
        }
        e.ref = Ref::kColumn;
        e.reg = sc.reg;
        e.column = col;
        return {ColumnValueType(sc.reg->columns[static_cast<size_t>(col)].type)};
      }
      case Scope::Kind::kItem:
        e.ref = Ref::kItemField;
        e.field = std::move(rest);
        return {};
      case Scope::Kind::kGroup:
        if (aliased && rest.size() != 1) {
          Error(e, "a group has 'key' and 'group': write " + sc.alias + ".key or " + sc.alias +
                       ".group");
          return {};
        }
        if (rest[0] == "key") {
          e.ref = Ref::kGroupKey;
          return {};
        }
        if (rest[0] == "group") {
          e.ref = Ref::kGroupMembers;
          return sc.members;
        }
        Error(e, "a group has 'key' and 'group', not '" + rest[0] + "'");
        return {};
    }
    return {};
  }

  // "; did you mean 'x'?" or "; the pack declares 'a' and 'b'" (or "; the pack declares none").
  static std::string Declared(const std::string& name, const std::vector<std::string>& known) {
    return known.empty() ? "; the pack declares none"
                         : SuggestName(name, known, "the pack declares");
  }

  Info EvidencePath(Expr& e) {
    e.ref = Ref::kEvidence;
    if (!ctx_.evidence_paths) return {};
    auto it = ctx_.evidence_paths->find(e.PathText());
    if (it == ctx_.evidence_paths->end()) {
      std::vector<std::string> known;
      for (const auto& [path, type] : *ctx_.evidence_paths) known.push_back(path);
      std::optional<std::string> close = ClosestName(e.PathText(), known);
      Error(e, "unknown evidence path '" + e.PathText() + "' (not described in " +
                   (ctx_.evidence_schema_name.empty() ? "the evidence schema"
                                                      : ctx_.evidence_schema_name) +
                   ")" + (close ? "; did you mean '" + *close + "'?" : ""));
      return {};
    }
    return {it->second};
  }

  Scope ElementScope(const Info& c, const std::string& alias) {
    Scope sc;
    sc.alias = alias.empty() ? c.alias : alias;
    if (c.type == Type::kRows) {
      sc.kind = Scope::Kind::kRecord;
      sc.reg = c.reg;
    } else if (c.type == Type::kGroups) {
      sc.kind = Scope::Kind::kGroup;
      sc.members = Info{c.members, c.reg};
    } else {
      sc.kind = Scope::Kind::kItem;
    }
    return sc;
  }

  // Checks `e` with the elements of `c` in scope.
  Info InElementScope(const Info& c, const std::string& alias, Expr& e) {
    scopes_.push_back(ElementScope(c, alias));
    Info i = Infer(e);
    scopes_.pop_back();
    return i;
  }

  // ---- collections --------------------------------------------------------------------------

  Info Collection(Expr& e, const std::string& what) {
    Info c = Infer(e);
    if (!IsCollection(c.type)) {
      Error(e, what + " needs a collection (register records, a list or groups), but this is " +
                   Article(c.type));
    }
    return c;
  }

  Info Where(Expr& e) {
    Info c = Collection(*e.args[0], e.args.size() > 1 ? "'where'" : "'as'");
    if (e.args.size() > 1) {
      Info cond = InElementScope(c, e.name, *e.args[1]);
      Want(*e.args[1], cond.type, Type::kBool, "'where'");
      if (c.type == Type::kRows && e.args[0]->kind == Expr::Kind::kPath &&
          e.args[0]->ref == Ref::kRegister) {
        FindIndex(e, static_cast<int>(scopes_.size()));
      }
    }
    Info out = c;
    if (!e.name.empty()) out.alias = e.name;
    return out;
  }

  Info By(Expr& e) {
    Info c = Collection(*e.args[0], "'by'");
    Info key = InElementScope(c, "", *e.args[1]);
    if (key.type == Type::kRows || key.type == Type::kGroups || key.type == Type::kList) {
      Error(*e.args[1], "a group key must be a value such as a column, not " + Article(key.type));
    }
    Info out{Type::kGroups, c.reg, c.type == Type::kGroups ? Type::kAny : c.type};
    return out;
  }

  // Whether any name in `e` refers to a scope numbered from `from` up to (not including) `to`.
  static bool UsesScope(const Expr& e, int from, int to = std::numeric_limits<int>::max()) {
    if (e.kind == Expr::Kind::kPath && e.ref != Ref::kEvidence && e.ref != Ref::kRegister &&
        e.ref != Ref::kRegisterColumn && e.ref != Ref::kParameter && e.scope >= from &&
        e.scope < to) {
      return true;
    }
    for (const auto& a : e.args) {
      if (a && UsesScope(*a, from, to)) return true;
    }
    return false;
  }

  // Looks for a conjunct `column == e` (either way round) where `e` does not depend on the
  // record, so the evaluator can find matching records through an index on the column.
  void FindIndex(Expr& where, int scope) {
    std::vector<Expr*> conjuncts;
    std::function<void(Expr&)> split = [&](Expr& c) {
      if (c.kind == Expr::Kind::kBinary && c.op == Op::kAnd) {
        split(*c.args[0]);
        split(*c.args[1]);
      } else {
        conjuncts.push_back(&c);
      }
    };
    split(*where.args[1]);
    for (Expr* c : conjuncts) {
      if (c->kind != Expr::Kind::kBinary || c->op != Op::kEq) continue;
      for (int side = 0; side < 2; ++side) {
        const Expr& col = *c->args[side];
        const Expr& key = *c->args[1 - side];
        if (col.kind == Expr::Kind::kPath && col.ref == Ref::kColumn && col.scope == scope &&
            !UsesScope(key, scope)) {
          where.index_column = col.column;
          where.index_key = &key;
          return;
        }
      }
    }
  }

  // ---- operators ----------------------------------------------------------------------------

  Type Unary(Expr& e) {
    Type t = Infer(*e.args[0]).type;
    if (e.op == Op::kNot) {
      Want(*e.args[0], t, Type::kBool, "'not'");
      return Type::kBool;
    }
    Want(*e.args[0], t, Type::kNumber, "'-'");
    return Type::kNumber;
  }

  Type Binary(Expr& e) {
    Type l = Infer(*e.args[0]).type;
    Info right = Infer(*e.args[1]);
    Type r = right.type;
    const std::string op = std::string("'") + OpText(e.op) + "'";
    switch (e.op) {
      case Op::kAnd:
      case Op::kOr:
        Want(*e.args[0], l, Type::kBool, op);
        Want(*e.args[1], r, Type::kBool, op);
        return Type::kBool;
      case Op::kIn:
        if (r != Type::kAny && r != Type::kList) {
          Error(*e.args[1],
                "'in' needs a list, such as registers.suppliers.name, but this is " + Article(r));
        }
        e.indexed_in =
            e.args[1]->kind == Expr::Kind::kPath && e.args[1]->ref == Ref::kRegisterColumn;
        return Type::kBool;
      case Op::kEq:
      case Op::kNe:
        if (l != Type::kAny && r != Type::kAny && l != r) {
          Error(e,
                op + " compares " + Article(l) + " with " + Article(r) + ", which are never equal");
        }
        return Type::kBool;
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
        for (Type t : {l, r}) {
          if (t != Type::kAny && t != Type::kNumber && t != Type::kDate && t != Type::kText) {
            Error(e, op + " orders numbers, dates or text, not " + Article(t));
            return Type::kBool;
          }
        }
        if (l != Type::kAny && r != Type::kAny && l != r) {
          Error(e, op + " cannot order " + Article(l) + " against " + Article(r));
        }
        return Type::kBool;
      default: return Arithmetic(e, op, l, r);
    }
  }

  // Numbers with + - * /; a date plus or minus a duration is a date; a date minus a date is a
  // number of days.
  Type Arithmetic(const Expr& e, const std::string& op, Type l, Type r) {
    const bool additive = e.op == Op::kAdd || e.op == Op::kSub;
    if (additive && (l == Type::kDate || r == Type::kDuration || l == Type::kDuration)) {
      if (e.op == Op::kSub && l == Type::kDate && r == Type::kDate) return Type::kNumber;
      if (l == Type::kDuration || (e.op == Op::kSub && r == Type::kDate)) {
        Error(e, op + " takes a date on its left and a duration on its right, as in as_of() - 6mo");
        return Type::kDate;
      }
      Want(*e.args[0], l, Type::kDate, op);
      if (r != Type::kAny && r != Type::kDuration && !(e.op == Op::kSub && r == Type::kDate)) {
        Error(*e.args[1], op + " on a date needs a duration such as 42d, 6mo or 10y, but this is " +
                              Article(r));
      }
      return Type::kDate;
    }
    if (l == Type::kAny && r == Type::kAny)
      return Type::kAny;  // a date or a number: decided at run time
    Want(*e.args[0], l, Type::kNumber, op);
    Want(*e.args[1], r, Type::kNumber, op);
    return Type::kNumber;
  }

  // ---- calls --------------------------------------------------------------------------------

  Info Call(Expr& e) {
    const Function* f = FindFunction(e.name);
    if (!f) {
      std::string known;
      for (const Function& k : AllFunctions())
        known += (known.empty() ? "" : ", ") + std::string(k.name);
      Error(e, "unknown function '" + e.name + "' (known functions: " + known + ")");
      for (const auto& a : e.args) Infer(*a);
      return {};
    }
    const size_t n = e.args.size();
    if (n < f->min_args || n > f->max_args) {
      std::string want = f->min_args == f->max_args ? std::to_string(f->min_args)
                         : f->max_args == kVariadic
                             ? "at least " + std::to_string(f->min_args)
                             : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
      const bool one = f->max_args == 1 || (f->min_args == 1 && f->max_args == kVariadic);
      Error(e, std::string(f->name) + "() takes " + want + " argument" + (one ? "" : "s") +
                   ", not " + std::to_string(n));
      return {f->result};
    }
    if (f->aggregate != Aggregate::kNone && IsAggregateCall(*f, e)) return AggregateCall(*f, e);
    for (size_t i = 0; i < n; ++i) {
      Expr& a = *e.args[i];
      if (f->takes_path) {
        if (a.kind != Expr::Kind::kPath) {
          Error(a, std::string(f->name) + "() takes a path, such as " + std::string(f->name) +
                       "(vetting.aftercare)");
        } else {
          Infer(a);
        }
        continue;
      }
      Type want = f->params[std::min(i, f->params.size() - 1)];
      Want(a, Infer(a).type, want,
           "argument " + std::to_string(i + 1) + " of " + std::string(f->name) + "()");
    }
    return {f->result};
  }

  // min and max also take numbers; they aggregate when their first argument is a collection.
  bool IsAggregateCall(const Function& f, Expr& e) {
    if (!f.numeric_too) return true;
    const Expr& first = *e.args[0];
    if (first.kind == Expr::Kind::kWhere || first.kind == Expr::Kind::kBy) return true;
    if (first.kind != Expr::Kind::kPath) return false;
    if (first.path[0] == "registers" && first.path.size() == 2) return true;
    if (first.path.size() == 1 && (first.path[0] == "group")) return true;
    if (ctx_.evidence_paths) {
      auto it = ctx_.evidence_paths->find(first.PathText());
      return it != ctx_.evidence_paths->end() && it->second == Type::kList;
    }
    return false;
  }

  Info AggregateCall(const Function& f, Expr& e) {
    e.aggregate = true;
    const std::string name = std::string(f.name) + "()";
    Info c = Collection(*e.args[0], name);
    if (e.args.size() < 2) {
      if (f.aggregate != Aggregate::kCount && f.aggregate != Aggregate::kAny) {
        Error(e,
              name + " needs a second argument: the value or condition to take for each element");
      }
      return {f.result};
    }
    Info each = InElementScope(c, "", *e.args[1]);
    switch (f.aggregate) {
      case Aggregate::kCount:
      case Aggregate::kAny:
      case Aggregate::kAll:
      case Aggregate::kPct:
      case Aggregate::kFilter: Want(*e.args[1], each.type, Type::kBool, name); break;
      case Aggregate::kSum:
      case Aggregate::kAvg: Want(*e.args[1], each.type, Type::kNumber, name); break;
      case Aggregate::kMin:
      case Aggregate::kMax:
        if (each.type != Type::kAny && each.type != Type::kNumber && each.type != Type::kDate) {
          Error(*e.args[1], name + " needs numbers or dates, but this is " + Article(each.type));
        }
        return {each.type == Type::kDate ? Type::kDate : Type::kNumber};
      default: break;
    }
    if (f.aggregate == Aggregate::kFilter) return c;
    return {f.result};
  }

  const CheckContext& ctx_;
  std::vector<Scope> scopes_;
};

}  // namespace

std::vector<ExprError> Check(Expr& expr, Type want, const CheckContext& context) {
  Checker c(context);
  Type t = c.Infer(expr).type;
  if (c.errors.empty() && t != Type::kAny && want != Type::kAny && t != want) {
    c.errors.push_back({expr.offset, "the expression must give " + Article(want) +
                                         ", but it gives " + Article(t)});
  }
  return c.errors;
}

}  // namespace forcecheck::expr
