#include "rules/rule_pack_loader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "base/parallel.h"
#include "base/spelling.h"
#include "base/strings.h"
#include "expr/checker.h"
#include "expr/parser.h"
#include "io/folder_listing.h"
#include "rules/evidence_schema.h"
#include "rules/grading_loader.h"
#include "rules/parameter_loader.h"
#include "rules/rule_pack_keys.h"
#include "yaml/yaml_file.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;

bool MatchesPattern(const std::string& s, bool upper) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool letter = upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z');
    bool ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
    if (!ok) return false;
  }
  return true;
}

class PackLoader {
 public:
  explicit PackLoader(Diagnostics& diags) : diags_(diags) {}

  std::optional<RulePack> Run(const std::string& path) {
    const size_t errors_before = errors_before_ = diags_.error_count();
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      LoadDirectory(path);
    } else if (std::optional<YamlDocument> doc = ParseYamlFile(path, diags_)) {
      LoadFile(*doc, /*pack_allowed=*/true, /*pack_required=*/true);
    }
    Validate(path);
    CompileAll();
    if (diags_.error_count() > errors_before) return std::nullopt;
    return std::move(pack_);
  }

 private:
  // The pack's files (RulePackFiles) are parsed in parallel (YAML parsing is most of the cost of
  // loading a pack), each with diagnostics of its own, and then read in that order.
  void LoadDirectory(const std::string& dir) {
    std::vector<std::string> files = RulePackFiles(dir, diags_);
    std::vector<std::optional<YamlDocument>> docs(files.size());
    std::vector<Diagnostics> parse_diags(files.size());
    ParallelFor(files.size(),
                [&](size_t i, size_t) { docs[i] = ParseYamlFile(files[i], parse_diags[i]); });
    for (size_t i = 0; i < files.size(); ++i) {
      diags_.Append(std::move(parse_diags[i]));
      if (docs[i]) LoadFile(*docs[i], i == 0, i == 0);
      if (i == 0) StartSchemaPaths();  // pack.yaml names the schema: read it beside the rest
    }
  }

  void LoadFile(const YamlDocument& doc, bool pack_allowed, bool pack_required) {
    const char* what = pack_allowed ? "a rule pack file" : "a rule file";
    MappingReader top(doc.path, doc.root, diags_, what);
    if (!top.ok()) return;
    if (pack_allowed) {
      YAML::Node p = pack_required ? top.Require("pack") : top.Get("pack");
      if (p.IsDefined()) ReadPack(doc, p);
    }
    YAML::Node registers = top.Get("registers");
    if (registers.IsDefined()) ReadRegisters(doc, registers);
    YAML::Node rules = top.Get("rules");
    if (rules.IsDefined()) ReadRules(doc, rules);
    if (!pack_allowed && !rules.IsDefined() && !registers.IsDefined()) {
      diags_.Error(LocationOf(doc.path, doc.root),
                   "a rule file must hold 'rules:' or 'registers:'");
    }
    top.Finish(pack_allowed ? kPackFileKeys : kRuleFileKeys);
  }

  // ---- pack metadata ------------------------------------------------------------------------

  void ReadPack(const YamlDocument& doc, const YAML::Node& node) {
    MappingReader m(doc.path, node, diags_, "'pack'");
    if (!m.ok()) return;
    pack_where_ = LocationOf(doc.path, node);
    pack_.id = m.Text("id", true).value_or("");
    if (!pack_.id.empty() && !MatchesPattern(pack_.id, false)) {
      diags_.Error(LocationOf(doc.path, m.Get("id")),
                   "pack id '" + pack_.id + "' must be lower-case letters, digits and '-'");
    }
    pack_.title = m.Text("title", true).value_or("");
    pack_.version = m.Text("version", true).value_or("");
    pack_.description = m.Text("description", false).value_or("");
    if (auto schema = m.Text("evidence_schema", false)) {
      pack_.evidence_schema =
          (fs::path(doc.path).parent_path() / *schema).lexically_normal().generic_string();
    }
    YAML::Node parameters = m.Get("parameters");
    if (parameters.IsDefined())
      ReadParameterDeclarations(doc, parameters, diags_, pack_.parameters);
    ReadGrading(doc, m.Get("grading"), diags_, pack_.grading, scale_where_);
    ReadScales(doc, m.Require("scales"));
    ReadList(doc, m.Require("questions"), "question", [&](MappingReader& q, const YAML::Node& n) {
      Question item{q.Text("id", true).value_or(""), q.Text("title", true).value_or("")};
      CheckUnique(doc, n, "question", item.id, question_where_);
      pack_.questions.push_back(std::move(item));
    });
    ReadList(doc, m.Require("areas"), "area", [&](MappingReader& a, const YAML::Node& n) {
      Area item{a.Text("id", true).value_or(""), a.Text("title", true).value_or("")};
      CheckUnique(doc, n, "area", item.id, area_where_);
      area_nodes_.emplace_back(item.id, LocationOf(doc.path, n));
      pack_.areas.push_back(std::move(item));
    });
    m.Finish(kPackKeys);
  }

  template <typename F>
  void ReadList(const YamlDocument& doc, const YAML::Node& list, const std::string& what, F read) {
    if (!list.IsDefined()) return;
    if (!list.IsSequence()) {
      diags_.Error(LocationOf(doc.path, list),
                   "'" + what + "s' must be a list, not " + std::string(DescribeNode(list)));
      return;
    }
    for (const YAML::Node& item : list) {
      MappingReader m(doc.path, item, diags_, "a " + what);
      if (!m.ok()) continue;
      read(m, item);
      m.Finish(kQuestionKeys);
    }
  }

  void CheckUnique(const YamlDocument& doc, const YAML::Node& n, const std::string& what,
                   const std::string& id, std::map<std::string, SourceLocation>& seen) {
    if (id.empty()) return;
    auto [it, inserted] = seen.emplace(id, LocationOf(doc.path, n));
    if (!inserted) {
      diags_.Error(LocationOf(doc.path, n), "duplicate " + what + " id '" + id +
                                                "' (first defined at " + it->second.ToString() +
                                                ")");
    }
  }

  void ReadScales(const YamlDocument& doc, const YAML::Node& list) {
    if (!list.IsDefined()) return;
    if (!list.IsSequence() || list.size() == 0) {
      diags_.Error(LocationOf(doc.path, list), "'scales' must be a list of at least one scale");
      return;
    }
    std::map<std::string, SourceLocation> seen;
    for (const YAML::Node& item : list) {
      MappingReader m(doc.path, item, diags_, "a scale");
      if (!m.ok()) continue;
      Scale s;
      s.id = m.Text("id", true).value_or("");
      CheckUnique(doc, item, "scale", s.id, seen);
      s.title = m.Text("title", true).value_or("");
      s.source = m.Text("source", false).value_or("");
      ReadBands(doc, m.Require("bands"), s);
      if (auto cap = m.Text("cause_of_concern_cap", false)) {
        s.cause_of_concern_cap = *cap;
        if (!s.bands.empty() && s.Rank(*cap) < 0) {
          diags_.Error(
              LocationOf(doc.path, m.Get("cause_of_concern_cap")),
              "cause_of_concern_cap '" + *cap + "' is not a grade of scale '" + s.id + "'");
        }
      }
      m.Finish(kScaleKeys);
      pack_.scales.push_back(std::move(s));
    }
  }

  void ReadBands(const YamlDocument& doc, const YAML::Node& list, Scale& s) {
    if (!list.IsDefined()) return;
    if (!list.IsSequence() || list.size() == 0) {
      diags_.Error(LocationOf(doc.path, list), "'bands' must be a list of at least one band");
      return;
    }
    std::set<std::string> grades;
    for (const YAML::Node& item : list) {
      MappingReader m(doc.path, item, diags_, "a grade band");
      if (!m.ok()) continue;
      GradeBand b{m.Text("grade", true).value_or(""), m.Number("min", true).value_or(-1)};
      m.Finish(kBandKeys);
      const SourceLocation at = LocationOf(doc.path, item);
      if (!b.grade.empty() && !grades.insert(b.grade).second) {
        diags_.Error(at, "grade '" + b.grade + "' appears twice in scale '" + s.id + "'");
      }
      if (b.min < 0 || b.min > 100) {
        diags_.Error(at, "a band's 'min' must be a score from 0 to 100");
      } else if (!s.bands.empty() && b.min >= s.bands.back().min) {
        diags_.Error(at, "bands must be listed best first, each 'min' lower than the one before");
      }
      s.bands.push_back(std::move(b));
    }
    if (!s.bands.empty() && s.bands.back().min != 0) {
      diags_.Error(LocationOf(doc.path, list[list.size() - 1]),
                   "the last band must have 'min: 0' so that every score earns a grade");
    }
  }

  // ---- registers ----------------------------------------------------------------------------

  void ReadRegisters(const YamlDocument& doc, const YAML::Node& list) {
    if (!list.IsSequence()) {
      diags_.Error(LocationOf(doc.path, list),
                   "'registers' must be a list, not " + std::string(DescribeNode(list)));
      return;
    }
    for (const YAML::Node& item : list) {
      MappingReader m(doc.path, item, diags_, "a register");
      if (!m.ok()) continue;
      RegisterSpec spec;
      spec.where = LocationOf(doc.path, item);
      spec.id = m.Text("id", true).value_or("");
      CheckUnique(doc, item, "register", spec.id, register_where_);
      if (!spec.id.empty() && !IsIdentifier(spec.id)) {
        diags_.Error(
            LocationOf(doc.path, m.Get("id")),
            "register id '" + spec.id + "' must be a name: letters, digits and underscores");
      }
      spec.title = m.Text("title", true).value_or("");
      spec.key = m.Text("key", true).value_or("");
      ReadColumns(doc, m.Require("columns"), spec);
      spec.may_be_empty = m.Bool("may_be_empty", false).value_or(false);
      if (!spec.key.empty() && !spec.columns.empty() && spec.ColumnIndex(spec.key) < 0) {
        diags_.Error(LocationOf(doc.path, m.Get("key")),
                     "key '" + spec.key + "' is not a column of register '" + spec.id + "'");
      }
      m.Finish(kRegisterKeys);
      pack_.registers.push_back(std::move(spec));
    }
  }

  void ReadColumns(const YamlDocument& doc, const YAML::Node& list, RegisterSpec& spec) {
    if (!list.IsDefined()) return;
    if (!list.IsSequence() || list.size() == 0) {
      diags_.Error(LocationOf(doc.path, list), "'columns' must be a list of at least one column");
      return;
    }
    std::map<std::string, SourceLocation> seen;
    for (const YAML::Node& item : list) {
      MappingReader m(doc.path, item, diags_, "a column");
      if (!m.ok()) continue;
      ColumnSpec c;
      c.name = m.Text("name", true).value_or("");
      CheckUnique(doc, item, "column", c.name, seen);
      if (!c.name.empty() && !IsIdentifier(c.name)) {
        diags_.Error(
            LocationOf(doc.path, m.Get("name")),
            "column name '" + c.name + "' must be a name: letters, digits and underscores");
      }
      if (auto t = m.Text("type", true)) {
        if (auto type = ParseColumnType(*t)) {
          c.type = *type;
        } else {
          diags_.Error(LocationOf(doc.path, m.Get("type")),
                       UnknownValue("column type", *t, NamesIn(kColumnTypes)));
        }
      }
      c.required = m.Bool("required", false).value_or(false);
      c.description = m.Text("description", false).value_or("");
      m.Finish(kColumnKeys);
      spec.columns.push_back(std::move(c));
    }
  }

  // ---- rules --------------------------------------------------------------------------------

  void ReadRules(const YamlDocument& doc, const YAML::Node& list) {
    if (!list.IsSequence()) {
      diags_.Error(LocationOf(doc.path, list),
                   "'rules' must be a list, not " + std::string(DescribeNode(list)));
      return;
    }
    for (const YAML::Node& item : list) ReadRule(doc, item);
  }

  void ReadRule(const YamlDocument& doc, const YAML::Node& node) {
    MappingReader m(doc.path, node, diags_, "a rule");
    if (!m.ok()) return;
    Rule r;
    r.where = LocationOf(doc.path, node);
    r.id = m.Text("id", true).value_or("");
    if (!r.id.empty()) {
      YAML::Node id_node = m.Get("id");
      r.where = LocationOf(doc.path, id_node);
      if (!MatchesPattern(r.id, true)) {
        diags_.Error(r.where, "rule id '" + r.id +
                                  "' must be upper-case letters, digits and '-', "
                                  "starting with a letter");
      }
      auto [it, inserted] = rule_where_.emplace(r.id, r.where);
      if (!inserted) {
        diags_.Error(r.where, "duplicate rule id '" + r.id + "' (first defined at " +
                                  it->second.ToString() + ")");
      }
    }
    const std::string what = r.id.empty() ? "the rule" : "rule " + r.id;
    r.title = m.Text("title", true).value_or("");
    r.area = m.Text("area", true).value_or("");
    r.area_where = LocationOf(doc.path, m.Get("area"));
    if (auto sev = m.Text("severity", true)) {
      if (auto s = ParseSeverity(*sev)) {
        r.severity = *s;
      } else {
        diags_.Error(LocationOf(doc.path, m.Get("severity")),
                     UnknownValue("severity", *sev, NamesIn(kSeverities)));
      }
    }
    if (auto w = m.Number("weight", true)) {
      r.weight = *w;
      if (*w <= 0 || *w > 1000) {
        diags_.Error(LocationOf(doc.path, m.Get("weight")),
                     "'weight' must be above 0 and at most 1000");
      }
    }
    ReadCauseOfConcern(doc, m, r);
    ReadCitation(doc, m.Require("source"), r.source);
    r.rationale = m.Text("rationale", true).value_or("");
    r.gap = m.Text("gap", true).value_or("");
    r.remediation = m.Text("remediation", true).value_or("");
    if (auto c = Source(doc, m.Require("check"), "check")) r.check = std::move(*c);
    YAML::Node partial = m.Get("partial");
    if (partial.IsDefined()) r.partial = Source(doc, partial, "partial");
    YAML::Node records = m.Get("records");
    if (records.IsDefined()) r.records = Source(doc, records, "records");
    r.supersedes = m.Text("supersedes", false).value_or("");
    r.supersedes_where = LocationOf(doc.path, m.Get("supersedes"));
    m.Finish(kRuleKeys);
    pack_.rules.push_back(std::move(r));
  }

  // `cause_of_concern: national` or `force` (CauseOfConcernScopes); true and false are errors,
  // since a cause of concern without its scope cannot say whether it caps grades.
  void ReadCauseOfConcern(const YamlDocument& doc, MappingReader& m, Rule& r) {
    const YAML::Node node = m.Get("cause_of_concern");
    if (!node.IsDefined()) return;
    const char* what = "cause-of-concern scope";
    if (auto scope = node.IsScalar() ? ParseCauseOfConcern(node.Scalar()) : std::nullopt) {
      r.cause_of_concern = *scope;
    } else if (node.IsScalar()) {
      diags_.Error(LocationOf(doc.path, node),
                   UnknownValue(what, ReadScalar(node).text, CauseOfConcernNames()));
    } else {
      diags_.Error(LocationOf(doc.path, node), std::string("unknown ") + what + " " +
                                                   DescribeNode(node) + "; expected one of " +
                                                   QuotedList(CauseOfConcernNames()));
    }
  }

  void ReadCitation(const YamlDocument& doc, const YAML::Node& node, Citation& c) {
    if (!node.IsDefined()) return;
    MappingReader m(doc.path, node, diags_, "'source'");
    if (!m.ok()) return;
    c.document = m.Text("document", true).value_or("");
    c.section = m.Text("section", true).value_or("");
    if (auto y = m.Number("year", true)) {
      // Range first: a year too large for an int must not be converted to one.
      const bool plausible = *y >= 1800 && *y <= 2200 && std::floor(*y) == *y;
      c.year = plausible ? static_cast<int>(*y) : 0;
      if (!plausible) {
        diags_.Error(LocationOf(doc.path, m.Get("year")), "'year' must be a year such as 2016");
      }
    }
    c.url = m.Text("url", false).value_or("");
    m.Finish(kCitationKeys);
  }

  // An expression's text and its map back to the file; compiled once every file is read
  // (CompileAll), since the registers it may name can be declared in any file.
  std::optional<CompiledExpr> Source(const YamlDocument& doc, const YAML::Node& node,
                                     const std::string& key) {
    if (!node.IsDefined()) return std::nullopt;
    if (!node.IsScalar()) {
      diags_.Error(LocationOf(doc.path, node),
                   "'" + key + "' must be an expression, not " + std::string(DescribeNode(node)));
      return std::nullopt;
    }
    CompiledExpr c;
    c.text = node.Scalar();
    c.file = doc.path;
    for (const LineColumn& lc : ScalarPositions(doc, node))
      c.positions.emplace_back(lc.line, lc.column);
    return c;
  }

  // The evidence schema's paths (for checking the paths rules read) are read on a thread of
  // their own while the other files are read; CompileAll waits for them and reports their
  // problems then, where it would have reported them had it read the schema itself.
  struct SchemaPaths {
    std::optional<std::map<std::string, expr::Type>> paths;
    Diagnostics diags;
  };
  void StartSchemaPaths() {
    if (pack_.evidence_schema.empty() || schema_paths_.valid()) return;
    schema_paths_ = std::async(std::launch::async, [file = pack_.evidence_schema] {
      SchemaPaths r;
      r.paths = LoadEvidenceSchemaPaths(file, r.diags);
      return r;
    });
  }

  void CompileAll() {
    std::optional<std::map<std::string, expr::Type>> paths;
    if (!pack_.evidence_schema.empty()) {
      StartSchemaPaths();
      SchemaPaths r = schema_paths_.get();
      diags_.Append(std::move(r.diags));
      paths = std::move(r.paths);
      if (!paths) return;
    }
    CompileRules(pack_, paths ? &*paths : nullptr, diags_);
  }

  // ---- cross-references ---------------------------------------------------------------------

  void Validate(const std::string& path) {
    // With no rules and no other error, say so; after an error it would only be noise.
    if (pack_.rules.empty() && diags_.error_count() == errors_before_) {
      diags_.Error({path}, "the rule pack has no rules");
    }
    if (!pack_where_.line) return;  // no pack metadata: already reported
    if (pack_.scales.empty()) {
      // 'scales' missing or invalid: already reported
    } else if (pack_.grading.scale.empty()) {
      pack_.grading.scale = pack_.scales.front().id;
    } else if (!pack_.FindScale(pack_.grading.scale)) {
      diags_.Error(scale_where_,
                   "grading scale '" + pack_.grading.scale + "' is not one of the pack's scales");
    }
    for (const auto& [id, where] : area_nodes_) {
      size_t slash = id.find('/');
      if (slash == std::string::npos || slash == 0 || slash + 1 == id.size()) {
        diags_.Error(where, "area id '" + id + "' must be 'question/subject'");
      } else if (!pack_.FindQuestion(id.substr(0, slash))) {
        diags_.Error(where, "area '" + id + "' names question '" + id.substr(0, slash) +
                                "', which is not declared under pack.questions");
      }
    }
    for (const Rule& r : pack_.rules) {
      if (!r.area.empty() && !pack_.FindArea(r.area)) {
        diags_.Error(r.area_where, "unknown area '" + r.area + "' (declare it under pack.areas)");
      }
      if (r.supersedes.empty()) continue;
      const Rule* other = pack_.FindRule(r.supersedes);
      if (!other || other == &r) {
        diags_.Error(r.supersedes_where,
                     other ? "a rule cannot supersede itself"
                           : "'supersedes' names no rule of the pack: '" + r.supersedes + "'");
      } else if (!other->supersedes.empty()) {
        diags_.Error(r.supersedes_where, "rule " + r.supersedes + " supersedes " +
                                             other->supersedes +
                                             " itself; chains of superseded rules are not allowed");
      }
    }
  }

  Diagnostics& diags_;
  size_t errors_before_ = 0;
  RulePack pack_;
  std::future<SchemaPaths> schema_paths_;
  SourceLocation pack_where_;
  SourceLocation scale_where_;
  std::map<std::string, SourceLocation> rule_where_, question_where_, area_where_, register_where_;
  std::vector<std::pair<std::string, SourceLocation>> area_nodes_;
};

