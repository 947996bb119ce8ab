// Nothing written unless everything is: every destination of a run (check's --output and
// --report, test's --junit) is checked before any is written, and one that is a directory, a
// FIFO, a device, an input of the run (by identity) or named twice means exit 2 and no file
// written at all. Written reports keep an existing file's mode. Then the command line's own
// refusals: no command, a negative --records, a bad FORCECHECK_JOBS.
//
// The bundled pack, schema and examples are copied to a scratch folder first, so that a
// failure here cannot overwrite the repository's own files.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "cli/inputs.h"

#include "testing/run_cli.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::RunCommand;
using testing::Slurp;
using testing::TempDir;

// A copy of the bundled pack (rules/), its schema (schemas/) and the examples its tests read.
class DestinationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path source = FORCECHECK_SOURCE_DIR;
    for (const char* folder : {"rules", "schemas", "examples"}) {
      fs::create_directories(fs::path(dir_.Path(folder)).parent_path());
      fs::copy(source / folder, dir_.Path(folder), fs::copy_options::recursive);
    }
  }

  std::string Rules() const { return dir_.Path("rules"); }
  std::string Evidence() const { return dir_.Path("examples/west-midlands-2016/evidence.yaml"); }
  std::string Register() const {
    return dir_.Path("examples/west-midlands-2016/registers/vetting.csv");
  }
  std::string Schema() const { return dir_.Path("schemas/evidence.schema.json"); }

  CliRun Check(std::vector<std::string> more) const {
    std::vector<std::string> args = {"check", "-r", Rules(), "-e", Evidence(), "--fail-on", "none"};
    args.insert(args.end(), more.begin(), more.end());
    return RunCommand(args);
  }

  // Expects the run to have been refused with `error` and the closing line, nothing written.
  static void ExpectRefused(const CliRun& r, const std::string& error) {
    EXPECT_EQ(r.exit, kExitInput);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, error + "\nforcecheck: 1 error; no report written\n");
  }

  TempDir dir_;
};

TEST_F(DestinationsTest, RefusesAReportOverARegister) {
  const std::string before = Slurp(Register());
  const CliRun r = Check({"--report", "json=" + Register()});
  ExpectRefused(r, Register() +
                       ": error: cannot write the report: it is an input of this run (read as '" +
                       Register() + "')");
  EXPECT_EQ(Slurp(Register()), before);
}

TEST_F(DestinationsTest, RefusesAReportOverTheEvidenceSchema) {
  const std::string before = Slurp(Schema());
  const CliRun r =
      Check({"--report", "json=" + dir_.Path("rules/../schemas/evidence.schema.json")});
  ExpectRefused(r, dir_.Path("rules/../schemas/evidence.schema.json") +
                       ": error: cannot write the report: it is an input of this run (read as '" +
                       Schema() + "')");
  EXPECT_EQ(Slurp(Schema()), before);
}

TEST_F(DestinationsTest, RefusesAReportOverAHardLinkToTheEvidence) {
  const std::string link = dir_.Path("report.json");
  fs::create_hard_link(Evidence(), link);
  const std::string before = Slurp(Evidence());
  const CliRun r = Check({"-o", link});
  ExpectRefused(r, link +
                       ": error: cannot write the report: it is an input of this run (read as '" +
                       Evidence() + "')");
  EXPECT_EQ(Slurp(Evidence()), before);
}

