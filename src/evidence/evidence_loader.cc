#include "evidence/evidence_loader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

#include "base/limits.h"
#include "base/parallel.h"
#include "base/spelling.h"
#include "base/strings.h"
#include "evidence/evidence_schema_check.h"
#include "evidence/register_loader.h"
#include "evidence/runaway_quotes.h"
#include "io/paths.h"
#include "yaml/yaml_file.h"

namespace forcecheck {
namespace {

// A hostile file can make a small YAML text stand for a huge tree (aliases of aliases); the
// loader stops counting at this many nodes, and at this depth, instead of following it.
// (The schema check counts alike: see evidence_schema_check.cc.)
constexpr size_t kMaxNodes = 1'000'000;
constexpr int kMaxDepth = limits::kYamlDepth;

class Loader {
 public:
  // `alongside` is work that may run while the registers are read (it may read the YAML
  // document, which nothing else touches then); Run() runs it there, or not at all when
  // there are no registers to read (alongside_ran() says which).
  Loader(const YamlDocument& doc, const EvidenceOptions& options, Diagnostics& diags,
         std::function<void()> alongside)
      : doc_(doc), options_(options), diags_(diags), alongside_(std::move(alongside)) {}

  bool alongside_ran() const { return alongside_ran_; }

  std::optional<Evidence> Run() {
    const size_t errors_before = diags_.error_count();
    Evidence ev;
    ev.file = doc_.path;
    MappingReader top(doc_.path, doc_.root, diags_, "the evidence file");
    if (!top.ok()) return std::nullopt;
    if (auto force = top.Text("force", true)) ev.force = *force;
    ReadAsOf(top, ev);
    if (auto s = top.Bool("synthetic", false)) ev.synthetic = *s;
    if (auto d = top.Text("description", false)) ev.description = *d;
    ReadSources(top.Get("sources"), ev);
    YAML::Node body = top.Require("evidence");
    if (body.IsDefined()) {
      if (!body.IsMap()) {
        diags_.Error(Where(body), "'evidence' must be a mapping of sections and facts, not " +
                                      std::string(DescribeNode(body)));
      } else {
        ev.root = Node(body, "evidence", 1);
      }
    }
    ReadRegisters(top.Get("registers"), ev);
    // `notes` is the force's own: any YAML, never read, never shown to a rule.
    top.Finish({"force", "as_of", "synthetic", "description", "sources", "evidence", "registers",
                "notes"});
    if (diags_.error_count() > errors_before) return std::nullopt;
    return ev;
  }

 private:
  SourceLocation Where(const YAML::Node& n) const { return LocationOf(doc_.path, n); }

  void ReadAsOf(MappingReader& top, Evidence& ev) {
    YAML::Node n = top.Require("as_of");
    if (!n.IsDefined()) return;
    Scalar s = n.IsScalar() ? ReadScalar(n) : Scalar{};
    if (s.kind != Scalar::Kind::kDate) {
      diags_.Error(Where(n), "'as_of' must be a date written YYYY-MM-DD, not " +
                                 std::string(DescribeNode(n)));
      return;
    }
    ev.as_of = s.date;
  }

  void ReadSources(const YAML::Node& list, Evidence& ev) {
    if (!list.IsDefined()) return;
    if (!list.IsSequence()) {
      diags_.Error(Where(list), "'sources' must be a list, not " + std::string(DescribeNode(list)));
      return;
    }
    for (const YAML::Node& item : list) {
      MappingReader m(doc_.path, item, diags_, "a source");
      if (!m.ok()) continue;
      EvidenceSource s;
      s.id = m.Text("id", true).value_or("");
      s.title = m.Text("title", true).value_or("");
      s.url = m.Text("url", false).value_or("");
      m.Finish({"id", "title", "url"});
      ev.sources.push_back(std::move(s));
    }
  }