void Compile(CompiledExpr& c, const std::string& key, expr::Type want,
             const expr::CheckContext& ctx, Diagnostics& diags) {
  if (c.text.empty() && c.positions.empty()) return;  // missing: already reported
  expr::ParseResult parsed = expr::Parse(c.text);
  if (parsed.error) {
    diags.Error(c.At(parsed.error->offset), "in '" + key + "': " + parsed.error->message);
    return;
  }
  std::vector<expr::ExprError> errors = expr::Check(*parsed.expr, want, ctx);
  for (const expr::ExprError& e : errors)
    diags.Error(c.At(e.offset), "in '" + key + "': " + e.message);
  if (errors.empty()) c.ast = std::move(parsed.expr);
}

// The pack's parameters as the checker sees them.
std::vector<expr::ParameterInfo> ParameterInfos(const RulePack& pack) {
  std::vector<expr::ParameterInfo> parameters;
  for (const Parameter& p : pack.parameters) parameters.push_back({p.id, p.type, p.default_value});
  return parameters;
}

}  // namespace

std::vector<std::string> RulePackFiles(std::string path, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::string& dir = path;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();  // "rules/" as completion types it
  const std::string pack_file = (fs::path(dir) / "pack.yaml").generic_string();
  std::optional<std::vector<std::string>> files =
      ListYamlFiles(dir, /*recursive=*/true, "tests", diags);
  if (!files) return {};
  std::erase(*files, pack_file);
  files->insert(files->begin(), pack_file);
  return *files;
}

