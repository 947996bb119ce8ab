#include "expr/lexer.h"

#include <charconv>
#include <cmath>

#include "base/limits.h"
#include "base/strings.h"

namespace forcecheck::expr {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Keyword {
  std::string_view text;
  TokenKind kind;
};
constexpr Keyword kKeywords[] = {
    {"and", TokenKind::kAnd},     {"or", TokenKind::kOr},       {"not", TokenKind::kNot},
    {"true", TokenKind::kTrue},   {"false", TokenKind::kFalse}, {"null", TokenKind::kNull},
    {"where", TokenKind::kWhere}, {"by", TokenKind::kBy},       {"as", TokenKind::kAs},
    {"in", TokenKind::kIn},
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  LexResult Run() {
    LexResult r;
    if (s_.size() > limits::kExpressionBytes) {
      r.error =
          Err(0, "expression too long (" + std::to_string(s_.size()) + " bytes; the limit is " +
                     std::to_string(limits::kExpressionBytes) + ")");
      return r;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size()) break;
      Token t;
      t.offset = static_cast<uint32_t>(pos_);
      if (std::optional<ExprError> e = Next(t)) {
        r.error = e;
        return r;
      }
      t.length = static_cast<uint32_t>(pos_) - t.offset;
      r.tokens.push_back(std::move(t));
    }
    Token end;
    end.offset = static_cast<uint32_t>(s_.size());
    r.tokens.push_back(end);
    return r;
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  ExprError Err(size_t at, std::string msg) { return {static_cast<uint32_t>(at), std::move(msg)}; }

  bool LooksLikeDate() const {
    if (pos_ + 10 > s_.size()) return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (!IsDigit(s_[pos_ + i])) return false;
    }
    return s_[pos_ + 4] == '-' && s_[pos_ + 7] == '-' &&
           (pos_ + 10 == s_.size() || !IsIdentifierChar(s_[pos_ + 10]));
  }

  std::optional<ExprError> Next(Token& t) {
    const size_t start = pos_;
    const char c = s_[pos_];
    if (IsDigit(c)) return Numeric(t);
    if (IsIdentifierStart(c)) {
      while (pos_ < s_.size() && IsIdentifierChar(s_[pos_])) ++pos_;
      if (pos_ - start > limits::kIdentifierBytes) {
        // Not echoed: the name itself may be the problem.
        return Err(start, "name too long (" + std::to_string(pos_ - start) +
                              " bytes; the limit is " + std::to_string(limits::kIdentifierBytes) +
                              ")");
      }
      t.text = std::string(s_.substr(start, pos_ - start));
      t.kind = TokenKind::kIdent;
      for (const Keyword& k : kKeywords) {
        if (k.text == t.text) t.kind = k.kind;
      }
      return std::nullopt;
    }
    if (c == '\'' || c == '"') return Text(t, c);
    ++pos_;
    auto next_is = [&](char n) {
      if (pos_ < s_.size() && s_[pos_] == n) {
        ++pos_;
        return true;
      }
      return false;
    };
    switch (c) {
      case '(': t.kind = TokenKind::kLParen; return std::nullopt;
      case ')': t.kind = TokenKind::kRParen; return std::nullopt;
      case ',': t.kind = TokenKind::kComma; return std::nullopt;
      case '.': t.kind = TokenKind::kDot; return std::nullopt;
      case '+': t.kind = TokenKind::kPlus; return std::nullopt;
      case '-': t.kind = TokenKind::kMinus; return std::nullopt;
      case '*': t.kind = TokenKind::kStar; return std::nullopt;
      case '/': t.kind = TokenKind::kSlash; return std::nullopt;
      case '<': t.kind = next_is('=') ? TokenKind::kLe : TokenKind::kLt; return std::nullopt;
      case '>': t.kind = next_is('=') ? TokenKind::kGe : TokenKind::kGt; return std::nullopt;
      case '=':
        if (next_is('=')) {
          t.kind = TokenKind::kEq;
          return std::nullopt;
        }
        return Err(start, "unexpected '='; use '==' to compare");
      case '!':
        if (next_is('=')) {
          t.kind = TokenKind::kNe;
          return std::nullopt;
        }
        return Err(start, "unexpected '!'; use 'not'");
      case '&': return Err(start, "unexpected '&'; use 'and'");
      case '|': return Err(start, "unexpected '|'; use 'or'");
      default: break;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      return Err(start, "unexpected character: only ASCII is allowed outside quotes");
    }
    return Err(start, std::string("unexpected character '") + c + "'");
  }

