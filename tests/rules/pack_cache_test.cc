#include "rules/pack_cache.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "rules/rule_pack_loader.h"
#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using testing::RenderAll;
using testing::TempDir;

// A pack with something of every kind the cache keeps: parameters of all five types, a
// register, a rule with `partial`, `records` and `supersedes`, causes of concern of both
// scopes, every grading setting away from its default, and expressions over several lines (so
// that their positions jump).
constexpr const char* kPackYaml = R"(pack:
  id: cache-pack
  title: Cache pack
  version: 1.2.3
  description: Every kind of thing a pack holds.
  parameters:
    - { id: share, type: number, default: 2.5, unit: percent, description: "A share", source: "A report" }
    - { id: renewal, type: duration, default: 7y, local_choice: true, description: "A period" }
    - { id: since, type: date, default: 2020-04-01, description: "A date", source: "A report" }
    - { id: level, type: text, default: MV, description: "A level", local_choice: true }
    - { id: strict, type: boolean, default: false, description: "A switch", local_choice: true }
  grading:
    partial_credit: 0.25
    min_coverage: 0.6
    min_rules: 4
    aggregation: { area: score, question: median, overall: worst, source: "How we inspect" }
  scales:
    - id: four
      title: Four steps
      source: The inspectorate
      cause_of_concern_cap: requires improvement
      bands:
        - { grade: outstanding, min: 90 }
        - { grade: good, min: 65 }
        - { grade: requires improvement, min: 40 }
        - { grade: inadequate, min: 0 }
  questions:
    - { id: ethics, title: Ethics }
  areas:
    - { id: ethics/vetting, title: Vetting }
)";

constexpr const char* kRulesYaml = R"(registers:
  - id: vetting
    title: Vetting register
    key: person_id
    columns:
      - { name: person_id, type: text, required: true, description: "An id" }
      - { name: level, type: text }
      - { name: expires, type: date }
      - { name: score, type: number }
      - { name: designated, type: boolean }
rules:
  - id: VET-001
    title: Vetting is in date
    area: ethics/vetting
    severity: critical
    weight: 5
    cause_of_concern: force
    source: { document: "A report", section: "Vetting", year: 2016, url: "https://example.org/r" }
    rationale: >-
      Vetting protects the public;
      it lapses.
    check: >-
      count(registers.vetting where expires < as_of() - params.renewal)
        == 0
    partial: pct(registers.vetting, level == params.level) >= 100 - params.share
    records: registers.vetting where expires < as_of()
    gap: Some vetting has lapsed.
    remediation: Renew it.
  - id: VET-002
    title: Vetting is reviewed
    area: ethics/vetting
    severity: low
    weight: 1
    source: { document: "A report", section: "Vetting", year: 2016 }
    rationale: Reviews matter.
    check: params.strict or as_of() > params.since
    cause_of_concern: national
    supersedes: VET-001
    gap: Reviews are missing.
    remediation: Review.
)";

class PackCacheTest : public ::testing::Test {
 protected:
  PackCacheTest() {
    dir_.Write("pack/pack.yaml", kPackYaml);
    dir_.Write("pack/vetting.yaml", kRulesYaml);
  }

