#include "expr/lexer.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace forcecheck::expr {
namespace {

std::vector<TokenKind> Kinds(std::string_view source) {
  LexResult r = Lex(source);
  EXPECT_FALSE(r.error.has_value()) << r.error->message;
  std::vector<TokenKind> kinds;
  for (const Token& t : r.tokens) kinds.push_back(t.kind);
  return kinds;
}

// "offset: message" of the error that lexing `source` gives, or "no error".
std::string LexError(std::string_view source) {
  LexResult r = Lex(source);
  if (!r.error) return "no error";
  return std::to_string(r.error->offset) + ": " + r.error->message;
}

using K = TokenKind;

TEST(LexerTest, EmptySourceIsJustEnd) {
  LexResult r = Lex("  \t\n ");
  ASSERT_FALSE(r.error.has_value());
  ASSERT_EQ(r.tokens.size(), 1u);
  EXPECT_EQ(r.tokens[0].kind, K::kEnd);
  EXPECT_EQ(r.tokens[0].offset, 5u);
}

TEST(LexerTest, SplitsOperatorsAndPunctuation) {
  EXPECT_EQ(
      Kinds("( ) , . + - * / == != < <= > >="),
      (std::vector<K>{K::kLParen, K::kRParen, K::kComma, K::kDot, K::kPlus, K::kMinus, K::kStar,
                      K::kSlash, K::kEq, K::kNe, K::kLt, K::kLe, K::kGt, K::kGe, K::kEnd}));
}

TEST(LexerTest, NeedsNoSpacesBetweenTokens) {
  EXPECT_EQ(Kinds("a.b<=-1"), (std::vector<K>{K::kIdent, K::kDot, K::kIdent, K::kLe, K::kMinus,
                                              K::kNumber, K::kEnd}));
}

TEST(LexerTest, RecognisesKeywordsButNotPrefixesOfNames) {
  EXPECT_EQ(Kinds("and or not true false null android notes true_"),
            (std::vector<K>{K::kAnd, K::kOr, K::kNot, K::kTrue, K::kFalse, K::kNull, K::kIdent,
                            K::kIdent, K::kIdent, K::kEnd}));
}

TEST(LexerTest, KeywordsAreCaseSensitive) {
  EXPECT_EQ(Kinds("True AND"), (std::vector<K>{K::kIdent, K::kIdent, K::kEnd}));
}

TEST(LexerTest, RecordsOffsetLengthAndText) {
  LexResult r = Lex("  vetting_2 >= 12.5");
  ASSERT_FALSE(r.error.has_value());
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(r.tokens[0].text, "vetting_2");
  EXPECT_EQ(r.tokens[0].offset, 2u);
  EXPECT_EQ(r.tokens[0].length, 9u);
  EXPECT_EQ(r.tokens[1].offset, 12u);
  EXPECT_EQ(r.tokens[1].length, 2u);
  EXPECT_EQ(r.tokens[2].number, 12.5);
  EXPECT_EQ(r.tokens[2].offset, 15u);
  EXPECT_EQ(r.tokens[2].length, 4u);
  EXPECT_EQ(r.tokens[3].offset, 19u);
}

TEST(LexerTest, ReadsDateAsOneToken) {
  LexResult r = Lex("2016-03-31");
  ASSERT_FALSE(r.error.has_value());
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].kind, K::kDate);
  EXPECT_EQ(r.tokens[0].date, DateFromCivil(2016, 3, 31));
  EXPECT_EQ(r.tokens[0].length, 10u);
}

TEST(LexerTest, ReadsDateFollowedByOperator) {
  EXPECT_EQ(Kinds("2016-03-31>x"), (std::vector<K>{K::kDate, K::kGt, K::kIdent, K::kEnd}));
}

TEST(LexerTest, ShortDigitGroupsAreSubtraction) {
  EXPECT_EQ(Kinds("2016-3-31"),
            (std::vector<K>{K::kNumber, K::kMinus, K::kNumber, K::kMinus, K::kNumber, K::kEnd}));
}

TEST(LexerTest, ReadsNumbers) {
  LexResult r = Lex("0 7 0.25 10.");
  ASSERT_FALSE(r.error.has_value());
  ASSERT_EQ(r.tokens.size(), 6u);  // "10." is the number 10 and a dot
  EXPECT_EQ(r.tokens[0].number, 0);
  EXPECT_EQ(r.tokens[1].number, 7);
  EXPECT_EQ(r.tokens[2].number, 0.25);
  EXPECT_EQ(r.tokens[3].number, 10);
  EXPECT_EQ(r.tokens[4].kind, K::kDot);
}

TEST(LexerTest, DecodesTextEscapes) {
  LexResult r = Lex(R"('it\'s' "a \"b\" \\ \n \t")");
  ASSERT_FALSE(r.error.has_value());
  ASSERT_EQ(r.tokens.size(), 3u);
  EXPECT_EQ(r.tokens[0].kind, K::kText);
  EXPECT_EQ(r.tokens[0].text, "it's");
  EXPECT_EQ(r.tokens[1].text, "a \"b\" \\ \n \t");
}

