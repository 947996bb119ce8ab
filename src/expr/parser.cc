#include "expr/parser.h"

#include <algorithm>

#include "expr/lexer.h"

namespace forcecheck::expr {
namespace {

// Parse errors unwind with this; it never leaves Parse().
struct ParseError {
  ExprError error;
};

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : src_(source), toks_(std::move(tokens)) {}

  std::unique_ptr<Expr> Run() {
    auto e = Query();
    if (Peek().kind != TokenKind::kEnd) {
      Fail(Peek(), "unexpected " + Describe(Peek(), src_) + " after a complete expression");
    }
    return e;
  }

 private:
  const Token& Peek() const { return toks_[pos_]; }
  const Token& Take() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool Accept(TokenKind k) {
    if (Peek().kind != k) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void Fail(const Token& at, std::string msg) {
    throw ParseError{{at.offset, std::move(msg)}};
  }

  std::unique_ptr<Expr> Node(Expr::Kind kind, uint32_t offset) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->offset = offset;
    return e;
  }
  // Sets the node's extent and height, refusing a tree deeper than kMaxNesting.
  void Close(Expr& e) {
    e.length = toks_[pos_ - 1].offset + toks_[pos_ - 1].length - e.offset;
    Height(e);
  }
  void Height(Expr& e) {
    for (const auto& a : e.args) e.height = std::max(e.height, a->height + 1);
    if (e.height > kMaxNesting) {
      throw ParseError{{e.offset, "expression is nested too deeply (the limit is " +
                                      std::to_string(kMaxNesting) + " levels)"}};
    }
  }

  std::unique_ptr<Expr> Binary(Op op, std::unique_ptr<Expr> l, std::unique_ptr<Expr> r) {
    auto e = Node(Expr::Kind::kBinary, l->offset);
    e->op = op;
    e->length = r->offset + r->length - l->offset;
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    Height(*e);
    return e;
  }

  struct DepthGuard {
    explicit DepthGuard(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxNesting) {
        p_.Fail(p_.Peek(), "expression is nested too deeply (the limit is " +
                               std::to_string(kMaxNesting) + " levels)");
      }
    }
    ~DepthGuard() { --p_.depth_; }
    Parser& p_;
  };

  std::unique_ptr<Expr> Query() {
    DepthGuard guard(*this);
    auto e = Or();
    std::string alias;
    if (Accept(TokenKind::kAs)) {
      if (Peek().kind != TokenKind::kIdent)
        Fail(Peek(), "expected a name after 'as', found " + Describe(Peek(), src_));
      alias = Take().text;
    }
    if (!alias.empty() || Peek().kind == TokenKind::kWhere) {
      auto w = Node(Expr::Kind::kWhere, e->offset);
      w->name = alias;
      w->args.push_back(std::move(e));
      if (Accept(TokenKind::kWhere)) w->args.push_back(Or());
      Close(*w);
      e = std::move(w);
    }
    if (Accept(TokenKind::kBy)) {
      auto b = Node(Expr::Kind::kBy, e->offset);
      b->args.push_back(std::move(e));
      b->args.push_back(Or());
      Close(*b);
      e = std::move(b);
    }
    return e;
  }

  std::unique_ptr<Expr> Or() {
    auto l = And();
    while (Accept(TokenKind::kOr)) l = Binary(Op::kOr, std::move(l), And());
    return l;
  }

  std::unique_ptr<Expr> And() {
    auto l = Not();
    while (Accept(TokenKind::kAnd)) l = Binary(Op::kAnd, std::move(l), Not());
    return l;
  }

  std::unique_ptr<Expr> Not() {
    DepthGuard guard(*this);
    if (Peek().kind != TokenKind::kNot) return Compare();
    auto e = Node(Expr::Kind::kUnary, Take().offset);
    e->op = Op::kNot;
    e->args.push_back(Not());
    Close(*e);
    return e;
  }

  static std::optional<Op> CompareOp(TokenKind k) {
    switch (k) {
      case TokenKind::kEq: return Op::kEq;
      case TokenKind::kNe: return Op::kNe;
      case TokenKind::kLt: return Op::kLt;
      case TokenKind::kLe: return Op::kLe;
      case TokenKind::kGt: return Op::kGt;
      case TokenKind::kGe: return Op::kGe;
      case TokenKind::kIn: return Op::kIn;
      default: return std::nullopt;
    }
  }

