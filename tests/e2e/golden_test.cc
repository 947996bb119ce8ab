// End-to-end golden tests: run the built forcecheck binary as a user would and compare what it
// prints and writes with expected files.
//
// Each folder under tests/e2e/cases/ is one case:
//   cmd              the arguments, one shell line (run in a scratch copy of the folder)
//   expected.stdout  expected standard output
//   expected.stderr  expected standard error
//   expected.exit    expected exit code
//   expected.files/  files the command must write, at the same relative paths (optional)
//   expected.absent  paths, one a line, that must NOT exist afterwards (optional)
//
// The example reports in reports/ are golden files too: the bundled evidence under examples/
// checked against rules/ must give exactly reports/<example>.txt, .json, .sarif, .junit.xml,
// .md, .html and .csv, all from one run.
//
// To refresh every expected file from the actual output (then review the diff):
//   FORCECHECK_UPDATE_GOLDEN=1 ctest --test-dir build/release -R Golden

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = FORCECHECK_SOURCE_DIR;
const fs::path kCases = kSource / "tests" / "e2e" / "cases";

bool Updating() {
  const char* v = std::getenv("FORCECHECK_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Spit(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct RunResult {
  std::string out, err;
  int exit = -1;
};

// Runs forcecheck with `args` (one shell line) in `dir`. What it prints is caught in files named
// after this process and the test, outside `dir`: tests sharing a `dir` (the examples run in the
// source tree) may run at once.
RunResult RunForcecheck(const fs::path& dir, const std::string& args) {
  std::string tag = std::to_string(getpid());
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    tag += std::string("-") + info->name();
  }
  for (char& c : tag) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  const fs::path base = fs::path(::testing::TempDir()) / ("forcecheck-run-" + tag);
  const fs::path out = base.string() + ".stdout", err = base.string() + ".stderr";
  const std::string cmd = "cd '" + dir.string() + "' && NO_COLOR=1 '" FORCECHECK_BINARY "' " +
                          args + " > '" + out.string() + "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

// Compares `actual` with the golden file, or rewrites the golden file when updating.
void Golden(const fs::path& expected, const std::string& actual) {
  if (Updating()) {
    Spit(expected, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << "missing golden file " << expected << "\nactual output:\n"
                                    << actual;
  EXPECT_EQ(Slurp(expected), actual) << "golden file: " << expected;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCases)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCaseTest, MatchesExpectedOutput) {
  const fs::path src = kCases / GetParam();
  const fs::path work = fs::path(::testing::TempDir()) / ("forcecheck-e2e-" + GetParam());
  fs::remove_all(work);
  fs::create_directories(work);
  for (const auto& e : fs::directory_iterator(src)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("expected", 0) == 0 || name == "cmd") continue;
    fs::copy(e.path(), work / name, fs::copy_options::recursive);
  }
  const std::string args = Trim(Slurp(src / "cmd"));
  ASSERT_FALSE(args.empty()) << "case has no cmd file: " << src;
  RunResult r = RunForcecheck(work, args);

  Golden(src / "expected.stdout", r.out);
  Golden(src / "expected.stderr", r.err);
  Golden(src / "expected.exit", std::to_string(r.exit) + "\n");

  const fs::path files = src / "expected.files";
  if (fs::exists(files)) {
    for (const auto& e : fs::recursive_directory_iterator(files)) {
      if (!e.is_regular_file()) continue;
      const fs::path rel = fs::relative(e.path(), files);
      ASSERT_TRUE(fs::exists(work / rel)) << "the command did not write " << rel;
      Golden(e.path(), Slurp(work / rel));
    }
  }
  if (fs::exists(src / "expected.absent")) {
    std::istringstream absent(Slurp(src / "expected.absent"));
    for (std::string line; std::getline(absent, line);) {
      if (line.empty()) continue;
      EXPECT_FALSE(fs::exists(work / line)) << line << " should not exist";
    }
  }
  // No temporary report file may be left behind, whatever happened.
  for (const auto& e : fs::recursive_directory_iterator(work)) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "left behind: " << e.path();
  }
  fs::remove_all(work);
}

std::string TestName(std::string n) {
  for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return n;
}
std::string CaseTestName(const ::testing::TestParamInfo<std::string>& p) {
  return TestName(p.param);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCaseTest, ::testing::ValuesIn(CaseNames()), CaseTestName);