  // registers:
  //   vetting: registers/vetting.csv                       # short form
  //   gifts: { file: registers/gifts.csv, synthetic: true }  # long form
  // Registers are read in parallel (base/parallel.h), the largest first, each with
  // diagnostics of its own; they are kept, and their problems reported, in the file's order.
  void ReadRegisters(const YAML::Node& node, Evidence& ev) {
    // Without the pack's declarations (the pack failed to load) registers cannot be typed.
    if (!node.IsDefined() || !options_.registers) return;
    MappingReader m(doc_.path, node, diags_, "'registers'");
    if (!m.ok()) return;
    struct Job {
      const RegisterSpec* spec;
      std::string path;
      bool synthetic;
      uintmax_t size = 0;
      std::optional<Register> reg;
      Diagnostics diags;
    };
    std::vector<Job> jobs;
    for (size_t i = 0; i < m.entries().size(); ++i) {
      const auto& [id, value] = m.entries()[i];
      const RegisterSpec* spec = FindSpec(id);
      if (!spec) {
        std::vector<std::string> known;
        for (const RegisterSpec& s : *options_.registers) known.push_back(s.id);
        diags_.Error(Where(m.key_nodes()[i]),
                     "unknown register '" + id + "'" +
                         (known.empty() ? std::string("; the rule pack declares none")
                                        : SuggestName(id, known, "the rule pack declares")));
        continue;
      }
      std::string file;
      bool synthetic = false;
      YAML::Node file_node = value;
      if (value.IsMap()) {
        MappingReader r(doc_.path, value, diags_, "register '" + id + "'");
        file = r.Text("file", true).value_or("");
        file_node = r.Get("file");
        synthetic = r.Bool("synthetic", false).value_or(false);
        r.Text("description", false);
        r.Finish({"file", "synthetic", "description"});
      } else if (value.IsScalar()) {
        file = value.Scalar();
      } else {
        diags_.Error(Where(value), "register '" + id + "' must name a CSV file, not " +
                                       std::string(DescribeNode(value)));
      }
      if (file.empty()) {
        // A register named with no file would be dropped: say so (a missing or non-text `file`
        // has been reported already).
        if (file_node.IsScalar()) {
          diags_.Error(Where(file_node),
                       "register '" + id + "' names no file: give the path of its CSV file");
        }
        continue;
      }
      std::optional<std::string> path = ResolveRegisterPath(file, file_node);
      if (!path) continue;
      std::error_code ec;
      const uintmax_t size = std::filesystem::file_size(*path, ec);
      jobs.push_back({spec, std::move(*path), synthetic, ec ? 0 : size, std::nullopt, {}});
    }
    std::vector<uint64_t> sizes;
    for (const Job& job : jobs) sizes.push_back(job.size);
    const std::vector<size_t> largest_first = LargestFirst(sizes);
    ParallelFor(jobs.size() + 1, [&](size_t i, size_t) {
      if (i == 0) {
        alongside_();
        return;
      }
      Job& job = jobs[largest_first[i - 1]];
      job.reg = LoadRegister(*job.spec, job.path, job.diags);
    });
    alongside_ran_ = true;
    for (Job& job : jobs) {
      diags_.Append(std::move(job.diags));
      if (!job.reg) continue;
      job.reg->synthetic = job.synthetic;
      ev.registers.push_back(std::move(*job.reg));
    }
  }

  const RegisterSpec* FindSpec(const std::string& id) const {
    if (!options_.registers) return nullptr;
    for (const RegisterSpec& s : *options_.registers) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }

  // The register's path as the user will see it: the evidence file's folder joined with
  // `file`. Refuses a path that leaves that folder unless the options allow it.
  std::optional<std::string> ResolveRegisterPath(const std::string& file, const YAML::Node& at) {
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(doc_.path).parent_path();
    const fs::path joined = (folder / file).lexically_normal();
    if (options_.allow_outside_folder) return joined.generic_string();
    if (fs::path(file).is_absolute() || !PathInside(joined, folder)) {
      diags_.Error(Where(at), "register file '" + file +
                                  "' is outside the evidence file's folder "
                                  "(pass --allow-outside-registers to allow it)");
      return std::nullopt;
    }
    return joined.generic_string();
  }

  bool Budget(const YAML::Node& n, int depth) {
    if (++nodes_ > kMaxNodes) {
      if (nodes_ == kMaxNodes + 1) {
        diags_.Error(Where(n), "the evidence is too large (more than " + std::to_string(kMaxNodes) +
                                   " values, counting each use of an alias)");
      }
      return false;
    }
    if (depth > kMaxDepth) {
      diags_.Error(Where(n), "the evidence is nested too deeply (the limit is " +
                                 std::to_string(kMaxDepth) + " levels)");
      return false;
    }
    return true;
  }

