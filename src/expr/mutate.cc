#include "expr/mutate.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "expr/lexer.h"

namespace forcecheck::expr {
namespace {

// The operator table: a token and the one text it is replaced with.
struct Swap {
  TokenKind from;
  const char* to;
};
constexpr Swap kSwaps[] = {
    {TokenKind::kLt, "<="},      {TokenKind::kLe, "<"},   {TokenKind::kGt, ">="},
    {TokenKind::kGe, ">"},       {TokenKind::kEq, "!="},  {TokenKind::kNe, "=="},
    {TokenKind::kAnd, "or"},     {TokenKind::kOr, "and"}, {TokenKind::kTrue, "false"},
    {TokenKind::kFalse, "true"},
};

// `number` (digits, perhaps a sign and a decimal point) moved by one unit of its last digit,
// written with as many decimals; empty when it is not written that way (e.g. 1e+21).
std::string StepNumber(std::string_view number, int direction) {
  if (number.find_first_of("eE") != std::string_view::npos) return {};
  const size_t point = number.find('.');
  const int decimals =
      point == std::string_view::npos ? 0 : static_cast<int>(number.size() - point - 1);
  double step = 1;
  for (int i = 0; i < decimals; ++i) step /= 10;
  const double value = std::strtod(std::string(number).c_str(), nullptr) + direction * step;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string out = buf;
  if (out.find_first_not_of("-0.") == std::string::npos && out[0] == '-') out.erase(0, 1);  // -0.0
  return out;
}

std::string DurationText(int amount, char unit) {
  return std::to_string(amount) + (unit == 'm' ? "mo" : std::string(1, unit));
}

// Collects mutants in the order they are made, skipping a text already made.
class Maker {
 public:
  explicit Maker(std::string_view source) : source_(source) {}

  void Replace(uint32_t offset, uint32_t length, const std::string& with, std::string description) {
    std::string text(source_);
    text.replace(offset, length, with);
    if (!made_.insert(text).second) return;
    mutants_.push_back({offset, std::move(description), std::move(text)});
  }
  void ReplaceToken(const Token& t, const std::string& with) {
    Replace(t.offset, t.length, with, "'" + Original(t.offset, t.length) + "' to '" + with + "'");
  }
  std::string Original(uint32_t offset, uint32_t length) const {
    return std::string(source_.substr(offset, length));
  }
  std::vector<Mutant> Take() {
    std::stable_sort(mutants_.begin(), mutants_.end(),
                     [](const Mutant& a, const Mutant& b) { return a.offset < b.offset; });
    return std::move(mutants_);
  }

 private:
  std::string_view source_;
  std::set<std::string> made_;
  std::vector<Mutant> mutants_;
};

void MutateToken(const Token& t, const Token& next, Maker& m) {
  for (const Swap& s : kSwaps) {
    if (s.from == t.kind) m.ReplaceToken(t, s.to);
  }
  if (t.kind == TokenKind::kNot) {
    m.Replace(t.offset, next.offset - t.offset, "", "'not' dropped");
  } else if (t.kind == TokenKind::kNumber) {
    for (int direction : {-1, 1}) {
      const std::string stepped = StepNumber(m.Original(t.offset, t.length), direction);
      if (!stepped.empty()) m.ReplaceToken(t, stepped);
    }
  } else if (t.kind == TokenKind::kDuration) {
    const int amount = static_cast<int>(t.number);
    if (amount > 0) m.ReplaceToken(t, DurationText(amount - 1, t.unit));
    m.ReplaceToken(t, DurationText(amount + 1, t.unit));
  }
}

// A parameter reference of a number or duration type, replaced by its default moved one unit.
void MutateParameters(const Expr& e, Maker& m) {
  if (e.kind == Expr::Kind::kPath && e.ref == Ref::kParameter) {
    const Value& v = e.literal;
    for (int direction : {-1, 1}) {
      std::string with;
      if (v.kind() == Value::Kind::kNumber) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.number());
        if (ec == std::errc()) with = StepNumber(std::string_view(buf, end - buf), direction);
      } else if (v.kind() == Value::Kind::kDuration && v.number() + direction >= 0) {
        with = DurationText(static_cast<int>(v.number()) + direction, v.unit());
      }
      if (!with.empty())
        m.Replace(e.offset, e.length, with, "'" + e.PathText() + "' to '" + with + "'");
    }
  }
  for (const auto& a : e.args) MutateParameters(*a, m);
}

}  // namespace

std::vector<Mutant> MutantsOf(std::string_view source, const Expr& checked) {
  Maker m(source);
  const LexResult lexed = Lex(source);
  for (size_t i = 0; !lexed.error && i + 1 < lexed.tokens.size(); ++i) {
    MutateToken(lexed.tokens[i], lexed.tokens[i + 1], m);
  }
  MutateParameters(checked, m);
  return m.Take();
}

}  // namespace forcecheck::expr