// The bundled examples, checked against the bundled pack, give the reports kept in reports/.
struct Example {
  std::string name;  // reports/<name>.txt, .json, ...
  std::string evidence;
};

class GoldenExampleTest : public ::testing::TestWithParam<Example> {};

std::string ExampleTestName(const ::testing::TestParamInfo<Example>& p) {
  return TestName(p.param.name);
}

// Every report format but text (printed), and the file name ending of its golden file: its
// first ending in the table of formats.
std::vector<std::pair<std::string, std::string>> FileFormats() {
  std::vector<std::pair<std::string, std::string>> formats;
  for (const forcecheck::ReportFormatSpec& f : forcecheck::ReportFormats()) {
    if (f.format != forcecheck::ReportFormat::kText)
      formats.emplace_back(f.name, f.extensions.front());
  }
  return formats;
}

// The case all-formats writes every format but text (printed) as out/report<ending>.
TEST(GoldenCaseListTest, AllFormatsCaseWritesEveryFormat) {
  const std::string cmd = Slurp(kCases / "all-formats" / "cmd");
  for (const auto& [format, ending] : FileFormats()) {
    EXPECT_NE(cmd.find(" --report " + format + "=out/report" + ending), std::string::npos)
        << format;
    EXPECT_TRUE(fs::exists(kCases / "all-formats" / "expected.files" / "out" / ("report" + ending)))
        << format;
  }
}

TEST_P(GoldenExampleTest, GivesTheReportsKeptInReports) {
  const Example& ex = GetParam();
  const fs::path out = fs::path(::testing::TempDir()) /
                       ("forcecheck-example-" + std::to_string(getpid()) + "-" + ex.name);
  fs::remove_all(out);
  std::string args = "check --rules rules --evidence " + ex.evidence +
                     " --format text --fail-on none --marking OFFICIAL";
  for (const auto& [format, ending] : FileFormats()) {
    args += std::string(" --report ") + format + "='" + (out / (ex.name + ending)).string() + "'";
  }
  RunResult r = RunForcecheck(kSource, args);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit, 0);
  Golden(kSource / "reports" / (ex.name + ".txt"), r.out);
  for (const auto& [format, ending] : FileFormats()) {
    const fs::path written = out / (ex.name + ending);
    ASSERT_TRUE(fs::exists(written)) << "no " << format << " report written";
    Golden(kSource / "reports" / (ex.name + ending), Slurp(written));
  }
  fs::remove_all(out);
}

// check shares its work among threads (FORCECHECK_JOBS caps them): on one thread, and on more
// threads than this machine has cores, the JSON report (which holds every finding, record
// and grade) is still exactly the golden one.
TEST_P(GoldenExampleTest, DoesNotDependOnHowTheWorkIsShared) {
  if (Updating()) GTEST_SKIP() << "golden files are being rewritten";
  const Example& ex = GetParam();
  for (const char* jobs : {"1", "7"}) {
    ASSERT_EQ(setenv("FORCECHECK_JOBS", jobs, 1), 0);
    RunResult r = RunForcecheck(
        kSource, "check --rules rules --evidence " + ex.evidence + " --format json --fail-on none");
    EXPECT_EQ(r.exit, 0) << "FORCECHECK_JOBS=" << jobs << "\n" << r.err;
    EXPECT_NE(r.out.find("\"findings\""), std::string::npos);
    EXPECT_EQ(r.out, Slurp(kSource / "reports" / (ex.name + ".json")))
        << "FORCECHECK_JOBS=" << jobs;
  }
  unsetenv("FORCECHECK_JOBS");
}

// forcecheck once kept loaded rule packs in a cache ($FORCECHECK_CACHE_DIR, else
// ~/.cache/forcecheck) and trusted an entry whose FNV-1a checksum matched: rewritten, an entry
// made rules pass with the pack unchanged. The cache is gone; a result depends on the pack, the
// evidence and the options alone. tests/e2e/forged-pack-cache/entry.cbor is such an entry, as
// the last version with the cache wrote it for tests/e2e/cases/rule-tests run as
// `check --rules pack --evidence evidence.yaml`, then forged (VET-003's check made `true`,
// VET-002's severity and VET-001's weight changed) with its checksum recomputed: that version
// read it and reported 3 passes, exit 0, where the pack gives 2 passes and a rule not assessed.
// Placed where the cache was looked for, it changes nothing.
uint64_t Fnv1a(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The entry's name for the pack at `pack` spelled "pack", as the cache named it.
std::string OldCacheEntryName(const fs::path& pack) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(
                    Fnv1a(fs::weakly_canonical(pack).generic_string() + '\0' + "pack")));
  return std::string("pack-") + hex + ".cbor";
}

