// The README's CI templates (its ```yaml blocks): each is YAML its CI reads, each shell step
// is shell, and each installs the Debian package (built only when the cache lacks it) and
// checks the evidence with the installed pack, no --rules and no build of its own.

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "testing/run_cli.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::Slurp;
using testing::TempDir;

// The text of every ```yaml block of README.md, in order.
std::vector<std::string> YamlBlocks() {
  std::istringstream in(Slurp(std::string(FORCECHECK_SOURCE_DIR) + "/README.md"));
  std::vector<std::string> blocks;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (!inside && line == "```yaml") {
      inside = true;
      blocks.emplace_back();
    } else if (inside && line == "```") {
      inside = false;
    } else if (inside) {
      blocks.back() += line + "\n";
    }
  }
  return blocks;
}

// The block holding `marker` parsed, or a failure naming it.
YAML::Node Template(const std::string& marker) {
  for (const std::string& block : YamlBlocks()) {
    if (block.find(marker) != std::string::npos) return YAML::Load(block);
  }
  ADD_FAILURE() << "README.md has no ```yaml block holding '" << marker << "'";
  return YAML::Node();
}

// Whether bash accepts `script` (bash -n: parsed, not run).
bool IsShell(const std::string& script) {
  TempDir dir;
  const std::string path = dir.Write("step.sh", script);
  return std::system(("bash -n '" + path + "' 2>/dev/null").c_str()) == 0;
}

// `shell`, all a template runs, builds the package, installs it with `install` and checks the
// evidence with the installed program and pack.
void ExpectInstallsPackageAndChecksWithIt(const std::string& shell, const std::string& install) {
  EXPECT_NE(shell.find("cpack -G DEB"), std::string::npos) << shell;
  EXPECT_NE(shell.find(install), std::string::npos) << shell;
  EXPECT_NE(shell.find("forcecheck check"), std::string::npos) << shell;
  EXPECT_EQ(shell.find("--rules"), std::string::npos) << shell;
  EXPECT_EQ(shell.find("build/release/forcecheck check"), std::string::npos) << shell;
}

TEST(CiTemplatesTest, GitHubActionsBuildsPackageOnlyOnCacheMiss) {
  const YAML::Node steps = Template("runs-on:")["jobs"]["check"]["steps"];
  ASSERT_TRUE(steps.IsSequence());
  std::string shell, cache_id, cache_path, build_if;
  for (const YAML::Node& step : steps) {
    if (step["uses"] && step["uses"].as<std::string>().rfind("actions/cache@", 0) == 0) {
      cache_id = step["id"].as<std::string>();
      cache_path = step["with"]["path"].as<std::string>();
      EXPECT_NE(step["with"]["key"].as<std::string>().find("hashFiles('CMakeLists.txt', 'src/**'"),
                std::string::npos);
    }
    if (!step["run"]) continue;
    const std::string run = step["run"].as<std::string>();
    EXPECT_TRUE(IsShell(run)) << run;
    if (run.find("cpack") != std::string::npos) build_if = step["if"].as<std::string>("");
    shell += run;
  }
  EXPECT_EQ(cache_path, "package/");
  EXPECT_EQ(build_if, "steps." + cache_id + ".outputs.cache-hit != 'true'");
  ExpectInstallsPackageAndChecksWithIt(shell, "apt-get install -y -qq ./package/forcecheck_*.deb");
}

TEST(CiTemplatesTest, GitLabBuildsPackageOnlyWhenCacheLacksIt) {
  const YAML::Node job = Template("image: debian:12")["forcecheck"];
  ASSERT_TRUE(job["script"].IsSequence());
  EXPECT_EQ(job["cache"]["paths"][0].as<std::string>(), "package/");
  EXPECT_EQ(job["artifacts"]["reports"]["junit"].as<std::string>(), "out/forcecheck.junit.xml");
  std::string shell;  // GitLab runs the lines in one shell, so they are one script
  for (const YAML::Node& line : job["script"]) shell += line.as<std::string>() + "\n";
  EXPECT_TRUE(IsShell(shell)) << shell;
  EXPECT_NE(shell.find("if [ ! -f \"package/$sources/forcecheck.deb\" ]"), std::string::npos);
  ExpectInstallsPackageAndChecksWithIt(
      shell, "apt-get install -y -qq \"./package/$sources/forcecheck.deb\"");
}

}  // namespace
}  // namespace forcecheck
