#include "expr/evaluator.h"

#include "expr/functions.h"

namespace forcecheck::expr {
namespace {

using Kind = Value::Kind;

std::string Show(const Value& v) {
  if (v.kind() == Kind::kSection || v.kind() == Kind::kList) return v.KindName();
  return std::string(v.KindName()) + " (" + v.ToString() + ")";
}

class Evaluator {
 public:
  explicit Evaluator(Environment& env) : env_(env) {}

  Value Eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral: return e.literal;
      case Expr::Kind::kPath: return env_.Lookup(e.path);
      case Expr::Kind::kUnary: return Unary(e);
      case Expr::Kind::kBinary: return Binary(e);
      case Expr::Kind::kCall: return Call(e);
    }
    return Value::Error("internal: unknown expression kind", e.offset);
  }

 private:
  Value Unary(const Expr& e) {
    Value v = Eval(*e.args[0]);
    if (!v.is_decided()) return v;
    if (e.op == Op::kNot) {
      if (v.kind() != Kind::kBool) return Value::Error("'not' needs true or false, not " + Show(v), e.offset);
      return Value::Bool(!v.boolean());
    }
    if (v.kind() != Kind::kNumber) return Value::Error("'-' needs a number, not " + Show(v), e.offset);
    return Value::Number(-v.number());
  }

  // Kleene logic: for `and`, false decides; for `or`, true decides. Otherwise an error
  // outranks unknown, and unknown outranks the deciding-free value.
  Value Logic(const Expr& e) {
    const bool is_and = e.op == Op::kAnd;
    const char* name = is_and ? "'and'" : "'or'";
    Value sides[2];
    for (int i = 0; i < 2; ++i) {
      Value v = Eval(*e.args[i]);
      if (v.is_decided() && v.kind() != Kind::kBool) {
        v = Value::Error(std::string(name) + " needs true or false, not " + Show(v), e.args[i]->offset);
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
    Value l = Eval(*e.args[0]);
    Value r = Eval(*e.args[1]);
    if (l.is_error()) return l;
    if (r.is_error()) return r;
    if (l.is_unknown()) return l;
    if (r.is_unknown()) return r;
    const std::string op = std::string("'") + OpText(e.op) + "'";
    switch (e.op) {
      case Op::kEq:
      case Op::kNe: {
        if (l.kind() != r.kind() || l.kind() == Kind::kSection) {
          return Value::Error(op + " cannot compare " + Show(l) + " with " + Show(r), e.offset);
        }
        return Value::Bool(l.Equals(r) == (e.op == Op::kEq));
      }
      case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: return Order(e, op, l, r);
      default: return Arithmetic(e, op, l, r);
    }
  }

  Value Order(const Expr& e, const std::string& op, const Value& l, const Value& r) {
    if (l.kind() != r.kind() ||
        (l.kind() != Kind::kNumber && l.kind() != Kind::kDate && l.kind() != Kind::kText)) {
      return Value::Error(op + " cannot order " + Show(l) + " against " + Show(r), e.offset);
    }
    int c;
    if (l.kind() == Kind::kNumber) c = l.number() < r.number() ? -1 : l.number() > r.number();
    else if (l.kind() == Kind::kDate) c = l.date() < r.date() ? -1 : l.date() > r.date();
    else c = l.text().compare(r.text()) < 0 ? -1 : l.text().compare(r.text()) > 0;
    switch (e.op) {
      case Op::kLt: return Value::Bool(c < 0);
      case Op::kLe: return Value::Bool(c <= 0);
      case Op::kGt: return Value::Bool(c > 0);
      default: return Value::Bool(c >= 0);
    }
  }

  Value Arithmetic(const Expr& e, const std::string& op, const Value& l, const Value& r) {
    if (l.kind() != Kind::kNumber || r.kind() != Kind::kNumber) {
      return Value::Error(op + " needs numbers, not " + Show(l) + " and " + Show(r), e.offset);
    }
    switch (e.op) {
      case Op::kAdd: return Value::Number(l.number() + r.number());
      case Op::kSub: return Value::Number(l.number() - r.number());
      case Op::kMul: return Value::Number(l.number() * r.number());
      default:
        if (r.number() == 0) return Value::Error("division by zero", e.offset);
        return Value::Number(l.number() / r.number());
    }
  }

  Value Call(const Expr& e) {
    const Function* f = FindFunction(e.name);
    if (!f) return Value::Error("unknown function '" + e.name + "'", e.offset);  // checker stops this
    if (f->takes_path) {
      Value v = env_.Lookup(e.args[0]->path);
      return Value::Bool(!v.is_unknown());
    }
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


  static bool Fits(const Value& v, Type t) {
    switch (t) {
      case Type::kAny: return v.kind() != Kind::kSection;
      case Type::kBool: return v.kind() == Kind::kBool;
      case Type::kNumber: return v.kind() == Kind::kNumber;
      case Type::kText: return v.kind() == Kind::kText;
      case Type::kDate: return v.kind() == Kind::kDate;
      case Type::kList: return v.kind() == Kind::kList;
    }
    return false;
  }

  Environment& env_;
};

}  // namespace

Value Evaluate(const Expr& expr, Environment& env) { return Evaluator(env).Eval(expr); }

}  // namespace forcecheck::expr
