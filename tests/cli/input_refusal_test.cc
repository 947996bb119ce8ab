// Every input refused alike: one table of input kinds (missing, a directory, a FIFO, a
// character device, unreadable, a symbolic link out of the evidence folder, to nothing, or in a
// loop, over the size limit) against one table of input roles (the --rules path, a rule file
// in the pack's folder, --evidence, a register, --params, a rule test's base evidence and the
// rule-test file itself). Each pair runs the command line and must exit 2 with one error line,
// "PATH: error: cannot read file: ...", and write no report.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "base/limits.h"
#include "cli/cli.h"

#include "testing/run_cli.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::RunCommand;
using testing::TempDir;

enum class Role { kRules, kRuleFile, kEvidence, kRegister, kParams, kBase, kTestFile };
enum class Kind {
  kNone,
  kMissing,
  kDirectory,
  kFifo,
  kDevice,
  kUnreadable,
  kOutside,
  kDangling,
  kLoop,
  kTooLarge
};

const char* RoleName(Role r) {
  constexpr const char* kNames[] = {"Rules",  "RuleFile", "Evidence", "Register",
                                    "Params", "Base",     "TestFile"};
  return kNames[static_cast<int>(r)];
}

const char* KindName(Kind k) {
  constexpr const char* kNames[] = {"None",       "Missing", "Directory", "Fifo", "Device",
                                    "Unreadable", "Outside", "Dangling",  "Loop", "TooLarge"};
  return kNames[static_cast<int>(k)];
}

// What each kind is refused with (after "cannot read file: ").
std::string Refusal(Kind k) {
  switch (k) {
    case Kind::kMissing: return "no such file";
    case Kind::kDirectory: return "it is a directory, not a regular file";
    case Kind::kFifo: return "it is a FIFO (named pipe), not a regular file";
    case Kind::kDevice: return "it is a character device, not a regular file";
    case Kind::kUnreadable: return "permission denied";
    case Kind::kDangling: return "it is a symbolic link to a missing file";
    case Kind::kLoop: return "it is a symbolic link that leads round in a loop";
    case Kind::kTooLarge:
      return "it is too large (" + std::to_string(limits::kRegisterFileBytes + 1) + " bytes; ";
    default: return "";
  }
}

// A pack with a parameter, a register and a rule test; evidence naming the register; a
// parameters file. Every run below passes when nothing is changed (Kind::kNone).
class Fixture {
 public:
  Fixture() {
    dir_.Write("pack/pack.yaml", R"(pack:
  id: refusal
  title: Refusal
  version: 1.0.0
  parameters:
    - { id: most, type: number, default: 1, local_choice: true, description: "Most people" }
  scales: [ { id: s, title: S, bands: [ { grade: good, min: 50 }, { grade: poor, min: 0 } ] } ]
  questions: [ { id: q, title: Q } ]
  areas: [ { id: q/a, title: A } ]
registers:
  - id: people
    title: People
    key: id
    columns: [ { name: id, type: text, required: true } ]
)");
    dir_.Write("pack/rules.yaml", R"(rules:
  - id: R-1
    title: Few people
    area: q/a
    severity: high
    weight: 1
    source: { document: D, section: S, year: 2020 }
    rationale: R
    check: count(registers.people) <= params.most
    gap: G
    remediation: R
)");
    const std::string evidence =
        "force: Testshire\nas_of: 2020-03-31\nevidence: {}\nregisters:\n  people: people.csv\n";
    dir_.Write("ev/evidence.yaml", evidence);
    dir_.Write("ev/base.yaml", evidence);
    dir_.Write("ev/people.csv", "id\nP1\n");
    dir_.Write("params.yaml", "most: 2\n");
    dir_.Write(
        "pack/tests/t.yaml",
        "base: ../../ev/base.yaml\ncases:\n  - name: one person\n    expect: { R-1: pass }\n");
  }

  // The file that plays `role`.
  std::string PathOf(Role role) const {
    constexpr const char* kPaths[] = {
        "pack",        "pack/rules.yaml", "ev/evidence.yaml", "ev/people.csv",
        "params.yaml", "ev/base.yaml",    "pack/tests/t.yaml"};
    return dir_.Path(kPaths[static_cast<int>(role)]);
  }

  // The command that reads the file playing `role`, writing its report to Output(role).
  std::vector<std::string> Command(Role role, Kind kind) const {
    if (role == Role::kBase || role == Role::kTestFile) {
      return {"test", dir_.Path("pack"), "--junit", Output(role)};
    }
    std::vector<std::string> args = {"check",
                                     "-r",
                                     dir_.Path("pack"),
                                     "-e",
                                     dir_.Path("ev/evidence.yaml"),
                                     "--params",
                                     dir_.Path("params.yaml"),
                                     "-o",
                                     Output(role)};
    // The device is /dev/null through a link, itself outside the evidence folder.
    if (role == Role::kRegister && kind == Kind::kDevice)
      args.push_back("--allow-outside-registers");
    return args;
  }

  std::string Output(Role role) const {
    return dir_.Path(role == Role::kBase || role == Role::kTestFile ? "out/junit.xml"
                                                                    : "out/report.json");
  }