  std::optional<ExprError> Numeric(Token& t) {
    const size_t start = pos_;
    if (LooksLikeDate()) {
      pos_ += 10;
      std::optional<Date> d = ParseDate(s_.substr(start, 10));
      if (!d) return Err(start, "'" + std::string(s_.substr(start, 10)) + "' is not a real date");
      t.kind = TokenKind::kDate;
      t.date = *d;
      return std::nullopt;
    }
    while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    if (pos_ + 1 < s_.size() && s_[pos_] == '.' && IsDigit(s_[pos_ + 1])) {
      ++pos_;
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    std::string_view digits = s_.substr(start, pos_ - start);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.number);
    if (ec != std::errc() || t.number > limits::kNumberMagnitude) {
      return Err(start, "number too large (the limit is " +
                            std::to_string(static_cast<int64_t>(limits::kNumberMagnitude)) + ")");
    }
    t.kind = TokenKind::kNumber;
    if (pos_ < s_.size() && IsIdentifierStart(s_[pos_])) return Duration(t, start);
    return std::nullopt;
  }

  // A whole number followed at once by a unit: 42d, 6w, 6mo, 10y.
  std::optional<ExprError> Duration(Token& t, size_t start) {
    const size_t unit_start = pos_;
    while (pos_ < s_.size() && IsIdentifierChar(s_[pos_])) ++pos_;
    const std::string_view unit = s_.substr(unit_start, pos_ - unit_start);
    if (unit == "d")
      t.unit = 'd';
    else if (unit == "w")
      t.unit = 'w';
    else if (unit == "mo")
      t.unit = 'm';
    else if (unit == "y")
      t.unit = 'y';
    else
      return Err(start, "unknown duration unit '" + std::string(unit) +
                            "' (use d, w, mo or y, as in 42d or 6mo)");
    if (std::floor(t.number) != t.number)
      return Err(start, "a duration must be a whole number of units");
    const int64_t most = limits::MostDurationUnits(t.unit);
    if (t.number > static_cast<double>(most)) {
      return Err(start, "duration too long (the limit is " +
                            std::to_string(limits::kDurationYears) +
                            " years: " + std::to_string(limits::MostDurationUnits('d')) + "d, " +
                            std::to_string(limits::MostDurationUnits('w')) + "w, " +
                            std::to_string(limits::MostDurationUnits('m')) + "mo or " +
                            std::to_string(limits::MostDurationUnits('y')) + "y)");
    }
    t.kind = TokenKind::kDuration;
    return std::nullopt;
  }

  std::optional<ExprError> Text(Token& t, char quote) {
    const size_t start = pos_++;
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\\') {
        if (pos_ >= s_.size()) break;
        char e = s_[pos_++];
        switch (e) {
          case '\\':
          case '\'':
          case '"': out += e; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          default: return Err(pos_ - 2, std::string("unknown escape '\\") + e + "' in text");
        }
        continue;
      }
      out += c;
    }
    if (pos_ >= s_.size())
      return Err(start, "unterminated text: missing closing " + std::string(1, quote));
    ++pos_;
    t.kind = TokenKind::kText;
    t.text = std::move(out);
    return std::nullopt;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

LexResult Lex(std::string_view source) { return Lexer(source).Run(); }

std::string Describe(const Token& t, std::string_view source) {
  if (t.kind == TokenKind::kEnd) return "end of expression";
  return "'" + std::string(source.substr(t.offset, t.length)) + "'";
}

}  // namespace forcecheck::expr