  std::string pack() const { return dir_.Path("pack"); }
  static std::string Slurp(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string cache() const { return dir_.Path("cache"); }

  // Loads through the cache; says where the pack came from.
  std::optional<RulePack> Load(bool& from_cache, std::string* rendered = nullptr) const {
    Diagnostics diags;
    std::optional<RulePack> p = LoadRulePackCached(pack(), cache(), diags, &from_cache);
    if (rendered) *rendered = RenderAll(diags);
    return p;
  }

  TempDir dir_;
};

TEST_F(PackCacheTest, ReadsBackThePackItKept) {
  Diagnostics diags;
  std::optional<RulePack> yaml = LoadRulePack(pack(), diags);
  ASSERT_TRUE(yaml) << RenderAll(diags);
  bool from_cache = true;
  ASSERT_TRUE(Load(from_cache));
  EXPECT_FALSE(from_cache) << "the first load has nothing to read";
  EXPECT_TRUE(fs::exists(PackCacheFile(pack(), cache())));
  std::optional<RulePack> cached = Load(from_cache);
  ASSERT_TRUE(cached);
  EXPECT_TRUE(from_cache);
  // operator== compares every field of every part (expressions by text and position), so a
  // field the cache forgot to keep fails here.
  EXPECT_TRUE(*cached == *yaml);
  EXPECT_EQ(cached->parameters.size(), 5u);
  // Spelled out as well, so that a default standing in for a lost field cannot pass.
  EXPECT_EQ(cached->grading.min_rules, 4);
  EXPECT_EQ(cached->grading.question, Aggregation::kMedian);
  EXPECT_EQ(cached->grading.overall, Aggregation::kWorst);
  EXPECT_EQ(cached->grading.aggregation_source, "How we inspect");
  EXPECT_EQ(cached->rules[0].cause_of_concern, CauseOfConcern::kForce);
  EXPECT_EQ(cached->rules[1].cause_of_concern, CauseOfConcern::kNational);
  EXPECT_EQ(cached->rules[0].check.positions, yaml->rules[0].check.positions);
  EXPECT_EQ(cached->rules[0].check.At(60).line, yaml->rules[0].check.At(60).line);
  for (const Rule& r : cached->rules) {
    EXPECT_TRUE(r.check.ast) << r.id << ": expressions are compiled again on reading";
  }
  ASSERT_TRUE(cached->rules[0].records);
  EXPECT_TRUE(cached->rules[0].records->ast);
}

TEST_F(PackCacheTest, TheBundledPackReadsBackEqual) {
  const std::string bundled = std::string(FORCECHECK_SOURCE_DIR) + "/rules";
  Diagnostics diags;
  std::optional<RulePack> yaml = LoadRulePack(bundled, diags);
  ASSERT_TRUE(yaml) << RenderAll(diags);
  bool from_cache = false;
  ASSERT_TRUE(LoadRulePackCached(bundled, cache(), diags, &from_cache));
  std::optional<RulePack> cached = LoadRulePackCached(bundled, cache(), diags, &from_cache);
  ASSERT_TRUE(cached);
  EXPECT_TRUE(from_cache);
  EXPECT_TRUE(*cached == *yaml);
  EXPECT_TRUE(diags.all().empty()) << RenderAll(diags);
}

TEST_F(PackCacheTest, AChangedFileIsReadAgain) {
  bool from_cache = false;
  ASSERT_TRUE(Load(from_cache));
  std::string rules = kRulesYaml;
  rules.replace(rules.find("Vetting is in date"), 18, "Vetting is current");
  dir_.Write("pack/vetting.yaml", rules);
  std::optional<RulePack> p = Load(from_cache);
  ASSERT_TRUE(p);
  EXPECT_FALSE(from_cache);
  EXPECT_EQ(p->rules[0].title, "Vetting is current");
  // ... and the entry now holds the new text.
  p = Load(from_cache);
  EXPECT_TRUE(from_cache);
  EXPECT_EQ(p->rules[0].title, "Vetting is current");
}

TEST_F(PackCacheTest, AnAddedOrRemovedFileIsReadAgain) {
  bool from_cache = false;
  ASSERT_TRUE(Load(from_cache));
  dir_.Write("pack/more.yaml", R"(rules:
  - id: VET-003
    title: Vetting is strict
    area: ethics/vetting
    severity: low
    weight: 1
    source: { document: "A report", section: "Vetting", year: 2016 }
    rationale: More.
    check: params.strict
    gap: It is not.
    remediation: Make it so.
)");
  std::string out;
  std::optional<RulePack> p = Load(from_cache, &out);
  ASSERT_TRUE(p) << out;
  EXPECT_FALSE(from_cache);
  EXPECT_EQ(p->rules.size(), 3u);
  fs::remove(dir_.Path("pack/more.yaml"));
  p = Load(from_cache);
  ASSERT_TRUE(p);
  EXPECT_FALSE(from_cache);
  EXPECT_EQ(p->rules.size(), 2u);
}

TEST_F(PackCacheTest, ADamagedEntryIsNotRead) {
  bool from_cache = false;
  ASSERT_TRUE(Load(from_cache));
  const std::string entry = PackCacheFile(pack(), cache());
  const std::string bytes = Slurp(entry);
  ASSERT_GT(bytes.size(), 200u);
  // A flipped byte in the body, a truncated file, an empty one, something else entirely.
  std::string flipped = bytes;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x20);
  for (const std::string& damaged : {flipped, bytes.substr(0, bytes.size() / 2), std::string(),
                                     std::string("pack: not a cache entry\n")}) {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << damaged;
    std::optional<RulePack> p = Load(from_cache);
    ASSERT_TRUE(p);
    EXPECT_FALSE(from_cache);
    EXPECT_EQ(p->rules.size(), 2u);
    Load(from_cache);
    EXPECT_TRUE(from_cache) << "the damaged entry was replaced";
  }
}

