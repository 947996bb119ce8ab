#include "expr/checker.h"

#include "expr/functions.h"

namespace forcecheck::expr {
namespace {

Type LiteralType(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kBool: return Type::kBool;
    case Value::Kind::kNumber: return Type::kNumber;
    case Value::Kind::kText: return Type::kText;
    case Value::Kind::kDate: return Type::kDate;
    case Value::Kind::kList: return Type::kList;
    default: return Type::kAny;
  }
}

std::string Article(Type t) {
  switch (t) {
    case Type::kBool: return "a boolean";
    case Type::kNumber: return "a number";
    case Type::kText: return "text";
    case Type::kDate: return "a date";
    case Type::kList: return "a list";
    case Type::kAny: return "any value";
  }
  return "any value";
}

class Checker {
 public:
  std::vector<ExprError> errors;

  Type Infer(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral: return LiteralType(e.literal);
      case Expr::Kind::kPath: return Type::kAny;
      case Expr::Kind::kUnary: return Unary(e);
      case Expr::Kind::kBinary: return Binary(e);
      case Expr::Kind::kCall: return Call(e);
    }
    return Type::kAny;
  }

  void Want(const Expr& e, Type have, Type want, const std::string& what) {
    if (have == Type::kAny || want == Type::kAny || have == want) return;
    errors.push_back({e.offset, what + " needs " + Article(want) + ", but this is " + Article(have)});
  }

 private:
  Type Unary(const Expr& e) {
    Type t = Infer(*e.args[0]);
    if (e.op == Op::kNot) {
      Want(*e.args[0], t, Type::kBool, "'not'");
      return Type::kBool;
    }
    Want(*e.args[0], t, Type::kNumber, "'-'");
    return Type::kNumber;
  }

  Type Binary(const Expr& e) {
    Type l = Infer(*e.args[0]);
    Type r = Infer(*e.args[1]);
    const std::string op = std::string("'") + OpText(e.op) + "'";
    switch (e.op) {
      case Op::kAnd:
      case Op::kOr:
        Want(*e.args[0], l, Type::kBool, op);
        Want(*e.args[1], r, Type::kBool, op);
        return Type::kBool;
      case Op::kEq:
      case Op::kNe:
        if (l != Type::kAny && r != Type::kAny && l != r) {
          errors.push_back({e.offset, op + " compares " + Article(l) + " with " + Article(r) +
                                          ", which are never equal"});
        }
        return Type::kBool;
      case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe:
        for (Type t : {l, r}) {
          if (t == Type::kBool || t == Type::kList) {
            errors.push_back({e.offset, op + " orders numbers, dates or text, not " + Article(t)});
            return Type::kBool;
          }
        }
        if (l != Type::kAny && r != Type::kAny && l != r) {
          errors.push_back({e.offset, op + " cannot order " + Article(l) + " against " + Article(r)});
        }
        return Type::kBool;
      default:
        Want(*e.args[0], l, Type::kNumber, op);
        Want(*e.args[1], r, Type::kNumber, op);
        return Type::kNumber;
    }
  }

  Type Call(const Expr& e) {
    const Function* f = FindFunction(e.name);
    if (!f) {
      std::string known;
      for (const Function& k : AllFunctions()) known += (known.empty() ? "" : ", ") + std::string(k.name);
      errors.push_back({e.offset, "unknown function '" + e.name + "' (known functions: " + known + ")"});
      for (const auto& a : e.args) Infer(*a);
      return Type::kAny;
    }
    const size_t n = e.args.size();
    if (n < f->min_args || n > f->max_args) {
      std::string want = f->min_args == f->max_args ? std::to_string(f->min_args)
                         : f->max_args == kVariadic ? "at least " + std::to_string(f->min_args)
                         : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
      errors.push_back({e.offset, std::string(f->name) + "() takes " + want + " argument" +
                                      (want == "1" ? "" : "s") + ", not " + std::to_string(n)});
      return f->result;
    }
    for (size_t i = 0; i < n; ++i) {
      const Expr& a = *e.args[i];
      if (f->takes_path) {
        if (a.kind != Expr::Kind::kPath) {
          errors.push_back({a.offset, std::string(f->name) +
                                          "() takes a path into the evidence, such as " +
                                          std::string(f->name) + "(vetting.aftercare)"});
        }
        continue;
      }
      Type want = f->params[std::min(i, f->params.size() - 1)];
      Want(a, Infer(a), want, "argument " + std::to_string(i + 1) + " of " + std::string(f->name) + "()");
    }
    return f->result;
  }
};

}  // namespace

std::vector<ExprError> Check(const Expr& expr, Type want) {
  Checker c;
  Type t = c.Infer(expr);
  if (c.errors.empty() && t != Type::kAny && want != Type::kAny && t != want) {
    c.errors.push_back({expr.offset, "the expression must give " + Article(want) +
                                         ", but it gives " + Article(t)});
  }
  return c.errors;
}

}  // namespace forcecheck::expr
