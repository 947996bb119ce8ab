#include "evidence/csv.h"

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
    out += "error " + std::to_string(csv.error_line()) + ":" + std::to_string(csv.error_column()) + " " + csv.error();
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
             "1:1=a|1:3=b\nerror 2:1 unterminated quoted field: no closing quote before the end of the file"},
        Case{"TextAfterClosingQuote", "\"a\"b,c\n",
             "error 1:4 unexpected character after a closing quote (a quote inside a quoted field must be doubled)"},
        Case{"QuoteInUnquotedField", "ab\"c\n",
             "error 1:3 unexpected quote in an unquoted field (quote the whole field)"},
        Case{"LoneCarriageReturn", "a\rb\n", "error 1:2 a carriage return must be followed by a line feed"}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace forcecheck
