#include "yaml/yaml_limits.h"

#include <gtest/gtest.h>

#include "base/limits.h"
#include "yaml/yaml_file.h"

#include "testing/temp_dir.h"

// Each YAML limit of base/limits.h at its value (accepted, the tree built) and one past it
// (refused at its place, naming the limit, before any tree is built).

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `inner` inside `levels` flow lists.
std::string Nest(size_t levels, const std::string& inner) {
  return Repeat("[", levels) + inner + Repeat("]", levels);
}

class YamlLimitsTest : public ::testing::Test {
 protected:
  // Parses `text` as a file; "" when it was accepted, else the first line of the diagnostics.
  std::string Parse(const std::string& text) {
    dir_.Write("file.yaml", text);
    Diagnostics diags;
    std::optional<YamlDocument> doc = ParseYamlFile(path_, diags);
    const std::string rendered = RenderAll(diags);
    EXPECT_EQ(doc.has_value(), rendered.empty()) << rendered.substr(0, 500);
    return rendered.substr(0, rendered.find('\n'));
  }

  TempDir dir_;
  const std::string path_ = dir_.Path("file.yaml");
};

// A flow list holding `items` plain scalars: items + 1 nodes.
std::string List(size_t items) { return "[" + Repeat("0,", items - 1) + "0]\n"; }

TEST_F(YamlLimitsTest, AcceptsTheLargestNumberOfNodes) {
  EXPECT_EQ(Parse(List(limits::kYamlNodes - 1)), "");
}

TEST_F(YamlLimitsTest, RefusesOneNodeMore) {
  EXPECT_EQ(Parse(List(limits::kYamlNodes)),
            path_ + ":1:500000: error: more than 250000 nodes, counting each node an alias repeats "
                    "(the limit is 250000 YAML nodes)");
}

// An alias counts as the nodes of its anchor: 1 (the list) + 1000 (the anchored list of 999)
// x 201 (it and its 200 aliases) + `filler`.
std::string Aliased(size_t filler) {
  return "[&a [" + Repeat("x,", 998) + "x]" + Repeat(", *a", 200) + Repeat(", y", filler) + "]\n";
}

TEST_F(YamlLimitsTest, CountsAnAliasAsTheNodesItRepeats) {
  EXPECT_EQ(Parse(Aliased(limits::kYamlNodes - 1 - 1000 * 201)), "");
  EXPECT_EQ(Parse(Aliased(limits::kYamlNodes - 1000 * 201)),
            path_ + ":1:149803: error: more than 250000 nodes, counting each node an alias repeats "
                    "(the limit is 250000 YAML nodes)");
}

TEST_F(YamlLimitsTest, AcceptsTheDeepestNesting) {
  EXPECT_EQ(Parse(Nest(limits::kYamlDepth, "x") + "\n"), "");
}

TEST_F(YamlLimitsTest, RefusesOneLevelMore) {
  EXPECT_EQ(Parse(Nest(limits::kYamlDepth + 1, "x") + "\n"),
            path_ +
                ":1:65: error: lists and mappings nested more than 64 deep (the limit is 64 levels "
                "of YAML depth)");
}

// The alias *a (a list in a list) at `levels` levels: it reaches two levels deeper.
TEST_F(YamlLimitsTest, CountsTheDepthAnAliasReaches) {
  auto doc = [](size_t levels) { return "[&a [[x]], " + Nest(levels - 1, "*a") + "]\n"; };
  EXPECT_EQ(Parse(doc(limits::kYamlDepth - 2)), "");
  EXPECT_EQ(Parse(doc(limits::kYamlDepth - 1)),
            path_ +
                ":1:74: error: lists and mappings nested more than 64 deep (the limit is 64 levels "
                "of YAML depth)");
}

TEST_F(YamlLimitsTest, AcceptsTheLargestNumberOfAliases) {
  EXPECT_EQ(Parse("[&a x" + Repeat(", *a", limits::kYamlAliases) + "]\n"), "");
}

TEST_F(YamlLimitsTest, RefusesOneAliasMore) {
  EXPECT_EQ(Parse("[&a x" + Repeat(", *a", limits::kYamlAliases + 1) + "]\n"),
            path_ + ":1:4008: error: more than 1000 aliases (the limit is 1000 YAML aliases)");
}

TEST_F(YamlLimitsTest, AcceptsTheLargestScalar) {
  EXPECT_EQ(Parse("a: " + std::string(limits::kYamlScalarBytes, 'x') + "\n"), "");
}