TEST(LexerTest, KeepsNonAsciiInsideQuotes) {
  LexResult r = Lex("'caf\xC3\xA9'");
  ASSERT_FALSE(r.error.has_value());
  EXPECT_EQ(r.tokens[0].text, "caf\xC3\xA9");
}

TEST(LexerTest, DescribesTokensForMessages) {
  const std::string_view src = "a >= 'x'";
  LexResult r = Lex(src);
  ASSERT_EQ(r.tokens.size(), 4u);
  EXPECT_EQ(Describe(r.tokens[1], src), "'>='");
  EXPECT_EQ(Describe(r.tokens[2], src), "''x''");
  EXPECT_EQ(Describe(r.tokens[3], src), "end of expression");
}

struct LexErrorCase {
  const char* name;
  const char* source;
  const char* error;
};

class LexerErrorTest : public ::testing::TestWithParam<LexErrorCase> {};

TEST_P(LexerErrorTest, ReportsOffsetAndMessage) {
  EXPECT_EQ(LexError(GetParam().source), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LexerErrorTest,
    ::testing::Values(
        LexErrorCase{"SingleEquals", "a = b", "2: unexpected '='; use '==' to compare"},
        LexErrorCase{"Bang", "!a", "0: unexpected '!'; use 'not'"},
        LexErrorCase{"DoubleAmpersand", "a && b", "2: unexpected '&'; use 'and'"},
        LexErrorCase{"DoublePipe", "a || b", "2: unexpected '|'; use 'or'"},
        LexErrorCase{"UnterminatedSingle", "a == 'abc", "5: unterminated text: missing closing '"},
        LexErrorCase{"UnterminatedDouble", "\"abc", "0: unterminated text: missing closing \""},
        LexErrorCase{"BackslashAtEnd", "'abc\\", "0: unterminated text: missing closing '"},
        LexErrorCase{"UnknownEscape", "x == 'a\\qb'", "7: unknown escape '\\q' in text"},
        LexErrorCase{"NotARealDate", "d < 2016-02-30", "4: '2016-02-30' is not a real date"},
        LexErrorCase{"NumberThenLetter", "12abc",
                     "0: unknown duration unit 'abc' (use d, w, mo or y, as in 42d or 6mo)"},
        LexErrorCase{"DateThenLetter", "2016-03-31x",
                     "8: unknown duration unit 'x' (use d, w, mo or y, as in 42d or 6mo)"},
        LexErrorCase{"NonAscii", "caf\xC3\xA9",
                     "3: unexpected character: only ASCII is allowed outside quotes"},
        LexErrorCase{"OtherCharacter", "a # b", "2: unexpected character '#'"},
        LexErrorCase{"Brackets", "[1]", "0: unexpected character '['"}),
    [](const ::testing::TestParamInfo<LexErrorCase>& p) { return p.param.name; });

// ---- limits (src/base/limits.h): each accepted at its value, refused one past it --------------

TEST(LexerLimitTest, NumbersUpToTheMagnitudeLimit) {
  EXPECT_EQ(LexError("1000000000000000"), "no error");
  const std::string too_large = "0: number too large (the limit is 1000000000000000)";
  EXPECT_EQ(LexError("1000000000000001"), too_large);
  EXPECT_EQ(LexError(std::string(400, '9')), too_large);
}

TEST(LexerLimitTest, DurationsUpToTenThousandYearsInEveryUnit) {
  const std::string too_long =
      "0: duration too long (the limit is 10000 years: 3652425d, 521775w, 120000mo or 10000y)";
  for (const auto& [most, past] :
       std::vector<std::pair<std::string, std::string>>{{"3652425d", "3652426d"},
                                                        {"521775w", "521776w"},
                                                        {"120000mo", "120001mo"},
                                                        {"10000y", "10001y"}}) {
    EXPECT_EQ(LexError(most), "no error") << most;
    EXPECT_EQ(LexError(past), too_long) << past;
  }
  // Once a float-to-integer conversion out of range (undefined behaviour).
  EXPECT_EQ(LexError("99999999999999999999d"),
            "0: number too large (the limit is 1000000000000000)");
  EXPECT_EQ(LexError("999999999999999d"), too_long);
  EXPECT_EQ(LexError("1.5d"), "0: a duration must be a whole number of units");
}

TEST(LexerLimitTest, NamesUpTo256Bytes) {
  EXPECT_EQ(LexError(std::string(256, 'a')), "no error");
  // The name is not echoed: a megabyte of it would be a megabyte of diagnostics.
  EXPECT_EQ(LexError("x == " + std::string(257, 'a')),
            "5: name too long (257 bytes; the limit is 256)");
  EXPECT_EQ(LexError(std::string(60000, 'a')), "0: name too long (60000 bytes; the limit is 256)");
}

TEST(LexerLimitTest, ExpressionsUpTo64KiB) {
  std::string most = "a" + std::string(65535, ' ');
  EXPECT_EQ(LexError(most), "no error");
  EXPECT_EQ(LexError(most + " "), "0: expression too long (65537 bytes; the limit is 65536)");
}

}  // namespace
}  // namespace forcecheck::expr