TEST_F(DestinationsTest, RefusesAFifoAndACharacterDevice) {
  const std::string fifo = dir_.Path("report.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ExpectRefused(Check({"-o", fifo}),
                fifo + ": error: cannot write the report: it is a FIFO (named pipe), not a "
                       "regular file");
  EXPECT_TRUE(fs::is_fifo(fifo));
  ExpectRefused(
      Check({"-o", "/dev/null"}),
      "/dev/null: error: cannot write the report: it is a character device, not a regular file");
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// The good report named first is not written either.
TEST_F(DestinationsTest, WritesNoReportWhenALaterOneIsADirectory) {
  fs::create_directories(dir_.Path("out/folder"));
  const CliRun r =
      Check({"-o", dir_.Path("out/good.txt"), "--report", "json=" + dir_.Path("out/folder")});
  ExpectRefused(r, dir_.Path("out/folder") +
                       ": error: cannot write the report: it is a directory, not a regular file");
  EXPECT_FALSE(fs::exists(dir_.Path("out/good.txt")));
}

TEST_F(DestinationsTest, RefusesTheSameReportNamedTwice) {
  const CliRun r = Check({"-o", dir_.Path("out/report.json"), "--report",
                          "json=" + dir_.Path("out/../out/report.json")});
  ExpectRefused(r, dir_.Path("out/../out/report.json") +
                       ": error: cannot write the report: it is named twice (also as '" +
                       dir_.Path("out/report.json") + "')");
  EXPECT_FALSE(fs::exists(dir_.Path("out/report.json")));
}

TEST_F(DestinationsTest, KeepsAnExistingReportsMode) {
  const std::string report = dir_.Write("report.json", "old");
  ASSERT_EQ(chmod(report.c_str(), 0600), 0);
  const CliRun r = Check({"--report", "json=" + report});
  EXPECT_EQ(r.exit, kExitOk) << r.err;
  struct stat st {};
  ASSERT_EQ(stat(report.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_NE(Slurp(report), "old");
}

// The small pack of the rule-tests golden case, whose tests read ../../evidence.yaml: running
// the bundled pack's own tests would show the same refusal hundreds of cases later.
TEST_F(DestinationsTest, RefusesJUnitOverTheTestFileOrTheEvidence) {
  const fs::path source = fs::path(FORCECHECK_SOURCE_DIR) / "tests/e2e/cases/rule-tests";
  fs::create_directories(dir_.Path("small"));
  fs::copy(source / "pack", dir_.Path("small/pack"), fs::copy_options::recursive);
  fs::copy(source / "evidence.yaml", dir_.Path("small/evidence.yaml"));
  const std::string test_file = dir_.Path("small/pack/tests/vetting.yaml");
  for (const std::string& junit : {test_file, dir_.Path("small/evidence.yaml")}) {
    const std::string before = Slurp(junit);
    const CliRun r = RunCommand({"test", dir_.Path("small/pack"), "--junit", junit});
    EXPECT_EQ(r.exit, kExitInput) << junit;
    EXPECT_NE(r.err.find(junit + ": error: cannot write the JUnit report: it is "),
              std::string::npos)
        << r.err;
    EXPECT_EQ(Slurp(junit), before);
  }
}

TEST(CommandLineTest, NoCommandIsAnError) {
  const CliRun r = RunCommand({});
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("forcecheck: error: no command given\n\nforcecheck ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("usage: forcecheck <command> [options]"), std::string::npos);
}

TEST(CommandLineTest, RefusesANegativeRecordCount) {
  const std::string rules = std::string(FORCECHECK_SOURCE_DIR) + "/rules";
  const std::string evidence =
      std::string(FORCECHECK_SOURCE_DIR) + "/examples/west-midlands-2016/evidence.yaml";
  for (const char* bad : {"-1", "x", "", "1e3"}) {
    const CliRun r =
        RunCommand({"explain", "VET-004", "-r", rules, "-e", evidence, "--records", bad});
    EXPECT_EQ(r.exit, kExitInput) << bad;
    EXPECT_EQ(r.err, std::string(
                         "forcecheck explain: error: --records takes a number of records from 0 to "
                         "999999999, not '") +
                         bad + "'\nrun 'forcecheck explain --help' for usage\n");
  }
  const CliRun ok =
      RunCommand({"explain", "VET-004", "-r", rules, "-e", evidence, "--records", "0"});
  EXPECT_NE(ok.exit, kExitInput) << ok.err;
}

// Sets an environment variable for the life of the object.
class Env {
 public:
  Env(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~Env() { unsetenv(name_); }

 private:
  const char* name_;
};

TEST(CommandLineTest, RefusesABadJobsVariable) {
  for (const char* bad : {"abc", "0", "-1", "100000"}) {
    const Env jobs("FORCECHECK_JOBS", bad);
    const CliRun r = RunCommand({"lint", "-r", std::string(FORCECHECK_SOURCE_DIR) + "/rules"});
    EXPECT_EQ(r.exit, kExitInput) << bad;
    EXPECT_EQ(
        r.err,
        std::string(
            "forcecheck: error: FORCECHECK_JOBS must be a whole number of threads from 1 to 256, "
            "not '") +
            bad + "'\n");
  }
  const Env jobs("FORCECHECK_JOBS", "2");
  EXPECT_EQ(RunCommand({"lint", "-r", std::string(FORCECHECK_SOURCE_DIR) + "/rules"}).exit,
            kExitOk);
}

// no-color.org: NO_COLOR turns colour off when it is present and not empty.
TEST(CommandLineTest, NoColorCountsOnlyWhenNotEmpty) {
  unsetenv("NO_COLOR");
  EXPECT_FALSE(NoColor());
  {
    const Env empty("NO_COLOR", "");
    EXPECT_FALSE(NoColor());
  }
  for (const char* value : {"1", "0", "no"}) {
    const Env set("NO_COLOR", value);
    EXPECT_TRUE(NoColor()) << value;
  }
}

}  // namespace
}  // namespace forcecheck