  // Makes the file playing `role` into `kind`.
  void Make(Role role, Kind kind) const {
    const std::string path = PathOf(role);
    if (kind == Kind::kNone) return;
    if (kind == Kind::kUnreadable) {
      ASSERT_EQ(chmod(path.c_str(), 0), 0);
      return;
    }
    if (kind == Kind::kOutside) {
      fs::copy_file(path, dir_.Path("elsewhere.csv"));
    }
    fs::remove_all(path);
    switch (kind) {
      case Kind::kDirectory: fs::create_directories(path); break;
      case Kind::kFifo: ASSERT_EQ(mkfifo(path.c_str(), 0600), 0); break;
      case Kind::kDevice: fs::create_symlink("/dev/null", path); break;
      case Kind::kOutside: fs::create_symlink(dir_.Path("elsewhere.csv"), path); break;
      case Kind::kDangling: fs::create_symlink(dir_.Path("absent"), path); break;
      case Kind::kLoop: fs::create_symlink(path, path); break;
      case Kind::kTooLarge:  // sparse: refused by its size before a byte is read
        dir_.Write(fs::relative(path, dir_.path()).string(), "");
        fs::resize_file(path, limits::kRegisterFileBytes + 1);
        break;
      default: break;
    }
  }

 private:
  TempDir dir_;
};

struct Case {
  Role role;
  Kind kind;
};

// The pairs that make sense: a rule file or a rule-test file that is missing or a folder is
// not one (a pack with no tests is its own error, tested below); --rules may be a folder; only
// a register's path is bound to the evidence folder.
std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (Role role : {Role::kRules, Role::kRuleFile, Role::kEvidence, Role::kRegister, Role::kParams,
                    Role::kBase, Role::kTestFile}) {
    for (Kind kind :
         {Kind::kNone, Kind::kMissing, Kind::kDirectory, Kind::kFifo, Kind::kDevice,
          Kind::kUnreadable, Kind::kOutside, Kind::kDangling, Kind::kLoop, Kind::kTooLarge}) {
      const bool listed = role == Role::kRuleFile || role == Role::kTestFile;
      if (listed && (kind == Kind::kMissing || kind == Kind::kDirectory)) continue;
      if (role == Role::kRules && kind == Kind::kDirectory) continue;
      if (role != Role::kRegister && kind == Kind::kOutside) continue;
      cases.push_back({role, kind});
    }
  }
  return cases;
}

// The lines of `text` holding "error:".
std::vector<std::string> ErrorLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find("error:") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

class InputRefusalTest : public ::testing::TestWithParam<Case> {};

TEST_P(InputRefusalTest, RefusesInTheCommonFormAndWritesNothing) {
  const auto [role, kind] = GetParam();
  if (kind == Kind::kUnreadable && geteuid() == 0) {
    GTEST_SKIP() << "running as root, which reads a file whatever its permissions";
  }
  Fixture fixture;
  fixture.Make(role, kind);
  const CliRun r = RunCommand(fixture.Command(role, kind));
  if (kind == Kind::kNone) {
    EXPECT_EQ(r.exit, kExitOk) << r.err;
    EXPECT_TRUE(fs::exists(fixture.Output(role)));
    return;
  }
  EXPECT_EQ(r.exit, kExitInput) << r.err;
  const std::vector<std::string> errors = ErrorLines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err;
  if (kind == Kind::kOutside) {
    EXPECT_EQ(errors[0],
              fixture.PathOf(Role::kEvidence) +
                  ":5:11: error: register file 'people.csv' is outside "
                  "the evidence file's folder (pass --allow-outside-registers to allow it)");
  } else {
    // --rules names a folder: made unreadable, it is that folder that cannot be read.
    const char* what = role == Role::kRules && kind == Kind::kUnreadable ? "folder" : "file";
    EXPECT_EQ(errors[0].rfind(
                  fixture.PathOf(role) + ": error: cannot read " + what + ": " + Refusal(kind), 0),
              0u)
        << errors[0];
  }
  EXPECT_FALSE(fs::exists(fixture.Output(role)));
}

INSTANTIATE_TEST_SUITE_P(RolesByKinds, InputRefusalTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return std::string(RoleName(p.param.role)) + "_" +
                                  KindName(p.param.kind);
                         });

TEST(InputRefusalTest, ATestRunWithoutTestsIsAnError) {
  Fixture fixture;
  fs::remove_all(fixture.PathOf(Role::kTestFile));
  const std::string tests = fs::path(fixture.PathOf(Role::kTestFile)).parent_path().string();
  const CliRun r = RunCommand(fixture.Command(Role::kTestFile, Kind::kNone));
  EXPECT_EQ(r.exit, kExitInput);
  EXPECT_EQ(r.err, tests + ": error: no rule tests: a rule pack's tests are the files " + tests +
                       "/*.yaml, and there are none\nforcecheck: 1 error; no tests run\n");
  EXPECT_FALSE(fs::exists(fixture.Output(Role::kTestFile)));
}

}  // namespace
}  // namespace forcecheck