void CompileRules(RulePack& pack, const std::map<std::string, expr::Type>* schema_paths,
                  Diagnostics& diags) {
  const std::vector<expr::ParameterInfo> parameters = ParameterInfos(pack);
  expr::CheckContext ctx{&pack.registers, schema_paths, pack.evidence_schema, &parameters};
  // Rules compile independently (the context is only read), so in parallel, each with
  // diagnostics of its own, reported in the pack's order.
  std::vector<Diagnostics> found(pack.rules.size());
  ParallelFor(pack.rules.size(), [&](size_t i, size_t) {
    Rule& r = pack.rules[i];
    Compile(r.check, "check", expr::Type::kBool, ctx, found[i]);
    if (r.partial) Compile(*r.partial, "partial", expr::Type::kBool, ctx, found[i]);
    if (r.records) Compile(*r.records, "records", expr::Type::kRows, ctx, found[i]);
  });
  for (Diagnostics& d : found) diags.Append(std::move(d));
}

void CompileRuleExpression(CompiledExpr& c, std::string_view key, const RulePack& pack,
                           const std::map<std::string, expr::Type>* schema_paths,
                           Diagnostics& diags) {
  const std::vector<expr::ParameterInfo> parameters = ParameterInfos(pack);
  const expr::CheckContext ctx{&pack.registers, schema_paths, pack.evidence_schema, &parameters};
  c.ast.reset();
  Compile(c, std::string(key), key == "records" ? expr::Type::kRows : expr::Type::kBool, ctx,
          diags);
}

std::optional<RulePack> LoadRulePack(const std::string& path, Diagnostics& diags) {
  return PackLoader(diags).Run(path);
}

}  // namespace forcecheck
