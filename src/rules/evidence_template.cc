// The template's format, top to bottom:
//
//   # header: what the file is and how to fill it in
//   force: "Name of the force"          (quoted; a placeholder unless --force was given)
//   as_of: 2024-03-31                   (unquoted date)
//   sources: []                         (with a commented example above it)
//   #registers:                         (commented out: delete the first '#' of each line of
//   #  # <id>: <title> ...               a register's block to supply it; columns, types and
//   #  vetting: registers/vetting.csv    the CSV header line are comments inside the block)
//   evidence:
//     # <section description>
//     section:
//       # <description>
//       # Type: number. Unit: cases. Read by APSP-003.
//       fact: null
//   notes: {}                           (free notes no rule reads; left out when the pack's
//                                         schema has no top-level `notes` property)
//
// Comments are wrapped at kWidth columns. Every line is YAML that yaml-cpp reads back, and
// nothing from the pack or schema can leave a comment: control characters become spaces.

#include "rules/evidence_template.h"

#include <map>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "expr/ast.h"
#include "io/text_file.h"

namespace forcecheck {
namespace {

using Json = nlohmann::json;

constexpr size_t kWidth = 96;

// One key under `evidence:`: a section when it has children, otherwise a fact.
struct Field {
  std::string description;  // without its "Unit: ..." and "Read by ..." sentences
  std::string type;         // "number", "true or false", ...; empty for a section
  std::string unit;
  std::vector<std::string> readers;  // ids of the rules that read it, in pack order
  std::map<std::string, Field> children;
  bool section = false;
};

// Evidence paths read anywhere in `e`, added to `readers` under `rule`.
void CollectReads(const expr::Expr& e, const std::string& rule,
                  std::map<std::string, std::vector<std::string>>& readers) {
  if (e.kind == expr::Expr::Kind::kPath && e.ref == expr::Ref::kEvidence) {
    std::vector<std::string>& ids = readers[e.PathText()];
    if (ids.empty() || ids.back() != rule) ids.push_back(rule);
  }
  for (const auto& arg : e.args) {
    if (arg) CollectReads(*arg, rule, readers);
  }
}

std::map<std::string, std::vector<std::string>> ReadersByPath(const RulePack& pack) {
  std::map<std::string, std::vector<std::string>> readers;
  for (const Rule& r : pack.rules) {
    for (const CompiledExpr* e :
         {&r.check, r.partial ? &*r.partial : nullptr, r.records ? &*r.records : nullptr}) {
      if (e && e->ast) CollectReads(*e->ast, r.id, readers);
    }
  }
  return readers;
}

// "judgement: met, partly_met or not_met", the values from the schema's definitions.
std::string JudgementType(const Json& schema) {
  std::vector<std::string> values;
  const Json::json_pointer at("/definitions/judgement/enum");
  if (schema.contains(at) && schema[at].is_array()) {
    for (const Json& v : schema[at]) {
      if (v.is_string()) values.push_back(v.get<std::string>());
    }
  }
  if (values.empty()) values = {"met", "partly_met", "not_met"};
  return "judgement, one of " + JoinWords(values, "or") + " (unquoted)";
}

std::string TypeOf(const Json& node, const Json& schema) {
  auto from_ref = [&schema](const Json& n) -> std::string {
    if (!n.is_object() || !n.contains("$ref") || !n["$ref"].is_string()) return "";
    const std::string ref = n["$ref"].get<std::string>();
    if (ref == "#/definitions/numberFact") return "number";
    if (ref == "#/definitions/countFact") return "whole number, 0 or more";
    if (ref == "#/definitions/percentFact") return "number from 0 to 100";
    if (ref == "#/definitions/nonNegativeFact") return "number, 0 or more";
    if (ref == "#/definitions/booleanFact") return "true or false";
    if (ref == "#/definitions/dateFact") return "date (YYYY-MM-DD, unquoted)";
    if (ref == "#/definitions/textFact") return "text";
    if (ref == "#/definitions/judgementFact") return JudgementType(schema);
    return "";
  };
  if (std::string t = from_ref(node); !t.empty()) return t;
  for (const char* combiner : {"allOf", "oneOf", "anyOf"}) {
    if (!node.contains(combiner) || !node[combiner].is_array()) continue;
    for (const Json& part : node[combiner]) {
      if (std::string t = from_ref(part); !t.empty()) return t;
      if (part.is_object() && part.contains("enum") && part["enum"].is_array()) {
        std::string t = "one of";
        for (const Json& v : part["enum"]) t += (t.size() > 6 ? ", " : " ") + v.dump();
        return t;
      }
    }
  }
  if (node.contains("type") && node["type"] == "array") return "list";
  return "any value";
}

// Splits "Meaning. Unit: cases. Read by APSP-003." into meaning and unit; the readers are
// taken from the pack itself rather than from the text.
void SetDescription(std::string d, Field& f) {
  if (size_t rb = d.rfind("Read by "); rb != std::string::npos && (rb == 0 || d[rb - 1] == ' ')) {
    d.erase(rb);
  }
  if (size_t u = d.find("Unit: "); u != std::string::npos) {
    size_t end = d.find(". ", u);
    if (end == std::string::npos) end = d.size();
    f.unit = d.substr(u + 6, end - u - 6);
    if (!f.unit.empty() && f.unit.back() == '.') f.unit.pop_back();
    d.erase(u, end + 1 - u);
  }
  while (!d.empty() && d.back() == ' ') d.pop_back();
  f.description = d;
}

bool FromSchema(const Json& root, const Json& node, const std::string& prefix, Field& into,
                const std::string& schema, Diagnostics& diags) {
  into.section = true;
  for (const auto& [key, child] : node["properties"].items()) {
    if (!IsIdentifier(key)) {
      diags.Error({schema},
                  "the evidence schema describes a field '" + prefix + key +
                      "' whose name is not an evidence key (letters, digits, underscores)");
      return false;
    }
    Field& f = into.children[key];
    if (child.contains("description") && child["description"].is_string()) {
      SetDescription(child["description"].get<std::string>(), f);
    }
    if (child.contains("properties") && child["properties"].is_object()) {
      if (!FromSchema(root, child, prefix + key + ".", f, schema, diags)) return false;
    } else {
      f.type = TypeOf(child, root);
    }
  }
  return true;
}

// Without a schema: every path the rules read, with no description.
void FromPaths(const std::map<std::string, std::vector<std::string>>& readers, Field& root) {
  root.section = true;
  for (const auto& [path, ids] : readers) {
    Field* f = &root;
    std::istringstream segments(path);
    for (std::string s; std::getline(segments, s, '.');) {
      f->section = true;
      f = &f->children[s];
    }
    f->type = "not described (the pack names no evidence schema)";
  }
}

void AttachReaders(Field& f, const std::string& path,
                   const std::map<std::string, std::vector<std::string>>& readers) {
  if (auto it = readers.find(path); it != readers.end()) f.readers = it->second;
  for (auto& [key, child] : f.children)
    AttachReaders(child, path.empty() ? key : path + "." + key, readers);
}

// Writes `text` as comment lines starting with `lead`, wrapped at kWidth; lines after the
// first are indented `hang` more spaces.
void Comment(std::ostream& out, const std::string& lead, std::string text, size_t hang = 0) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  std::istringstream words(text);
  std::string line;
  size_t indent = 0;
  for (std::string word; words >> word;) {
    if (!line.empty() && lead.size() + indent + line.size() + 1 + word.size() > kWidth) {
      out << lead << std::string(indent, ' ') << line << "\n";
      line.clear();
      indent = hang;
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out << lead << std::string(indent, ' ') << line << "\n";
}

std::string Quoted(const std::string& s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      q += '\\';
      q += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      static const char* kHex = "0123456789abcdef";
      q += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    } else {
      q += static_cast<char>(c);
    }
  }
  return q + "\"";
}

void WriteFields(std::ostream& out, const Field& section, int depth, EvidenceTemplate& t) {
  const std::string indent(2 * static_cast<size_t>(depth), ' ');
  for (const auto& [key, f] : section.children) {
    if (depth == 1) out << "\n";
    if (!f.description.empty()) Comment(out, indent + "# ", f.description);
    if (f.section && !f.children.empty()) {
      if (!f.readers.empty())
        Comment(out, indent + "# ", "Read as a whole by " + Join(f.readers, ", ") + ".");
      out << indent << key << ":\n";
      WriteFields(out, f, depth + 1, t);
      continue;
    }
    std::string facts = "Type: " + (f.type.empty() ? std::string("section") : f.type) + ".";
    if (!f.unit.empty()) facts += " Unit: " + f.unit + ".";
    facts += f.readers.empty() ? " Read by no rule of this pack."
                               : " Read by " + Join(f.readers, ", ") + ".";
    Comment(out, indent + "# ", facts);
    out << indent << key << ": null\n";
    ++t.facts;
  }
}

std::string CsvHeader(const RegisterSpec& spec) {
  std::string header;
  for (const ColumnSpec& c : spec.columns) {
    std::string name = c.name;
    if (name.find_first_of(",\"\r\n") != std::string::npos) {
      std::string q = "\"";
      for (char ch : name) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      name = q + "\"";
    }
    header += (header.empty() ? "" : ",") + name;
  }
  return header;
}

void WriteRegisters(std::ostream& out, const RulePack& pack) {
  if (pack.registers.empty()) return;
  out << "\n";
  Comment(out, "# ",
          "Registers: record-level evidence, one CSV file per register, named under `registers:` "
          "by the register's id with a path relative to this file's folder (it may not leave "
          "the folder). A register left out leaves the rules that read it not assessed. To "
          "supply registers, delete the first '#' of the `#registers:` line and of every line "
          "of each register you supply. The first line of each CSV file must be the header "
          "shown, naming every column once; an empty cell means unknown, and is an error in a "
          "required column. Dates are YYYY-MM-DD; true/false may also be yes/no, y/n or 1/0.");
  out << "#registers:\n";
  for (const RegisterSpec& spec : pack.registers) {
    out << "#\n";
    Comment(out, "#  # ", spec.id + ": " + spec.title + ". One record per " + spec.key + ".");
    out << "#  # Columns:\n";
    for (const ColumnSpec& c : spec.columns) {
      std::string line =
          c.name + " (" + ColumnTypeName(c.type) + (c.required ? ", required" : "") + ")";
      if (!c.description.empty()) line += ": " + c.description;
      Comment(out, "#  #   ", line, 4);
    }
    out << "#  # CSV header:\n";
    Comment(out, "#  #   ", CsvHeader(spec));
    out << "#  " << spec.id << ": registers/" << spec.id << ".csv\n";
  }
}

void WriteNotes(std::ostream& out) {
  out << "\n";
  Comment(out, "# ",
          "Free notes: any facts, comments or working the force keeps beside its evidence that no "
          "rule reads, as a mapping of names to values, lists or sections. forcecheck never reads "
          "them. Everywhere else in this file a key the pack does not describe is an error, so "
          "facts the pack does not ask for belong here.");
  out << "notes: {}\n";
}

void WriteHeader(std::ostream& out, const RulePack& pack, const TemplateOptions& options,
                 bool from_schema) {
  Comment(out, "# ",
          "Evidence template for the rule pack " + pack.id + " " + pack.version + " (" +
              pack.title + "), written by `forcecheck init`.");
  out << "#\n";
  Comment(out, "# ",
          "Every fact under `evidence:` starts as null, which means not yet known. A rule that "
          "needs a null fact is reported as not assessed, never as a pass, so this file is valid "
          "evidence as it stands and only what you fill in can be scored. Replace null with the "
          "value: true or false, a number, a date written YYYY-MM-DD without quotes, text (a "
          "quoted date is text), or for a judgement one of the values its comment lists. To record "
          "where a value comes from, write the fact as a "
          "mapping instead:");
  out << "#   in_place:\n"
      << "#     value: true\n"
      << "#     source: \"<source id>, <section or page>: '<short quotation>'\"\n"
      << "#     note: anything a reader needs to know (optional)\n";
  Comment(
      out, "# ",
      std::string("Leave null whatever the force cannot yet show. The facts are in "
                  "alphabetical order at every level, ") +
          (from_schema ? "as the pack's evidence schema describes them; each says what it means, "
                         "its type and unit, and which rules read it."
                       : "as the pack's rules read them (the pack names no evidence schema, so "
                         "there are no descriptions)."));
  out << "\n# The force the evidence describes.\n"
      << "force: " << Quoted(options.force.empty() ? "Name of the force" : options.force) << "\n"
      << "# The date the evidence describes (YYYY-MM-DD, unquoted); rules that ask how recent\n"
      << "# something is measure from it.\n"
      << "as_of: " << options.as_of.ToString() << "\n"
      << "# Optional: free text about what the evidence covers and how it was gathered.\n"
      << "# description: ...\n"
      << "# Documents the values come from; a fact's source text starts with one of these ids:\n"
      << "#   - id: inspection-2016\n"
      << "#     title: \"Title of the document\"\n"
      << "#     url: https://example.org/report   (optional)\n"
      << "sources: []\n";
}

}  // namespace

