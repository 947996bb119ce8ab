// Which headers may name what: the layering the style guide promises, checked on the tree.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

// yaml-cpp is linked PRIVATE to the core: a header outside the loaders that named it would
// build only by the accident of where yaml-cpp is installed. The loaders' own headers (src/yaml
// and the four that pass YAML nodes between a loader's files) are the only ones allowed.
TEST(LayeringTest, OnlyTheLoadersHeadersNameYamlCpp) {
  const std::filesystem::path src = std::filesystem::path(FORCECHECK_SOURCE_DIR) / "src";
  const std::vector<std::string> allowed = {
      "yaml/yaml_file.h",         "yaml/yaml_limits.h",        "rules/grading_loader.h",
      "rules/parameter_loader.h", "evidence/runaway_quotes.h", "evidence/evidence_schema_check.h"};
  int headers = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    if (entry.path().extension() != ".h") continue;
    ++headers;
    const std::string relative = entry.path().lexically_relative(src).generic_string();
    if (std::find(allowed.begin(), allowed.end(), relative) != allowed.end()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str().find("<yaml-cpp/"), std::string::npos) << relative;
    EXPECT_EQ(text.str().find("YAML::"), std::string::npos) << relative;
    EXPECT_EQ(text.str().find("YamlDocument"), std::string::npos) << relative;
    EXPECT_EQ(text.str().find("\"yaml/"), std::string::npos) << relative;
  }
  EXPECT_GT(headers, 40);
}

}  // namespace
}  // namespace forcecheck
