#include "evidence/csv.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

// Every record as "line:col=field|line:col=field" lines, or the error with its place.
std::string Tokenize(std::string_view data) {
  CsvReader csv(data);
  std::vector<CsvField> fields;
  std::string out;
  while (csv.Next(fields)) {
    for (size_t i = 0; i < fields.size(); ++i) {
      const CsvField& f = fields[i];
      out += (i ? "|" : "") + std::to_string(f.line) + ":" + std::to_string(f.column) + "=" +
             (f.has_escapes ? CsvUnescape(f.raw) : std::string(f.raw));
    }
    out += "\n";
  }
  if (!csv.error().empty()) {
    out += "error " + std::to_string(csv.error_line()) + ":" + std::to_string(csv.error_column()) +
           " " + csv.error();
  }
  return out;
}

struct Case {
  const char* name;
  const char* data;
  const char* expected;
};

class CsvReaderTest : public ::testing::TestWithParam<Case> {};

TEST_P(CsvReaderTest, Tokenizes) { EXPECT_EQ(Tokenize(GetParam().data), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Rfc4180, CsvReaderTest,
    ::testing::Values(
        Case{"Plain", "a,b\nc,d\n", "1:1=a|1:3=b\n2:1=c|2:3=d\n"},
        Case{"NoFinalLineEnd", "a,b\nc,d", "1:1=a|1:3=b\n2:1=c|2:3=d\n"},
        Case{"Crlf", "a,b\r\nc,d\r\n", "1:1=a|1:3=b\n2:1=c|2:3=d\n"},
        Case{"EmptyFields", "a,,\n", "1:1=a|1:3=|1:4=\n"},
        Case{"QuotedComma", "\"a,b\",c\n", "1:1=a,b|1:7=c\n"},
        Case{"DoubledQuotes", "\"say \"\"hi\"\"\",x\n", "1:1=say \"hi\"|1:14=x\n"},
        Case{"LineBreakInsideQuotesKeepsLaterLinesRight", "\"a\nb\",c\nd,e\n",
             "1:1=a\nb|2:4=c\n3:1=d|3:3=e\n"},
        Case{"UnterminatedQuote", "a,b\n\"open,c\nd\n",
             "1:1=a|1:3=b\nerror 2:1 unterminated quoted field: no closing quote before the end of "
             "the file"},
        Case{"TextAfterClosingQuote", "\"a\"b,c\n",
             "error 1:4 unexpected character after a closing quote (a quote inside a quoted field "
             "must be doubled)"},
        Case{"QuoteInUnquotedField", "ab\"c\n",
             "error 1:3 unexpected quote in an unquoted field (quote the whole field)"},
        Case{"LoneCarriageReturn", "a\rb\n",
             "error 1:2 a carriage return must be followed by a line feed"}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

// The reader finds the ends of fields from a classification of the data 64 bytes at a time.
// This is the plain reading it must agree with: one byte at a time, as Tokenize prints it.
std::string ReferenceTokenize(std::string_view d) {
  const size_t n = d.size();
  size_t pos = 0, line_start = 0;
  uint32_t line = 1;
  std::string out;
  auto column = [&](size_t at) { return at - line_start + 1; };
  auto fail = [&](const std::string& message, size_t at) {
    return out + "error " + std::to_string(line) + ":" + std::to_string(column(at)) + " " + message;
  };
  while (pos < n) {
    std::string record;
    for (bool first = true;; first = false) {
      const uint32_t field_line = line;
      const size_t field_column = column(pos), open = pos;
      std::string text;
      if (pos < n && d[pos] == '"') {
        for (++pos;; text += d[pos++]) {
          if (pos >= n) {
            line = field_line;
            line_start = open - (field_column - 1);
            return fail("unterminated quoted field: no closing quote before the end of the file",
                        open);
          }
          if (d[pos] == '"' && pos + 1 < n && d[pos + 1] == '"') {
            ++pos;  // the first of a doubled quote; the loop keeps the second
          } else if (d[pos] == '"') {
            break;
          } else if (d[pos] == '\n') {
            ++line;
            line_start = pos + 1;
          }
        }
        if (++pos < n && d[pos] != ',' && d[pos] != '\n' && d[pos] != '\r') {
          return fail("unexpected character after a closing quote (a quote inside a quoted field "
                      "must be doubled)",
                      pos);
        }
      } else {
        while (pos < n && d[pos] != ',' && d[pos] != '\n' && d[pos] != '\r' && d[pos] != '"')
          text += d[pos++];
        if (pos < n && d[pos] == '"')
          return fail("unexpected quote in an unquoted field (quote the whole field)", pos);
      }
      record += (first ? "" : "|") + std::to_string(field_line) + ":" +
                std::to_string(field_column) + "=" + text;
      if (pos >= n) break;
      const char c = d[pos++];
      if (c == ',') continue;
      if (c == '\r') {
        if (pos >= n || d[pos] != '\n')
          return fail("a carriage return must be followed by a line feed", pos - 1);
        ++pos;
      }
      ++line;
      line_start = pos;
      break;
    }
    out += record + "\n";
  }
  return out;
}

// Texts of a few hundred bytes (several 64-byte blocks) made of pieces that put delimiters,
// quotes, line breaks and block boundaries everywhere, now and then something wrong.
std::string RandomCsv(std::mt19937& rng, bool tidy) {
  static const char* const kPieces[] = {
      "a",     "bc",   "0123456789abcdef",   ",",       ",", "\n", "\r\n",
      "\"q\"", "\"\"", "\"x,\"\"y\"\"\nz\"", "\"\r\n\""};
  static const char* const kOdd[] = {"\"", "\r", "x\"", "\"\"x"};
  std::string s;
  const size_t length = rng() % 400;
  while (s.size() < length) {
    // In a tidy text a quoted piece starts a field and ends it.
    const char* piece = kPieces[rng() % std::size(kPieces)];
    const bool quoted = piece[0] == '"';
    if (tidy && quoted && !s.empty() && s.back() != ',' && s.back() != '\n') s += ',';
    s += piece;
    if (tidy && quoted) s += rng() % 2 ? "," : "\n";
    if (rng() % (tidy ? 1000 : 40) == 0) s += kOdd[rng() % std::size(kOdd)];
  }
  return s;
}

TEST(CsvReaderBlocksTest, AgreesWithAPlainReadingOfRandomTexts) {
  std::mt19937 rng(20240229);
  for (int i = 0; i < 4000; ++i) {
    const std::string text = RandomCsv(rng, i % 2 == 0);
    ASSERT_EQ(Tokenize(text), ReferenceTokenize(text)) << "text: '" << text << "'";
  }
}

TEST(CsvReaderBlocksTest, ReadsAcrossBlockBoundaries) {
  const std::string a63(63, 'a'), b70(70, 'b');
  // A line end split between two blocks; a field running through one.
  EXPECT_EQ(Tokenize(a63 + "\r\n" + b70 + ",c\n"), "1:1=" + a63 + "\n2:1=" + b70 + "|2:72=c\n");
  // A quoted field holding line breaks and doubled quotes across blocks, then more fields.
  EXPECT_EQ(Tokenize("x,\"" + a63 + "\n\"\"" + b70 + "\",y\nz"),
            "1:1=x|1:3=" + a63 + "\n\"" + b70 + "|2:75=y\n3:1=z\n");
  // Errors past the first block are placed right.
  EXPECT_EQ(Tokenize(a63 + "," + b70 + "\"\n"),
            "error 1:135 unexpected quote in an unquoted field (quote the whole field)");
  EXPECT_EQ(Tokenize(a63 + "\r" + b70),
            "error 1:64 a carriage return must be followed by a line feed");
  EXPECT_EQ(
      Tokenize(b70 + "\n\"" + a63 + "\n" + a63),
      "1:1=" + b70 +
          "\nerror 2:1 unterminated quoted field: no closing quote before the end of the file");
}

TEST(CountLineFeedsTest, CountsEveryLineFeed) {
  std::mt19937 rng(7);
  for (size_t length = 0; length < 3000; length += 1 + length / 8) {
    std::string text(length, 'x');
    for (char& c : text) c = rng() % 5 == 0 ? '\n' : 'x';
    EXPECT_EQ(CountLineFeeds(text), static_cast<size_t>(std::count(text.begin(), text.end(), '\n')))
        << length;
  }
  // More than 255 in a row: the per-byte counters are summed before they can wrap.
  EXPECT_EQ(CountLineFeeds(std::string(100000, '\n')), 100000u);
}

}  // namespace
}  // namespace forcecheck
