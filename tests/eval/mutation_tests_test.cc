#include "eval/mutation_tests.h"

#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "evidence/evidence_loader.h"
#include "rules/rule_pack_loader.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const fs::path kWeakPack = fs::path(FORCECHECK_SOURCE_DIR) / "tests/eval/fixtures/weak-pack";

// A pack, its tests and their evidence, loaded as `forcecheck test` loads them. Not movable:
// the tests point into the pack and the cases into both.
struct LoadedTests {
  RulePack pack;
  std::vector<RuleTestFile> files;
  std::vector<std::unique_ptr<Evidence>> evidence;
  std::vector<MutationCase> cases;
};

std::unique_ptr<LoadedTests> Load(const std::string& dir, const TempDir& scratch) {
  auto t = std::make_unique<LoadedTests>();
  Diagnostics diags;
  t->pack = LoadRulePack(dir, diags).value();
  t->files = LoadRuleTests(dir, t->pack, diags).value();
  EvidenceOptions options{&t->pack.registers, /*allow_outside_folder=*/true,
                          t->pack.evidence_schema};
  for (const RuleTestFile& f : t->files) {
    for (const RuleTestCase& c : f.cases) {
      const std::string file =
          scratch.Write("case-" + std::to_string(t->cases.size()) + ".yaml", c.evidence_text);
      t->evidence.push_back(std::make_unique<Evidence>(LoadEvidence(file, options, diags).value()));
      t->cases.push_back({&c, t->evidence.back().get(), EvalOptions{c.as_of.value()}});
    }
  }
  EXPECT_FALSE(diags.HasErrors());
  return t;
}

// One line a mutant: "survived CAP-001 weak-pack/pack.yaml:27:33: '<=' to '<' (check)", the
// path from the pack's folder on.
std::string Show(const MutationReport& report) {
  std::string out;
  for (const MutantResult& m : report.mutants) {
    const char* fate = MutantFateName(m.fate);
    std::string where = m.where.ToString();
    where = where.substr(where.find("weak-pack/"));
    out += std::string(fate) + " " + m.rule->id + " " + where + ": " + m.description + " (" +
           m.key + ")\n";
  }
  return out;
}

TEST(MutationTestsTest, WeakTestsLeaveTheBoundaryUntested) {
  TempDir scratch;
  auto t = Load(kWeakPack.string(), scratch);
  const MutationReport report = RunMutationTests(t->pack, t->cases, nullptr);
  EXPECT_EQ(Show(report), "survived CAP-001 weak-pack/pack.yaml:27:33: '<=' to '<' (check)\n"
                          "survived CAP-001 weak-pack/pack.yaml:27:36: '10' to '9' (check)\n"
                          "survived CAP-001 weak-pack/pack.yaml:27:36: '10' to '11' (check)\n"
                          "killed CAP-002 weak-pack/pack.yaml:37:36: '==' to '!=' (check)\n"
                          "killed CAP-002 weak-pack/pack.yaml:37:39: 'true' to 'false' (check)\n");
  EXPECT_EQ(report.made(), 5u);
  EXPECT_EQ(report.Count(MutantFate::kKilled), 2u);
  EXPECT_EQ(report.Count(MutantFate::kNotCompiled), 0u);
  EXPECT_DOUBLE_EQ(report.Score(), 40);
}

// The pack in a scratch copy, with `extra` as one more test file.
std::string PackWithTests(const TempDir& dir, const std::string& extra) {
  fs::copy(kWeakPack, dir.Path("weak-pack"), fs::copy_options::recursive);
  dir.Write("weak-pack/tests/boundary.yaml", extra);
  return dir.Path("weak-pack");
}

TEST(MutationTestsTest, ABoundaryCaseKillsTheMutantsAtTheBoundary) {
  TempDir dir;
  auto t = Load(PackWithTests(dir, R"(cases:
  - name: vacancies at the limit
    as_of: 2016-03-31
    evidence:
      vetting: { vacancy_rate: 10 }
    expect: { CAP-001: pass }
)"),
                dir);
  const MutationReport report = RunMutationTests(t->pack, t->cases, nullptr);
  EXPECT_EQ(Show(report), "killed CAP-001 weak-pack/pack.yaml:27:33: '<=' to '<' (check)\n"
                          "killed CAP-001 weak-pack/pack.yaml:27:36: '10' to '9' (check)\n"
                          "survived CAP-001 weak-pack/pack.yaml:27:36: '10' to '11' (check)\n"
                          "killed CAP-002 weak-pack/pack.yaml:37:36: '==' to '!=' (check)\n"
                          "killed CAP-002 weak-pack/pack.yaml:37:39: 'true' to 'false' (check)\n");
  EXPECT_DOUBLE_EQ(report.Score(), 80);
}

TEST(MutationTestsTest, CasesOnBothSidesOfTheBoundaryKillEveryMutant) {
  TempDir dir;
  auto t = Load(PackWithTests(dir, R"(cases:
  - name: vacancies at the limit
    as_of: 2016-03-31
    evidence:
      vetting: { vacancy_rate: 10 }
    expect: { CAP-001: pass }
  - name: vacancies just over the limit
    as_of: 2016-03-31
    evidence:
      vetting: { vacancy_rate: 11 }
    expect: { CAP-001: fail }
)"),
                dir);
  const MutationReport report = RunMutationTests(t->pack, t->cases, nullptr);
  EXPECT_EQ(report.Count(MutantFate::kKilled), 5u);
  EXPECT_EQ(report.Count(MutantFate::kSurvived), 0u);
  EXPECT_TRUE(report.Meets(100));
}

MutationReport ReportOf(size_t killed, size_t survived, size_t not_compiled) {
  MutationReport r;
  r.mutants.resize(killed + survived + not_compiled);
  for (size_t i = 0; i < r.mutants.size(); ++i) {
    r.mutants[i].fate = i < killed              ? MutantFate::kKilled
                        : i < killed + survived ? MutantFate::kSurvived
                                                : MutantFate::kNotCompiled;
  }
  return r;
}

TEST(MutationReportTest, ScoreLeavesOutMutantsThatDidNotCompile) {
  const MutationReport r = ReportOf(9, 1, 5);
  EXPECT_EQ(r.made(), 10u);
  EXPECT_EQ(r.Count(MutantFate::kNotCompiled), 5u);
  EXPECT_DOUBLE_EQ(r.Score(), 90);
}

TEST(MutationReportTest, MeetsComparesTheUnroundedScore) {
  EXPECT_TRUE(ReportOf(9, 1, 0).Meets(90));
  EXPECT_FALSE(ReportOf(9, 1, 0).Meets(90.1));
  EXPECT_TRUE(ReportOf(2, 1, 0).Meets(66.6));  // 66.67%
  EXPECT_FALSE(ReportOf(2, 1, 0).Meets(66.7));
  EXPECT_TRUE(ReportOf(0, 3, 0).Meets(0));
  EXPECT_FALSE(ReportOf(0, 3, 0).Meets(0.1));
}

TEST(MutationReportTest, NoMutantScoresFull) {
  const MutationReport r = ReportOf(0, 0, 2);
  EXPECT_EQ(r.made(), 0u);
  EXPECT_DOUBLE_EQ(r.Score(), 100);
  EXPECT_TRUE(r.Meets(100));
}

}  // namespace
}  // namespace forcecheck
