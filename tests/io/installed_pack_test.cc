#include "io/installed_pack.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// An install as `cmake --install` lays it out under `prefix`: the program, and the pack's
// pack.yaml unless `with_pack` is false.
void FakeInstall(const TempDir& dir, const std::string& prefix, bool with_pack = true) {
  dir.Write(prefix + "/bin/forcecheck", "");
  dir.Write(prefix + "/share/forcecheck/schemas/evidence.schema.json", "{}");
  if (with_pack) {
    dir.Write(prefix + "/share/forcecheck/rules/pack.yaml", "pack:\n");
  } else {
    fs::create_directories(dir.Path(prefix + "/share/forcecheck/rules"));
  }
}

std::string Canonical(const std::string& path) { return fs::canonical(path).string(); }

TEST(InstalledPackTest, FindsPackBesideProgram) {
  TempDir dir;
  FakeInstall(dir, "root/usr");
  EXPECT_EQ(InstalledRulePackFor(dir.Path("root/usr/bin/forcecheck")),
            Canonical(dir.Path("root/usr/share/forcecheck/rules")));
}

// A link to the program (as /usr/local/bin/forcecheck -> /opt/forcecheck/bin/forcecheck)
// finds the pack of the install it points into, not one beside the link.
TEST(InstalledPackTest, FollowsLinkToProgram) {
  TempDir dir;
  FakeInstall(dir, "opt");
  FakeInstall(dir, "elsewhere", /*with_pack=*/false);
  fs::remove(dir.Path("elsewhere/bin/forcecheck"));
  fs::create_symlink(dir.Path("opt/bin/forcecheck"), dir.Path("elsewhere/bin/forcecheck"));
  EXPECT_EQ(InstalledRulePackFor(dir.Path("elsewhere/bin/forcecheck")),
            Canonical(dir.Path("opt/share/forcecheck/rules")));
}

TEST(InstalledPackTest, NoneWhenFolderHoldsNoPackYaml) {
  TempDir dir;
  FakeInstall(dir, "usr", /*with_pack=*/false);
  EXPECT_EQ(InstalledRulePackFor(dir.Path("usr/bin/forcecheck")), std::nullopt);
}

TEST(InstalledPackTest, NoneWhenPackYamlIsFolder) {
  TempDir dir;
  FakeInstall(dir, "usr", /*with_pack=*/false);
  fs::create_directories(dir.Path("usr/share/forcecheck/rules/pack.yaml"));
  EXPECT_EQ(InstalledRulePackFor(dir.Path("usr/bin/forcecheck")), std::nullopt);
}

TEST(InstalledPackTest, NoneWhenProgramIsMissing) {
  TempDir dir;
  FakeInstall(dir, "usr");
  EXPECT_EQ(InstalledRulePackFor(dir.Path("usr/bin/absent")), std::nullopt);
}

// The test program runs from the build folder, where nothing is installed beside it.
TEST(InstalledPackTest, NoneForProgramInBuildFolder) {
  EXPECT_EQ(InstalledRulePack(), std::nullopt);
}

}  // namespace
}  // namespace forcecheck
