#include "report/escape.h"

#include <string>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

struct Case {
  std::string in, out;
};

class XmlEscapeTest : public ::testing::TestWithParam<Case> {};
TEST_P(XmlEscapeTest, Escapes) { EXPECT_EQ(XmlEscape(GetParam().in), GetParam().out); }
INSTANTIATE_TEST_SUITE_P(
    Cases, XmlEscapeTest,
    ::testing::Values(Case{"plain text", "plain text"},
                      Case{"<img src=x onerror=\"a('b')\">",
                           "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;"},
                      Case{"a & b", "a &amp; b"}, Case{"</script>", "&lt;/script&gt;"},
                      Case{"tab\tlf\ncr\r", "tab\tlf\ncr\r"},
                      Case{"esc\x1b[31m nul", "esc\xEF\xBF\xBD[31m nul"},
                      Case{std::string("nul\0byte", 8), "nul\xEF\xBF\xBD"
                                                        "byte"},
                      Case{"del\x7f", "del\xEF\xBF\xBD"},
                      Case{"non\xEF\xBF\xBE"
                           "char\xEF\xBF\xBF",
                           "non\xEF\xBF\xBD"
                           "char\xEF\xBF\xBD"},
                      Case{"caf\xC3\xA9 \xE2\x80\x93 ok", "caf\xC3\xA9 \xE2\x80\x93 ok"}));

class MarkdownEscapeTest : public ::testing::TestWithParam<Case> {};
TEST_P(MarkdownEscapeTest, Escapes) { EXPECT_EQ(MarkdownEscape(GetParam().in), GetParam().out); }
INSTANTIATE_TEST_SUITE_P(
    Cases, MarkdownEscapeTest,
    ::testing::Values(Case{"Vetting aftercare is carried out", "Vetting aftercare is carried out"},
                      Case{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
                      Case{"a | b", "a \\| b"},
                      Case{"[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"},
                      Case{"*bold* _it_ `code` ~~s~~ $x$ \\",
                           "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\$x\\$ \\\\"},
                      Case{"# heading", "\\# heading"}, Case{"- item", "\\- item"},
                      Case{"> quote", "\\> quote"}, Case{"12. item", "12\\. item"},
                      Case{"0.1.0", "0.1.0"}, Case{"-2+3", "-2+3"}, Case{"---", "\\---"},
                      Case{"#hashtag", "#hashtag"},
                      Case{"2016-03-31 and 3.5", "2016-03-31 and 3.5"},
                      Case{"line1\nline2\r", "line1 line2 "}, Case{"a & b", "a &amp; b"},
                      Case{"esc\x1b", "esc\xEF\xBF\xBD"}));

class CssStringTest : public ::testing::TestWithParam<Case> {};
TEST_P(CssStringTest, CannotEndTheStringOrTheStyleElement) {
  EXPECT_EQ(CssString(GetParam().in), GetParam().out);
}
INSTANTIATE_TEST_SUITE_P(Cases, CssStringTest,
                         ::testing::Values(Case{"OFFICIAL-SENSITIVE", "\"OFFICIAL-SENSITIVE\""},
                                           Case{"a \"b\" 'c'", "\"a \\22 b\\22  \\27 c\\27 \""},
                                           Case{"</style><script>",
                                                "\"\\3c \\2f style\\3e \\3c script\\3e \""},
                                           Case{"back\\slash;}", "\"back\\5c slash\\3b \\7d \""},
                                           Case{"line\nbreak", "\"line\\fffd break\""},
                                           Case{"caf\xC3\xA9", "\"caf\xC3\xA9\""}));

class SafeLinkTargetTest : public ::testing::TestWithParam<Case> {};
TEST_P(SafeLinkTargetTest, KeepsOnlyWebLinks) {
  EXPECT_EQ(SafeLinkTarget(GetParam().in), GetParam().out);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, SafeLinkTargetTest,
    ::testing::Values(
        Case{"https://www.legislation.gov.uk/uksi/2020/2/regulation/4",
             "https://www.legislation.gov.uk/uksi/2020/2/regulation/4"},
        Case{"HTTP://example.invalid/?a=1&b=2#x", "HTTP://example.invalid/?a=1&b=2#x"},
        Case{"https://example.invalid/a b(c)<d>\"e'f|g`h\\i",
             "https://example.invalid/a%20b%28c%29%3Cd%3E%22e%27f%7Cg%60h%5Ci"},
        Case{"https://example.invalid/caf\xC3\xA9", "https://example.invalid/caf%C3%A9"},
        Case{"javascript:alert(1)", ""}, Case{"data:text/html,<script>", ""},
        Case{"//evil.invalid/x", ""}, Case{"https://", ""}, Case{"", ""}));

class CsvFieldTest : public ::testing::TestWithParam<Case> {};
TEST_P(CsvFieldTest, QuotesAndDefusesFormulas) {
  EXPECT_EQ(CsvField(GetParam().in), GetParam().out);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, CsvFieldTest,
    ::testing::Values(Case{"plain", "plain"}, Case{"", ""}, Case{"a,b", "\"a,b\""},
                      Case{"say \"hi\"", "\"say \"\"hi\"\"\""},
                      Case{"two\r\nlines", "\"two\r\nlines\""}, Case{"=1+1", "'=1+1"},
                      Case{"+1", "'+1"}, Case{"-2+3", "'-2+3"}, Case{"@SUM(A1)", "'@SUM(A1)"},
                      Case{"\tTab", "'\tTab"}, Case{"\rcr", "\"'\rcr\""},
                      Case{"=HYPERLINK(\"http://evil\",\"x\")",
                           "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""},
                      Case{"a = b", "a = b"}, Case{"esc\x1b", "esc\xEF\xBF\xBD"}));

class PathToUriTest : public ::testing::TestWithParam<Case> {};
TEST_P(PathToUriTest, EncodesAsUriReference) {
  EXPECT_EQ(PathToUri(GetParam().in), GetParam().out);
}
INSTANTIATE_TEST_SUITE_P(Cases, PathToUriTest,
                         ::testing::Values(Case{"examples/west-midlands-2016/evidence.yaml",
                                                "examples/west-midlands-2016/evidence.yaml"},
                                           Case{"./evidence.yaml", "evidence.yaml"},
                                           Case{"dir\\file.yaml", "dir/file.yaml"},
                                           Case{"my evidence#1?.yaml", "my%20evidence%231%3F.yaml"},
                                           Case{"c:file.yaml", "c%3Afile.yaml"},
                                           Case{"caf\xC3\xA9.yaml", "caf%C3%A9.yaml"},
                                           Case{"100%.yaml", "100%25.yaml"},
                                           Case{"/abs/path.yaml", "file:///abs/path.yaml"},
                                           Case{"../up/e.yaml", "../up/e.yaml"}));

}  // namespace
}  // namespace forcecheck
