#include "yaml/yaml_file.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

class MappingReaderTest : public ::testing::Test {
 protected:
  // Reads `text` as one mapping allowing `allowed`; returns the rendered diagnostics.
  std::string Finish(const std::string& text, const std::vector<std::string>& allowed) {
    path_ = dir_.Write("file.yaml", text);
    Diagnostics diags;
    std::optional<YamlDocument> doc = ParseYamlFile(path_, diags);
    EXPECT_TRUE(doc.has_value());
    MappingReader m(path_, doc->root, diags, "a rule");
    m.Finish(allowed);
    return RenderAll(diags);
  }

  TempDir dir_;
  std::string path_;
};

TEST_F(MappingReaderTest, SuggestsTheKeyAMisspeltOneStandsFor) {
  const std::string errors = Finish("id: R-1\nsupersede: R-2\n", {"id", "records", "supersedes"});
  EXPECT_EQ(errors,
            path_ + ":2:1: error: unknown key 'supersede' in a rule; did you mean 'supersedes'?\n"
                    "  supersede: R-2\n"
                    "  ^\n");
}

TEST_F(MappingReaderTest, ListsTheAllowedKeysWhenNoneIsClose) {
  const std::string errors = Finish("id: R-1\nowner: Sgt X\n", {"id", "title", "check"});
  EXPECT_EQ(
      errors,
      path_ +
          ":2:1: error: unknown key 'owner' in a rule; expected one of 'id', 'title' and 'check'\n"
          "  owner: Sgt X\n"
          "  ^\n");
}

}  // namespace
}  // namespace forcecheck
