// The inventory of what HMIC's 2016 report says about West Midlands Police
// (examples/west-midlands-2016/statements/*.yaml): every checkable statement, good or bad, is
// either held by evidence fields that the pack's rules read, or says why it is context. This
// test keeps the inventory honest: a field it names must exist in the evidence schema, have a
// value in the example, and be read by at least one rule; a quotation must be the report's own
// words. It prints the counts that the README quotes.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "evidence/evidence_loader.h"
#include "rules/evidence_schema.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = FORCECHECK_SOURCE_DIR;
const fs::path kExample = kSource / "examples" / "west-midlands-2016";

void CollectEvidencePaths(const expr::Expr& e, std::set<std::string>& out) {
  if (e.kind == expr::Expr::Kind::kPath && e.ref == expr::Ref::kEvidence) out.insert(e.PathText());
  for (const auto& a : e.args) CollectEvidencePaths(*a, out);
}

// Every evidence path some rule's check, partial or records expression reads.
std::set<std::string> PathsReadByRules(const RulePack& pack) {
  std::set<std::string> read;
  for (const Rule& r : pack.rules) {
    for (const CompiledExpr* c :
         {&r.check, r.partial ? &*r.partial : nullptr, r.records ? &*r.records : nullptr}) {
      if (c && c->ast) CollectEvidencePaths(*c->ast, read);
    }
  }
  return read;
}

const EvidenceNode* Find(const EvidenceNode& root, const std::string& path) {
  const EvidenceNode* n = &root;
  std::stringstream parts(path);
  for (std::string part; n && std::getline(parts, part, '.');) n = n->Field(part);
  return n;
}

std::string Squash(std::string s) {  // typographic quotes as plain ones, white space folded
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\u2018") == 0 || s.compare(i, 3, "\u2019") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += s[i];
  }
  return out;
}

TEST(StatementInventoryTest, EveryStatementIsHeldByARuleOrSaysWhyNot) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack((kSource / "rules").string(), diags);
  std::optional<Evidence> ev = LoadEvidence((kExample / "evidence.yaml").string(), diags);
  auto schema =
      LoadEvidenceSchemaPaths((kSource / "schemas" / "evidence.schema.json").string(), diags);
  std::ostringstream rendered;
  diags.RenderAll(rendered);
  ASSERT_TRUE(pack && ev && schema) << rendered.str();
  const std::set<std::string> read = PathsReadByRules(*pack);

  const fs::path seed_path =
      kSource.parent_path() / "shared" / "seeds" / "003_68cffe546c2cc3c5.txt";
  std::string seed;
  if (fs::exists(seed_path)) {
    std::ifstream in(seed_path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    seed = Squash(text.str());
  }

  int statements = 0, held = 0, context = 0;
  std::set<std::string> ids;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kExample / "statements"))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    const YAML::Node doc = YAML::LoadFile(file.string());
    for (const YAML::Node& s : doc["statements"]) {
      const std::string id = s["id"].as<std::string>();
      const std::string where = file.filename().string() + " " + id;
      ++statements;
      EXPECT_TRUE(ids.insert(id).second) << where << ": id used twice";
      const std::string quote = s["quote"].as<std::string>("");
      EXPECT_FALSE(quote.empty()) << where;
      if (!seed.empty()) {
        EXPECT_NE(seed.find(Squash(quote)), std::string::npos)
            << where << ": not in the report: " << quote;
      }
      if (s["context"]) {
        ++context;
        EXPECT_FALSE(s["fields"]) << where << ": both fields and context";
        EXPECT_FALSE(s["context"].as<std::string>("").empty())
            << where << ": context gives no reason";
        continue;
      }
      ASSERT_TRUE(s["fields"] && s["fields"].IsSequence() && s["fields"].size() > 0) << where;
      ++held;
      for (const YAML::Node& f : s["fields"]) {
        const std::string path = f.as<std::string>();
        EXPECT_TRUE(schema->count(path))
            << where << ": " << path << " is not in the evidence schema";
        const EvidenceNode* n = Find(ev->root, path);
        EXPECT_TRUE(n && n->kind != EvidenceNode::Kind::kNull)
            << where << ": " << path << " has no value in the example";
        EXPECT_TRUE(read.count(path)) << where << ": no rule reads " << path;
      }
    }
  }
  std::cout << "statements: " << statements << ", held by fields that rules read: " << held
            << ", context: " << context << "\n";
  EXPECT_GT(held, 100);
}

}  // namespace
}  // namespace forcecheck