  std::unique_ptr<Expr> Compare() {
    auto l = Sum();
    std::optional<Op> op = CompareOp(Peek().kind);
    if (!op) return l;
    Take();
    auto e = Binary(*op, std::move(l), Sum());
    if (CompareOp(Peek().kind)) {
      Fail(Peek(), "comparisons cannot be chained; join them with 'and'");
    }
    return e;
  }

  std::unique_ptr<Expr> Sum() {
    auto l = Product();
    while (Peek().kind == TokenKind::kPlus || Peek().kind == TokenKind::kMinus) {
      Op op = Take().kind == TokenKind::kPlus ? Op::kAdd : Op::kSub;
      l = Binary(op, std::move(l), Product());
    }
    return l;
  }

  std::unique_ptr<Expr> Product() {
    auto l = Unary();
    while (Peek().kind == TokenKind::kStar || Peek().kind == TokenKind::kSlash) {
      Op op = Take().kind == TokenKind::kStar ? Op::kMul : Op::kDiv;
      l = Binary(op, std::move(l), Unary());
    }
    return l;
  }

  std::unique_ptr<Expr> Unary() {
    DepthGuard guard(*this);
    if (Peek().kind != TokenKind::kMinus) return Primary();
    auto e = Node(Expr::Kind::kUnary, Take().offset);
    e->op = Op::kNeg;
    e->args.push_back(Unary());
    Close(*e);
    return e;
  }

  std::unique_ptr<Expr> Literal(Value v) {
    auto e = Node(Expr::Kind::kLiteral, Peek().offset);
    e->literal = std::move(v);
    Take();
    Close(*e);
    return e;
  }

  std::unique_ptr<Expr> Primary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber: return Literal(Value::Number(t.number));
      case TokenKind::kText: return Literal(Value::Text(t.text));
      case TokenKind::kDate: return Literal(Value::DateValue(t.date));
      case TokenKind::kDuration:
        return Literal(Value::Duration(static_cast<int>(t.number), t.unit));
      case TokenKind::kTrue: return Literal(Value::Bool(true));
      case TokenKind::kFalse: return Literal(Value::Bool(false));
      case TokenKind::kNull:
        Fail(t, "'null' is not a value; use exists(path) to ask whether evidence is present");
      case TokenKind::kIdent: return NameOrCall();
      case TokenKind::kWhere:
      case TokenKind::kBy:
      case TokenKind::kAs:
        Fail(t, Describe(t, src_) + " must follow a collection, such as registers.vetting " +
                    Describe(t, src_) + " ...");
      case TokenKind::kLParen: {
        Take();
        auto e = Query();
        if (!Accept(TokenKind::kRParen)) {
          Fail(Peek(), "expected ')' to close '(', found " + Describe(Peek(), src_));
        }
        return e;
      }
      default: Fail(t, "expected a value, a path or '(', found " + Describe(t, src_));
    }
  }

  std::unique_ptr<Expr> NameOrCall() {
    const Token& first = Take();
    if (Accept(TokenKind::kLParen)) {
      auto e = Node(Expr::Kind::kCall, first.offset);
      e->name = first.text;
      if (!Accept(TokenKind::kRParen)) {
        do {
          e->args.push_back(Query());
        } while (Accept(TokenKind::kComma));
        if (!Accept(TokenKind::kRParen)) {
          Fail(Peek(), "expected ',' or ')' in the call of '" + e->name + "', found " +
                           Describe(Peek(), src_));
        }
      }
      Close(*e);
      return e;
    }
    auto e = Node(Expr::Kind::kPath, first.offset);
    e->path.push_back(first.text);
    while (Accept(TokenKind::kDot)) {
      if (Peek().kind != TokenKind::kIdent) {
        Fail(Peek(), "expected a name after '.', found " + Describe(Peek(), src_));
      }
      e->path.push_back(Take().text);
    }
    Close(*e);
    return e;
  }

  std::string_view src_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

ParseResult Parse(std::string_view source) {
  ParseResult r;
  LexResult lexed = Lex(source);
  if (lexed.error) {
    r.error = lexed.error;
    return r;
  }
  if (lexed.tokens.size() == 1) {
    r.error = ExprError{0, "the expression is empty"};
    return r;
  }
  try {
    r.expr = Parser(source, std::move(lexed.tokens)).Run();
  } catch (const ParseError& e) {
    r.error = e.error;
  }
  return r;
}

}  // namespace forcecheck::expr