// An entry is the program's own file, but still input: one damaged and then given a right
// checksum (as if crafted) must not crash the reader or take it out of bounds (the debug
// build runs this under AddressSanitizer). What it decodes to is not checked: past the
// checksum, the cache trusts its entry.
TEST_F(PackCacheTest, AnEntryWithARightChecksumButWrongInsidesDoesNotCrash) {
  bool from_cache = false;
  ASSERT_TRUE(Load(from_cache));
  const std::string entry = PackCacheFile(pack(), cache());
  const std::string bytes = Slurp(entry);
  const std::string magic = "forcecheck pack cache\n";
  ASSERT_EQ(bytes.compare(0, magic.size(), magic), 0);
  const std::string rest = bytes.substr(magic.size() + 17);
  auto fnv = [](std::string_view b) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : b) h = (h ^ c) * 1099511628211ull;
    return h;
  };
  std::mt19937 rng(2016);
  int read_back = 0;
  for (int round = 0; round < 300; ++round) {
    std::string damaged = rest;
    const size_t body = damaged.find('\n') + 1;
    for (int k = 0; k < 1 + round % 4; ++k) {
      const size_t at = body + rng() % (damaged.size() - body);
      damaged[at] = static_cast<char>(round % 2 ? rng() : damaged[at] ^ (1 << (rng() % 8)));
    }
    char sum[17];
    std::snprintf(sum, sizeof sum, "%016llx", static_cast<unsigned long long>(fnv(damaged)));
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << magic << sum << "\n" << damaged;
    std::string out;
    std::optional<RulePack> p = Load(from_cache, &out);
    ASSERT_TRUE(p) << out;
    EXPECT_EQ(out, "");
    read_back += from_cache;
  }
  // Most damage is caught (the files' texts, the structure, the invariants); a flipped letter
  // inside a title is not, and is served: that is what the checksum is for.
  EXPECT_LT(read_back, 300);
}

TEST_F(PackCacheTest, APackWithErrorsIsReportedAsTheLoaderReportsIt) {
  std::string rules = kRulesYaml;
  rules.replace(rules.find("severity: low"), 13, "severity: dire");
  dir_.Write("pack/vetting.yaml", rules);
  Diagnostics direct;
  ASSERT_FALSE(LoadRulePack(pack(), direct));
  for (int run = 0; run < 2; ++run) {
    bool from_cache = true;
    std::string out;
    EXPECT_FALSE(Load(from_cache, &out));
    EXPECT_FALSE(from_cache);
    EXPECT_EQ(out, RenderAll(direct));
    EXPECT_NE(out.find("unknown severity 'dire'"), std::string::npos) << out;
  }
  EXPECT_FALSE(fs::exists(PackCacheFile(pack(), cache()))) << "a pack with errors is never kept";
}

TEST_F(PackCacheTest, EvidenceSchemaChangesAreCheckedAgain) {
  // The rules are compiled again against the schema on every read, so a schema that no longer
  // knows a path the pack reads is an error, even though the pack's own files did not change.
  dir_.Write("pack/schema.json", R"({"type": "object", "properties": {"evidence": {"type": "object",
    "properties": {"vetting": {"type": "object",
    "properties": {"done": {"$ref": "#/definitions/booleanFact"}}}}}},
    "definitions": {"booleanFact": {"type": "boolean"}}})");
  std::string pack_yaml = kPackYaml;
  pack_yaml.insert(pack_yaml.find("  parameters:"), "  evidence_schema: schema.json\n");
  dir_.Write("pack/pack.yaml", pack_yaml);
  std::string rules = kRulesYaml;
  rules.replace(rules.find("params.strict or"), 16, "vetting.done or");
  dir_.Write("pack/vetting.yaml", rules);
  bool from_cache = false;
  std::string out;
  ASSERT_TRUE(Load(from_cache, &out)) << out;
  ASSERT_TRUE(Load(from_cache));
  ASSERT_TRUE(from_cache);
  dir_.Write("pack/schema.json", R"({"type": "object", "properties": {"evidence": {"properties": {}}}})");
  Diagnostics direct;
  ASSERT_FALSE(LoadRulePack(pack(), direct));
  EXPECT_FALSE(Load(from_cache, &out));
  EXPECT_FALSE(from_cache);
  EXPECT_EQ(out, RenderAll(direct));
}