TEST(PackCacheTest, AForgedEntryOfTheRemovedCacheChangesNothing) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("forcecheck-forged-cache-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "run");
  fs::copy(kCases / "rule-tests" / "pack", dir / "run" / "pack", fs::copy_options::recursive);
  fs::copy(kCases / "rule-tests" / "evidence.yaml", dir / "run" / "evidence.yaml");
  const fs::path cache = dir / "cache", home = dir / "home";
  fs::create_directories(cache);
  fs::create_directories(home / ".cache" / "forcecheck");
  unsetenv("XDG_CACHE_HOME");
  ASSERT_EQ(setenv("HOME", home.c_str(), 1), 0);
  ASSERT_EQ(setenv("FORCECHECK_CACHE_DIR", cache.c_str(), 1), 0);
  const std::string command = "check --rules pack --evidence evidence.yaml --format json";
  const RunResult clean = RunForcecheck(dir / "run", command);
  ASSERT_EQ(clean.exit, 1) << clean.err;  // VET-003 not assessed
  ASSERT_NE(clean.out.find("\"not_assessed\": 1"), std::string::npos) << clean.out;

  const std::string forged = Slurp(kSource / "tests" / "e2e" / "forged-pack-cache" / "entry.cbor");
  const std::string name = OldCacheEntryName(dir / "run" / "pack");
  Spit(cache / name, forged);
  Spit(home / ".cache" / "forcecheck" / name, forged);
  for (const char* run : {"FORCECHECK_CACHE_DIR", "HOME", "--no-cache"}) {
    if (std::string(run) == "HOME") unsetenv("FORCECHECK_CACHE_DIR");
    const RunResult r = RunForcecheck(dir / "run", command + (run[0] == '-' ? " --no-cache" : ""));
    EXPECT_EQ(r.exit, clean.exit) << run << "\n" << r.err;
    EXPECT_EQ(r.out, clean.out) << run;
    EXPECT_EQ(r.err, clean.err) << run;
  }
  EXPECT_EQ(Slurp(cache / name), forged);  // nothing kept, nothing rewritten
  unsetenv("FORCECHECK_CACHE_DIR");
  fs::remove_all(dir);
}

// HMIC judged West Midlands Police good for legitimacy in 2016: good on its first two questions,
// requires improvement on the third, and no cause of concern (seed report, Overview). The
// bundled pack, run as a user runs it, must say the same.
TEST(InspectorateGradesTest, WestMidlands2016IsGradedAsHmicGradedIt) {
  RunResult r = RunForcecheck(
      kSource, "check -r rules -e examples/west-midlands-2016/evidence.yaml --format json");
  ASSERT_EQ(r.exit, 1) << r.err;  // gaps at --fail-on low: the inspection found some
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["overall"]["grade"], "good") << j["overall"]["explanation"];
  EXPECT_EQ(j["overall"]["method"], "median");
  std::vector<std::string> questions;
  for (const auto& q : j["questions"])
    questions.push_back(q["id"].get<std::string>() + ": " + q["grade"].get<std::string>());
  EXPECT_EQ(questions,
            (std::vector<std::string>{"fair-treatment-public: good", "ethical-workforce: good",
                                      "fair-treatment-workforce: requires improvement"}));
  // No force-level cause of concern: the failed ones are national, and cap nothing.
  EXPECT_EQ(j["overall"]["capped_by"], nlohmann::json::array());
  EXPECT_NE(j["overall"]["national_concerns"], nlohmann::json::array());
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f["cause_of_concern"], "force") << f["rule"];
  }
}

INSTANTIATE_TEST_SUITE_P(
    Examples, GoldenExampleTest,
    ::testing::Values(Example{"west-midlands-2016", "examples/west-midlands-2016/evidence.yaml"},
                      Example{"west-midlands-2022", "examples/west-midlands-2022/evidence.yaml"},
                      Example{"synthetic-exemplary", "examples/synthetic-exemplary/evidence.yaml"},
                      Example{"synthetic-struggling",
                              "examples/synthetic-struggling/evidence.yaml"}),
    ExampleTestName);

}  // namespace