  EvidenceNode Node(const YAML::Node& n, const std::string& path, int depth) {
    EvidenceNode out;
    out.where = Where(n);
    if (!Budget(n, depth)) return out;
    if (n.IsMap()) {
      if (n["value"].IsDefined()) return Fact(n, path, depth);
      out.kind = EvidenceNode::Kind::kSection;
      MappingReader m(doc_.path, n, diags_, "section '" + path + "'");
      for (size_t i = 0; i < m.entries().size(); ++i) {
        const auto& [key, value] = m.entries()[i];
        if (!IsIdentifier(key)) {
          diags_.Error(Where(m.key_nodes()[i]),
                       "'" + key +
                           "' is not a valid evidence name: use letters, digits and "
                           "underscores, starting with a letter or underscore");
          continue;
        }
        out.fields.emplace_back(key, Node(value, path + "." + key, depth + 1));
      }
      return out;
    }
    if (n.IsSequence()) {
      out.kind = EvidenceNode::Kind::kList;
      for (const YAML::Node& item : n) {
        out.items.push_back(Node(item, path + "[]", depth + 1));
      }
      return out;
    }
    Scalar s = ReadScalar(n);
    switch (s.kind) {
      case Scalar::Kind::kNull: out.kind = EvidenceNode::Kind::kNull; break;
      case Scalar::Kind::kBool:
        out.kind = EvidenceNode::Kind::kBool;
        out.boolean = s.boolean;
        break;
      case Scalar::Kind::kNumber:
        out.kind = EvidenceNode::Kind::kNumber;
        out.number = s.number;
        if (std::fabs(s.number) > limits::kNumberMagnitude) {
          diags_.Error(Where(n),
                       "'" + path + "' is " + n.Scalar() +
                           ", beyond the number magnitude limit (numbers from -1e15 to 1e15)");
        }
        break;
      case Scalar::Kind::kDate:
        out.kind = EvidenceNode::Kind::kDate;
        out.date = s.date;
        break;
      case Scalar::Kind::kText:
        out.kind = EvidenceNode::Kind::kText;
        out.text = s.text;
        break;
    }
    return out;
  }

  // A mapping with a `value` key: the fact itself plus its provenance.
  EvidenceNode Fact(const YAML::Node& n, const std::string& path, int depth) {
    MappingReader m(doc_.path, n, diags_, "fact '" + path + "'");
    YAML::Node value = m.Get("value");
    EvidenceNode out;
    if (value.IsMap()) {
      diags_.Error(Where(value),
                   "the 'value' of fact '" + path + "' must be a value or a list, not a mapping");
    } else {
      out = Node(value, path, depth + 1);
    }
    out.source = m.Text("source", false).value_or("");
    out.note = m.Text("note", false).value_or("");
    m.Finish({"value", "source", "note"});
    return out;
  }

  const YamlDocument& doc_;
  const EvidenceOptions& options_;
  Diagnostics& diags_;
  std::function<void()> alongside_;
  bool alongside_ran_ = false;
  size_t nodes_ = 0;
};

}  // namespace

struct ParsedEvidence::File {
  YamlDocument doc;
};
ParsedEvidence::ParsedEvidence() = default;
ParsedEvidence::ParsedEvidence(ParsedEvidence&&) noexcept = default;
ParsedEvidence& ParsedEvidence::operator=(ParsedEvidence&&) noexcept = default;
ParsedEvidence::~ParsedEvidence() = default;

ParsedEvidence ParseEvidence(const std::string& path, Diagnostics& diags) {
  ParsedEvidence parsed;
  if (std::optional<YamlDocument> doc = ParseYamlFile(path, diags)) {
    parsed.file_ = std::make_unique<ParsedEvidence::File>(ParsedEvidence::File{std::move(*doc)});
  }
  return parsed;
}

std::optional<Evidence> LoadEvidence(const std::string& path, const EvidenceOptions& options,
                                     Diagnostics& diags) {
  return LoadEvidence(ParseEvidence(path, diags), options, diags);
}

// The schema is checked beside the reading of the registers, which takes longest; what it
// finds is reported after the loader's own errors (see ReportSchemaFindings).
std::optional<Evidence> LoadEvidence(ParsedEvidence parsed, const EvidenceOptions& options,
                                     Diagnostics& diags) {
  if (!parsed.ok()) return std::nullopt;
  const YamlDocument& doc = parsed.file_->doc;
  Diagnostics schema_diags;
  SchemaFindings found;
  auto check_schema = [&] {
    if (!options.schema.empty()) found = ValidateAgainstSchema(doc, options.schema, schema_diags);
  };
  Loader loader(doc, options, diags, check_schema);
  std::optional<Evidence> ev = loader.Run();
  if (!CheckRunawayQuotes(doc, diags)) ev.reset();
  if (!loader.alongside_ran()) check_schema();
  const size_t errors_before = diags.error_count();
  diags.Append(std::move(schema_diags));
  if (!options.schema.empty()) ReportSchemaFindings(doc, options.schema, found, diags);
  if (diags.error_count() > errors_before) return std::nullopt;
  return ev;
}

std::optional<Evidence> LoadEvidence(const std::string& path, Diagnostics& diags) {
  return LoadEvidence(path, EvidenceOptions{}, diags);
}

}  // namespace forcecheck