TEST_F(PackCacheTest, ACacheThatCannotBeWrittenIsNoError) {
  dir_.Write("cache", "a file where the cache folder should be");
  bool from_cache = true;
  std::string out;
  ASSERT_TRUE(Load(from_cache, &out));
  EXPECT_FALSE(from_cache);
  EXPECT_EQ(out, "");
  ASSERT_TRUE(Load(from_cache, &out));
  EXPECT_FALSE(from_cache);
}

TEST_F(PackCacheTest, NoCacheFolderMeansNoCache) {
  Diagnostics diags;
  bool from_cache = true;
  ASSERT_TRUE(LoadRulePackCached(pack(), "", diags, &from_cache));
  EXPECT_FALSE(from_cache);
  ASSERT_TRUE(LoadRulePackCached(pack(), "", diags, &from_cache));
  EXPECT_FALSE(from_cache);
}

// FORCECHECK_CACHE_DIR wins (set empty: no cache), then XDG_CACHE_HOME, then HOME.
TEST(PackCacheDirTest, ComesFromTheEnvironment) {
  const char* names[] = {"FORCECHECK_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
  std::vector<std::optional<std::string>> saved;
  for (const char* n : names) saved.push_back(std::getenv(n) ? std::optional<std::string>(std::getenv(n)) : std::nullopt);
  setenv("HOME", "/home/auditor", 1);
  setenv("XDG_CACHE_HOME", "/var/cache/me", 1);
  setenv("FORCECHECK_CACHE_DIR", "/ci/cache", 1);
  EXPECT_EQ(DefaultPackCacheDir(), "/ci/cache");
  setenv("FORCECHECK_CACHE_DIR", "", 1);
  EXPECT_EQ(DefaultPackCacheDir(), "");
  unsetenv("FORCECHECK_CACHE_DIR");
  EXPECT_EQ(DefaultPackCacheDir(), "/var/cache/me/forcecheck");
  unsetenv("XDG_CACHE_HOME");
  EXPECT_EQ(DefaultPackCacheDir(), "/home/auditor/.cache/forcecheck");
  unsetenv("HOME");
  EXPECT_EQ(DefaultPackCacheDir(), "");
  for (size_t i = 0; i < saved.size(); ++i) {
    if (saved[i]) setenv(names[i], saved[i]->c_str(), 1);
    else unsetenv(names[i]);
  }
}

// One entry per pack folder and spelling of its path (locations in the pack carry that
// spelling), so that two spellings in turn do not keep replacing one entry.
TEST_F(PackCacheTest, OneEntryPerPackFolderAndSpelling) {
  EXPECT_EQ(PackCacheFile(pack(), cache()), PackCacheFile(pack() + "/", cache()));
  EXPECT_NE(PackCacheFile(pack(), cache()), PackCacheFile(dir_.Path("other"), cache()));
  EXPECT_NE(PackCacheFile(pack(), cache()), PackCacheFile(dir_.Path("pack/../pack"), cache()));
  bool from_cache = false;
  Diagnostics diags;
  const std::string other_spelling = dir_.Path("pack/../pack");
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(Load(from_cache));
    EXPECT_EQ(from_cache, round > 0);
    ASSERT_TRUE(LoadRulePackCached(other_spelling, cache(), diags, &from_cache));
    EXPECT_EQ(from_cache, round > 0);
  }
  EXPECT_TRUE(diags.all().empty()) << RenderAll(diags);
}

}  // namespace
}  // namespace forcecheck
