#include "rules/rule_tests.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <utility>

#include "base/spelling.h"
#include "io/folder_listing.h"
#include "rules/evidence_schema.h"
#include "yaml/yaml_file.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;

// Writes `node` as YAML. Scalars that were quoted (or tagged) in their file are written quoted,
// so that '2016-03-31' stays text and does not become a date; the emitter quotes a plain
// scalar itself when it cannot be written plain.
void Emit(const YAML::Node& node, YAML::Emitter& out) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (auto it = node.begin(); it != node.end(); ++it) {
        out << YAML::Key;
        Emit(it->first, out);
        out << YAML::Value;
        Emit(it->second, out);
      }
      out << YAML::EndMap;
      return;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const YAML::Node& item : node) Emit(item, out);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Scalar:
      // "?": plain in its file; "": made here (a date or a path), written plain too.
      if (node.Tag() != "?" && !node.Tag().empty()) out << YAML::DoubleQuoted;
      out << node.Scalar();
      return;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: out << YAML::Null; return;
  }
}

// Deep merge: mappings merge key by key; anything else in `over` replaces what `base` holds.
YAML::Node Merge(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsDefined() || !base.IsMap() || !over.IsMap()) return YAML::Clone(over);
  YAML::Node merged = YAML::Clone(base);
  for (auto it = over.begin(); it != over.end(); ++it) {
    const std::string key = it->first.Scalar();
    merged[key] = Merge(base[key], it->second);
  }
  return merged;
}

// Register paths in `root` (an evidence file in `dir`) made absolute, so the merged file can be
// loaded from anywhere.
void AbsoluteRegisterPaths(YAML::Node root, const fs::path& dir) {
  if (!root.IsMap() || !std::as_const(root)["registers"].IsDefined()) return;
  YAML::Node registers = root["registers"];
  if (!registers.IsMap()) return;
  for (auto it = registers.begin(); it != registers.end(); ++it) {
    YAML::Node file = it->second.IsMap() ? it->second["file"] : it->second;
    if (!file.IsScalar()) continue;
    const std::string absolute =
        fs::absolute(dir / file.Scalar()).lexically_normal().generic_string();
    if (it->second.IsMap()) {
      it->second["file"] = absolute;
    } else {
      registers[it->first.Scalar()] = absolute;
    }
  }
}

class TestFileReader {
 public:
  // `closed`: the closed sections of the pack's evidence schema (LoadClosedEvidenceSections),
  // or null when the pack names no schema.
  TestFileReader(const RulePack& pack,
                 const std::map<std::string, std::vector<std::string>>* closed, Diagnostics& diags)
      : pack_(pack), closed_(closed), diags_(diags) {}

  RuleTestFile Read(const YamlDocument& doc) {
    RuleTestFile file{doc.path, {}};
    MappingReader top(doc.path, doc.root, diags_, "a rule test file");
    if (!top.ok()) return file;
    ReadBase(doc, top.Get("base"));
    YAML::Node cases = top.Require("cases");
    top.Finish({"base", "cases"});
    if (cases.IsDefined() && !cases.IsSequence()) {
      diags_.Error(LocationOf(doc.path, cases),
                   "'cases' must be a list, not " + std::string(DescribeNode(cases)));
      return file;
    }
    for (const YAML::Node& c : cases) {
      if (std::optional<RuleTestCase> tc = ReadCase(doc.path, c))
        file.cases.push_back(std::move(*tc));
    }
    return file;
  }

 private:
  void ReadBase(const YamlDocument& doc, const YAML::Node& node) {
    base_file_.clear();
    base_ = YAML::Node();
    base_unreadable_ = false;
    if (!node.IsDefined()) return;
    if (!node.IsScalar() || ReadScalar(node).kind != Scalar::Kind::kText) {
      diags_.Error(LocationOf(doc.path, node), "'base' must be the path of an evidence file, not " +
                                                   std::string(DescribeNode(node)));
      return;
    }
    const fs::path dir = fs::path(doc.path).parent_path();
    base_file_ = (dir / node.Scalar()).lexically_normal().generic_string();
    std::optional<YamlDocument> base = ParseYamlFile(base_file_, diags_);
    if (!base || !base->root.IsMap()) {
      // An unreadable base has been reported at its own path, as any input is: here, only where.
      if (base)
        diags_.Error(LocationOf(doc.path, node),
                     "cannot use '" + base_file_ + "' as a base: it is not a mapping");
      else
        diags_.Note(LocationOf(doc.path, node), "the base '" + base_file_ + "' is named here");
      base_unreadable_ = !base;
      base_file_.clear();
      return;
    }
    base_ = base->root;
    AbsoluteRegisterPaths(base_, fs::path(base_file_).parent_path());
  }

  std::optional<RuleTestCase> ReadCase(const std::string& path, const YAML::Node& node) {
    MappingReader m(path, node, diags_, "a rule test case");
    if (!m.ok()) return std::nullopt;
    RuleTestCase tc;
    tc.where = LocationOf(path, m.Require("name"));
    tc.name = m.Text("name", true).value_or("");
    YAML::Node as_of = m.Get("as_of");
    if (as_of.IsDefined()) {
      tc.as_of = as_of.IsScalar() ? ParseDate(as_of.Scalar()) : std::nullopt;
      if (!tc.as_of)
        diags_.Error(LocationOf(path, as_of), "'as_of' must be a date written YYYY-MM-DD");
    }
    YAML::Node evidence = m.Get("evidence");
    ReadExpectations(path, m.Require("expect"), tc);
    m.Finish({"name", "as_of", "evidence", "expect"});
    if (evidence.IsDefined() && !evidence.IsMap()) {
      diags_.Error(LocationOf(path, evidence),
                   "'evidence' must be a mapping of evidence sections, not " +
                       std::string(DescribeNode(evidence)));
      return std::nullopt;
    }
    if (evidence.IsDefined() && !CheckOverrideKeys(path, evidence, "")) return std::nullopt;
    return BuildEvidence(path, node, evidence, tc) ? std::optional(std::move(tc)) : std::nullopt;
  }