TEST_F(YamlLimitsTest, RefusesAScalarOneByteLonger) {
  EXPECT_EQ(Parse("a: \"" + std::string(limits::kYamlScalarBytes + 1, 'x') + "\"\n"),
            path_ +
                ":1:4: error: a value of 1048577 bytes (the limit is 1048576 bytes for one YAML "
                "scalar)");
}

// Four uses of a 1 MB value are the largest YAML file's worth of values; one byte more is
// refused, however few bytes the file itself holds.
TEST_F(YamlLimitsTest, CountsTheValuesAnAliasRepeats) {
  const std::string doc = "[&a " + std::string(limits::kYamlScalarBytes, 'x') + Repeat(", *a", 3);
  EXPECT_EQ(Parse(doc + "]\n"), "");
  EXPECT_EQ(
      Parse(doc + ", y]\n"),
      path_ + ":1:1048595: error: more than 4194304 bytes of values, counting each value an alias "
              "repeats (the limit is 4194304 bytes, the largest YAML file)");
}

TEST_F(YamlLimitsTest, RefusesAnAliasInsideTheNodeItNames) {
  EXPECT_EQ(Parse("a: &a [1, *a]\n"),
            path_ + ":1:11: error: the alias '*a' is inside the node it names, which would repeat "
                    "itself without end");
  EXPECT_EQ(Parse("a: &top\n  b: { c: *top }\n"),
            path_ +
                ":2:11: error: the alias '*top' is inside the node it names, which would repeat "
                "itself without end");
}

TEST_F(YamlLimitsTest, AcceptsAnAliasToAFinishedNodeAlongsideIt) {
  EXPECT_EQ(Parse("a: &a [1, 2]\nb: [*a, *a]\n"), "");
}

// Nine levels of ten aliases each would be ten thousand million nodes.
TEST_F(YamlLimitsTest, RefusesAnAliasBombWithoutExpandingIt) {
  std::string doc = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    doc += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + Repeat(prev + ", ", 9) +
           prev + "]\n";
  }
  EXPECT_EQ(
      Parse(doc),
      path_ +
          ":6:15: error: more than 250000 nodes, counting each node an alias repeats (the limit "
          "is 250000 YAML nodes)");
}

TEST_F(YamlLimitsTest, AcceptsTheLargestFile) {
  const std::string head = "a: 1\n#";
  EXPECT_EQ(Parse(head + std::string(limits::kYamlFileBytes - head.size() - 1, 'x') + "\n"), "");
}

// The message is io/text_file.cc's.
TEST_F(YamlLimitsTest, RefusesAFileOneByteLarger) {
  const std::string head = "a: 1\n#";
  const std::string error =
      Parse(head + std::string(limits::kYamlFileBytes - head.size(), 'x') + "\n");
  EXPECT_NE(error.find("file limit is 4194304"), std::string::npos) << error;
}

// A small file without aliases is parsed once, its depth checked on the tree: the same limit,
// at the same place, as the event pass gives; past yaml-cpp's own guard (2,000 levels) too.
TEST_F(YamlLimitsTest, RefusesDeepNestingInASmallFileWithoutAliases) {
  ASSERT_FALSE(NeedsYamlLimitPass(Nest(limits::kYamlDepth + 1, "x")));
  EXPECT_EQ(Parse("a:\n  b: " + Nest(limits::kYamlDepth - 1, "x") + "\n"),
            path_ +
                ":2:68: error: lists and mappings nested more than 64 deep (the limit is 64 levels "
                "of YAML depth)");
  EXPECT_EQ(Parse("k: " + Nest(3000, "x") + "\n"),
            path_ +
                ":1:67: error: lists and mappings nested more than 64 deep (the limit is 64 levels "
                "of YAML depth)");
  EXPECT_EQ(Parse("a:\n  b: " + Nest(limits::kYamlDepth - 2, "x") + "\n"), "");
}

TEST_F(YamlLimitsTest, CountsEveryFileWithAnAliasOrTooLargeToBeSafe) {
  EXPECT_TRUE(NeedsYamlLimitPass("a: *b\n"));
  EXPECT_TRUE(NeedsYamlLimitPass(std::string(limits::kYamlNodes / 4 + 1, ' ')));
  EXPECT_FALSE(NeedsYamlLimitPass(std::string(limits::kYamlNodes / 4, ' ')));
}

}  // namespace
}  // namespace forcecheck
