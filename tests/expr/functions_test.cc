// The table of functions (expr/functions.h) as people read it: every function says how it is
// called and what it gives, and docs/formats.md's "### Functions" table is that table, row
// for row. A function added without its row (or a summary changed in one place only) fails
// here, and the failure prints the table to paste.

#include "expr/functions.h"

#include <gtest/gtest.h>

#include "testing/markdown_table.h"

namespace forcecheck::expr {
namespace {

TEST(FunctionTableTest, EveryFunctionSaysHowItIsCalledAndWhatItGives) {
  for (const Function& f : AllFunctions()) {
    ASSERT_FALSE(f.signatures.empty()) << f.name;
    for (std::string_view s : f.signatures) {
      EXPECT_EQ(s.rfind(std::string(f.name) + "(", 0), 0u) << s;
      EXPECT_EQ(s.back(), ')') << s;
    }
    EXPECT_FALSE(f.summary.empty()) << f.name;
    EXPECT_EQ(f.summary.find('|'), std::string_view::npos)
        << f.name << ": it would break the docs' table";
  }
}

TEST(FunctionTableTest, JoinsSignatures) {
  EXPECT_EQ(SignatureText(*FindFunction("count")), "count(C), count(C, condition)");
  EXPECT_EQ(SignatureText(*FindFunction("as_of")), "as_of()");
}

TEST(FunctionTableTest, DocumentedInFormatsMdAsInTheTable) {
  std::string expected = "| function | meaning |\n|---|---|\n";
  for (const Function& f : AllFunctions()) {
    std::string cell;
    for (std::string_view s : f.signatures)
      cell += (cell.empty() ? "`" : ", `") + std::string(s) + "`";
    expected += "| " + cell + " | " + std::string(f.summary) + " |\n";
  }
  EXPECT_EQ(forcecheck::testing::MarkdownTable(
                std::string(FORCECHECK_SOURCE_DIR) + "/docs/formats.md", "### Functions"),
            expected)
      << "docs/formats.md's \"### Functions\" table must be src/expr/functions.cc's Table():\n"
      << expected;
}

}  // namespace
}  // namespace forcecheck::expr