  // Reports each key of the override `node` (the section at `section`, "" for `evidence`) that
  // its closed section in the schema does not allow, here in the test file: in the merged
  // evidence it would be reported in a scratch file. Returns false when any was.
  bool CheckOverrideKeys(const std::string& path, const YAML::Node& node,
                         const std::string& section) {
    if (!closed_ || !node.IsMap()) return true;
    auto allowed = closed_->find(section);
    if (allowed == closed_->end()) return true;  // a fact, or a section open to any key
    bool ok = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar())
        continue;  // MappingReader-style errors come from the evidence loader
      const std::string key = it->first.Scalar();
      if (std::find(allowed->second.begin(), allowed->second.end(), key) == allowed->second.end()) {
        diags_.Error(LocationOf(path, it->first), "unknown key '" + key + "' in evidence" +
                                                      (section.empty() ? "" : "." + section) +
                                                      SuggestName(key, allowed->second));
        ok = false;
        continue;
      }
      ok = CheckOverrideKeys(path, it->second, section.empty() ? key : section + "." + key) && ok;
    }
    return ok;
  }

  bool BuildEvidence(const std::string& path, const YAML::Node& node, const YAML::Node& evidence,
                     RuleTestCase& tc) {
    if (base_unreadable_) return false;  // reported once, at the base's path
    if (!evidence.IsDefined()) {
      if (base_file_.empty()) {
        diags_.Error(LocationOf(path, node),
                     "a rule test case needs a 'base' evidence file or 'evidence'");
        return false;
      }
      tc.evidence_file = base_file_;
      return true;
    }
    YAML::Node root;
    if (!base_file_.empty()) {
      root = YAML::Clone(base_);
    } else if (!tc.as_of) {
      diags_.Error(LocationOf(path, node), "a rule test case without a 'base' needs 'as_of'");
      return false;
    } else {
      root["force"] = "rule test";
      root["as_of"] = tc.as_of->ToString();
    }
    root["evidence"] = Merge(std::as_const(root)["evidence"], evidence);
    YAML::Emitter out;
    Emit(root, out);
    tc.evidence_text = std::string(out.c_str()) + "\n";
    return true;
  }

  void ReadExpectations(const std::string& path, const YAML::Node& node, RuleTestCase& tc) {
    if (!node.IsDefined()) return;
    MappingReader m(path, node, diags_, "'expect'");
    if (!m.ok()) return;
    for (size_t i = 0; i < m.entries().size(); ++i) {
      const auto& [id, value] = m.entries()[i];
      const SourceLocation where = LocationOf(path, m.key_nodes()[i]);
      const Rule* rule = pack_.FindRule(id);
      if (!rule) {
        diags_.Error(where, "unknown rule '" + id + "' in the pack '" + pack_.id + "'" +
                                SuggestName(id, RuleIds()));
      }
      const std::string outcome = value.IsScalar() ? value.Scalar() : "";
      const std::vector<std::string> outcomes(std::begin(kTestOutcomeIds),
                                              std::end(kTestOutcomeIds));
      if (std::find(outcomes.begin(), outcomes.end(), outcome) == outcomes.end()) {
        diags_.Error(LocationOf(path, value),
                     "unknown outcome '" + outcome + "'" + SuggestName(outcome, outcomes));
        continue;
      }
      if (rule) tc.expectations.push_back({rule, outcome, where});
    }
    if (m.entries().empty()) diags_.Error(LocationOf(path, node), "'expect' names no rule");
  }

  std::vector<std::string> RuleIds() const {
    std::vector<std::string> ids;
    for (const Rule& r : pack_.rules) ids.push_back(r.id);
    return ids;
  }

  const RulePack& pack_;
  const std::map<std::string, std::vector<std::string>>* closed_;
  Diagnostics& diags_;
  std::string base_file_;         // empty: no base
  bool base_unreadable_ = false;  // a base was named and could not be read: its cases are not built
  YAML::Node base_;
};

}  // namespace

std::optional<std::vector<RuleTestFile>> LoadRuleTests(const std::string& pack_dir,
                                                       const RulePack& pack, Diagnostics& diags) {
  // A pack given as one file keeps its tests in the `tests` folder beside it.
  const fs::path root =
      fs::is_directory(pack_dir) ? fs::path(pack_dir) : fs::path(pack_dir).parent_path();
  const fs::path dir = root / "tests";
  const size_t errors_before = diags.error_count();
  std::error_code ec;
  std::vector<std::string> paths;
  if (fs::is_directory(dir, ec)) {
    paths =
        ListYamlFiles(dir.lexically_normal().generic_string(), false, "", diags).value_or(paths);
  }
  std::optional<std::map<std::string, std::vector<std::string>>> closed;
  if (!pack.evidence_schema.empty())
    closed = LoadClosedEvidenceSections(pack.evidence_schema, diags);
  TestFileReader reader(pack, closed ? &*closed : nullptr, diags);
  std::vector<RuleTestFile> files;
  for (const std::string& p : paths) {
    if (std::optional<YamlDocument> doc = ParseYamlFile(p, diags))
      files.push_back(reader.Read(*doc));
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return files;
}

}  // namespace forcecheck
