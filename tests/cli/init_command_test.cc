// `forcecheck init` as the command line runs it: options, refusals and the file it writes.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/cli.h"

#include "testing/run_cli.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::CliRun;
using testing::RunCommand;
using testing::Slurp;
using testing::TempDir;

const std::string kRules = std::string(FORCECHECK_SOURCE_DIR) + "/rules";

CliRun Init(std::vector<std::string> args) {
  args.insert(args.begin(), "init");
  return RunCommand(args);
}

TEST(InitCommandTest, WritesTheTemplateToStandardOutput) {
  CliRun r = Init({"--rules", kRules, "--as-of", "2024-03-31"});
  EXPECT_EQ(r.exit, kExitOk);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("# Evidence template for the rule pack peel-legitimacy ", 0), 0u);
  EXPECT_NE(r.out.find("\nforce: \"Name of the force\"\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nas_of: 2024-03-31\n"), std::string::npos);
}

TEST(InitCommandTest, WritesTheTemplateToAFile) {
  TempDir dir;
  const std::string path = dir.Path("out/evidence.yaml");
  CliRun r =
      Init({"-r", kRules, "-o", path, "--force", "Testshire Police", "--as-of", "2024-03-31"});
  EXPECT_EQ(r.exit, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("wrote " + path + ": an evidence template for peel-legitimacy ", 0), 0u)
      << r.out;
  EXPECT_EQ(Slurp(path),
            Init({"-r", kRules, "--force", "Testshire Police", "--as-of", "2024-03-31"}).out);
}

TEST(InitCommandTest, RequiresRules) {
  CliRun r = Init({});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      "forcecheck init: error: --rules is required\nrun 'forcecheck init --help' for usage\n");
}

TEST(InitCommandTest, ReportsAPackThatCannotBeLoaded) {
  TempDir dir;
  CliRun r = Init({"-r", dir.Path("no-such-pack"), "-o", dir.Path("evidence.yaml")});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("forcecheck: 1 error; no template written\n"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("evidence.yaml")));
}

TEST(InitCommandTest, RefusesToReplaceAnExistingFile) {
  TempDir dir;
  const std::string path = dir.Write("evidence.yaml", "force: kept\n");
  CliRun r = Init({"-r", kRules, "-o", path});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      path + ": error: cannot write the template: the file exists; pass --overwrite to replace it\n"
             "forcecheck: 1 error; no template written\n");
  EXPECT_EQ(Slurp(path), "force: kept\n");
}

TEST(InitCommandTest, ReplacesAnExistingFileWithOverwrite) {
  TempDir dir;
  const std::string path = dir.Write("evidence.yaml", "force: kept\n");
  CliRun r = Init({"-r", kRules, "-o", path, "--overwrite"});
  EXPECT_EQ(r.exit, kExitOk) << r.err;
  EXPECT_EQ(Slurp(path).rfind("# Evidence template", 0), 0u);
}

TEST(InitCommandTest, RefusesToWriteIntoThePack) {
  CliRun r = Init({"-r", kRules, "-o", kRules + "/new/evidence.yaml", "--overwrite"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err,
            kRules +
                "/new/evidence.yaml: error: cannot write the template: it is inside the rule pack "
                "folder '" +
                kRules +
                "', where it would be read as a rule file\n"
                "forcecheck: 1 error; no template written\n");
  EXPECT_FALSE(std::filesystem::exists(kRules + "/new"));
}

TEST(InitCommandTest, RefusesToWriteOverTheEvidenceSchema) {
  const std::string schema = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/evidence.schema.json";
  CliRun r = Init({"-r", kRules, "-o", schema, "--overwrite"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, schema +
                       ": error: cannot write the template: it is an input of this run (read as '" +
                       schema + "')\nforcecheck: 1 error; no template written\n");
}

TEST(InitCommandTest, RejectsABadDate) {
  CliRun r = Init({"-r", kRules, "--as-of", "31/03/2024"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err,
            "forcecheck init: error: --as-of takes a date written YYYY-MM-DD, not '31/03/2024'\n"
            "run 'forcecheck init --help' for usage\n");
}

TEST(InitCommandTest, RejectsOverwriteWithoutOutput) {
  CliRun r = Init({"-r", kRules, "--overwrite"});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, "forcecheck init: error: --overwrite needs --output\nrun 'forcecheck init "
                   "--help' for usage\n");
}

}  // namespace
}  // namespace forcecheck