std::optional<EvidenceTemplate> RenderEvidenceTemplate(const RulePack& pack,
                                                       const TemplateOptions& options,
                                                       Diagnostics& diags) {
  const auto readers = ReadersByPath(pack);
  Field root;
  bool with_notes = true;  // the loader always accepts `notes`; a schema may not
  if (pack.evidence_schema.empty()) {
    FromPaths(readers, root);
  } else {
    std::optional<std::string> text = ReadTextFile(pack.evidence_schema, diags);
    if (!text) return std::nullopt;
    Json schema = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
    const Json* evidence = nullptr;
    if (!schema.is_discarded() && schema.is_object() && schema.contains("properties") &&
        schema["properties"].is_object() && schema["properties"].contains("evidence")) {
      evidence = &schema["properties"]["evidence"];
    }
    if (!evidence || !evidence->is_object() || !evidence->contains("properties") ||
        !(*evidence)["properties"].is_object()) {
      diags.Error(
          {pack.evidence_schema},
          "the evidence schema has no 'evidence' property whose 'properties' describe the facts");
      return std::nullopt;
    }
    if (!FromSchema(schema, *evidence, "", root, pack.evidence_schema, diags)) return std::nullopt;
    with_notes = schema["properties"].contains("notes");
  }
  AttachReaders(root, "", readers);

  EvidenceTemplate t;
  std::ostringstream out;
  WriteHeader(out, pack, options, !pack.evidence_schema.empty());
  WriteRegisters(out, pack);
  out << "\n# The facts, in sections. Each is null (not yet known) until you fill it in.\n";
  out << "evidence:" << (root.children.empty() ? " {}" : "") << "\n";
  WriteFields(out, root, 1, t);
  if (with_notes) WriteNotes(out);
  t.sections = static_cast<int>(root.children.size());
  t.text = out.str();
  return t;
}

}  // namespace forcecheck
