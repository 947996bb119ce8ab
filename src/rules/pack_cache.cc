#include "rules/pack_cache.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "io/text_file.h"
#include "rules/evidence_schema.h"
#include "rules/rule_pack_loader.h"
#include "version.h"

namespace forcecheck {

using nlohmann::json;

// ---- the pack as JSON (encoded as CBOR) ----------------------------------------------------
// Every field of every struct is written and read back; `at` throws on a missing one, so an
// entry from a build with other fields is a miss, not a pack with holes. PackCacheTest checks
// that a pack read back equals the one written (the structs' operator== compares every field).

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceLocation, file, line, column)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Citation, document, section, year, url)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GradeBand, grade, min)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Scale, id, title, source, bands, cause_of_concern_cap)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Grading, scale, partial_credit, not_assessed, min_coverage, min_rules, area,
                                   question, overall, aggregation_source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Question, id, title)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Area, id, title)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ColumnSpec, name, type, required, description)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RegisterSpec, id, title, key, columns, where, may_be_empty)

// An expression's text and its map back to the file; the tree is compiled again on reading.
// Positions run on along a line for most bytes, so only the bytes where they jump are kept:
// [offset, line, column, ...].
void to_json(json& j, const CompiledExpr& c) {
  json jumps = json::array();
  for (size_t i = 0; i < c.positions.size(); ++i) {
    const auto& p = c.positions[i];
    if (i > 0 && p.first == c.positions[i - 1].first && p.second == c.positions[i - 1].second + 1) continue;
    jumps.push_back(i);
    jumps.push_back(p.first);
    jumps.push_back(p.second);
  }
  j = json{{"text", c.text}, {"file", c.file}, {"size", c.positions.size()}, {"jumps", std::move(jumps)}};
}

void from_json(const json& j, CompiledExpr& c) {
  j.at("text").get_to(c.text);
  j.at("file").get_to(c.file);
  const auto size = j.at("size").get<size_t>();
  const json& jumps = j.at("jumps");
  if (jumps.size() % 3 != 0 || size > c.text.size() + 1 || (size > 0 && jumps.empty())) {
    throw std::runtime_error("bad positions");
  }
  c.positions.clear();
  c.positions.reserve(size);
  for (size_t k = 0; k < jumps.size(); k += 3) {
    const auto at = jumps[k].get<size_t>();
    if (at != c.positions.size() || at >= size) throw std::runtime_error("bad positions");
    c.positions.emplace_back(jumps[k + 1].get<uint32_t>(), jumps[k + 2].get<uint32_t>());
    const size_t next = k + 3 < jumps.size() ? jumps[k + 3].get<size_t>() : size;
    if (next > size) throw std::runtime_error("bad positions");
    while (c.positions.size() < next) {
      c.positions.emplace_back(c.positions.back().first, c.positions.back().second + 1);
    }
  }
}

void to_json(json& j, const std::optional<CompiledExpr>& c) {
  if (c) j = *c;
  else j = nullptr;
}

void from_json(const json& j, std::optional<CompiledExpr>& c) {
  if (j.is_null()) c.reset();
  else c = j.get<CompiledExpr>();
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Rule, id, title, area, severity, weight, cause_of_concern, source,
                                   rationale, check, partial, records, supersedes,
                                   supersedes_where, gap, remediation, where, area_where)

// A parameter's default is one of five types (Parameter::type says which).
void to_json(json& j, const Parameter& p) {
  const expr::Value& v = p.default_value;
  json value;
  switch (v.kind()) {
    case expr::Value::Kind::kBool: value = v.boolean(); break;
    case expr::Value::Kind::kNumber: value = v.number(); break;
    case expr::Value::Kind::kText: value = v.text(); break;
    case expr::Value::Kind::kDate: value = v.date().days; break;
    case expr::Value::Kind::kDuration: value = {v.number(), std::string(1, v.unit())}; break;
    default: throw std::runtime_error("a parameter default of an unexpected kind");
  }
  j = json{{"id", p.id},           {"type", p.type},     {"default", std::move(value)},
           {"unit", p.unit},       {"description", p.description},
           {"local_choice", p.local_choice}, {"source", p.source}, {"where", p.where}};
}

void from_json(const json& j, Parameter& p) {
  j.at("id").get_to(p.id);
  j.at("type").get_to(p.type);
  const json& value = j.at("default");
  switch (p.type) {
    case expr::Type::kBool: p.default_value = expr::Value::Bool(value.get<bool>()); break;
    case expr::Type::kNumber: p.default_value = expr::Value::Number(value.get<double>()); break;
    case expr::Type::kText: p.default_value = expr::Value::Text(value.get<std::string>()); break;
    case expr::Type::kDate: p.default_value = expr::Value::DateValue(Date{value.get<int32_t>()}); break;
    case expr::Type::kDuration: {
      const auto unit = value.at(1).get<std::string>();
      if (unit.size() != 1) throw std::runtime_error("bad duration unit");
      p.default_value = expr::Value::Duration(static_cast<int>(value.at(0).get<double>()), unit[0]);
      break;
    }
    default: throw std::runtime_error("a parameter of an unexpected type");
  }
  j.at("unit").get_to(p.unit);
  j.at("description").get_to(p.description);
  j.at("local_choice").get_to(p.local_choice);
  j.at("source").get_to(p.source);
  j.at("where").get_to(p.where);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RulePack, id, title, version, description, evidence_schema,
                                   grading, scales, questions, areas, rules, registers, parameters)

namespace {

// What the loader guarantees and later stages rely on, checked again on a pack read from an
// entry, so that even an entry crafted to pass its checksum cannot take the program out of
// bounds: enumerations in range, grade bands as GradeFor needs them, one position a byte.
void CheckDecoded(const RulePack& pack) {
  auto fail = [] { throw std::runtime_error("a pack the loader would not have produced"); };
  auto in_range = [&](auto e, int last) {
    if (static_cast<int>(e) < 0 || static_cast<int>(e) > last) fail();
  };
  in_range(pack.grading.not_assessed, static_cast<int>(NotAssessedPolicy::kFail));
  for (GradeLevel level : {GradeLevel::kArea, GradeLevel::kQuestion, GradeLevel::kOverall}) {
    in_range(pack.grading.At(level), static_cast<int>(Aggregation::kWorst));
    if (!Allowed(pack.grading.At(level), level)) fail();
  }
  if (pack.grading.min_rules < 1) fail();
  for (const Scale& s : pack.scales) {
    if (s.bands.empty() || s.bands.back().min != 0) fail();
    for (size_t i = 1; i < s.bands.size(); ++i) {
      if (!(s.bands[i].min < s.bands[i - 1].min)) fail();
    }
  }
  for (const RegisterSpec& r : pack.registers) {
    for (const ColumnSpec& c : r.columns) in_range(c.type, static_cast<int>(ColumnType::kBool));
  }
  auto positions = [&](const CompiledExpr& c) {
    if (!c.positions.empty() && c.positions.size() != c.text.size() + 1) fail();
  };
  for (const Rule& r : pack.rules) {
    in_range(r.severity, static_cast<int>(Severity::kCritical));
    in_range(r.cause_of_concern, static_cast<int>(CauseOfConcern::kForce));
    positions(r.check);
    if (r.partial) positions(*r.partial);
    if (r.records) positions(*r.records);
  }
}

}  // namespace

namespace {

namespace fs = std::filesystem;

// Bumped whenever the meaning of a field changes without its name changing, or the layout of
// the entry changes.
// 4: grading's min_rules and aggregation; a rule's cause_of_concern is a scope, no longer a bool.
constexpr int kFormat = 5;
// The rules are kept in this many parts, each a CBOR document of its own, decoded in parallel
// (decoding, which builds every value of the document, is most of reading an entry).
constexpr size_t kRuleParts = 2;
constexpr std::string_view kMagic = "forcecheck pack cache\n";
constexpr size_t kMaxEntryBytes = size_t{64} << 20;

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// The texts of `files` as the loader read them, or nullopt when any cannot be read.
std::optional<std::vector<std::string>> ReadTexts(const std::vector<std::string>& files) {
  std::vector<std::string> texts;
  Diagnostics scratch;
  for (const std::string& f : files) {
    std::optional<std::string> text = ReadTextFile(f, scratch);
    if (!text) return std::nullopt;
    texts.push_back(std::move(*text));
  }
  return texts;
}

// The entry's pack, when the entry is sound and the pack's files are as it recorded them.
std::optional<RulePack> ReadEntry(const std::string& path, const std::string& entry_file,
                                  Diagnostics& diags) {
  Diagnostics scratch;
  const std::vector<std::string> files = RulePackFiles(path, scratch);
  std::error_code ec;
  const uintmax_t size = fs::file_size(entry_file, ec);
  if (ec || size > kMaxEntryBytes || scratch.HasErrors()) return std::nullopt;
  std::ifstream in(entry_file, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return std::nullopt;
  // Magic line, the checksum of the rest (16 hex digits and a newline), the evidence schema's
  // path on a line of its own, then the CBOR body.
  const size_t sum_at = kMagic.size(), rest_at = sum_at + 17;
  if (bytes.size() < rest_at || bytes.compare(0, kMagic.size(), kMagic) != 0) return std::nullopt;
  const std::string_view rest = std::string_view(bytes).substr(rest_at);
  if (bytes.compare(sum_at, 17, Hex(Fnv1a(rest)) + "\n") != 0) return std::nullopt;
  const size_t eol = rest.find('\n');
  if (eol == std::string_view::npos) return std::nullopt;
  const std::string schema(rest.substr(0, eol));
  const std::string_view body = rest.substr(eol + 1);

  // The schema's paths are read while the entry is decoded.
  Diagnostics schema_diags;
  std::future<std::optional<std::map<std::string, expr::Type>>> schema_paths;
  if (!schema.empty()) {
    schema_paths = std::async(std::launch::async,
                              [&] { return LoadEvidenceSchemaPaths(schema, schema_diags); });
  }
  std::optional<std::vector<std::string>> texts = ReadTexts(files);
  if (!texts) return std::nullopt;
  RulePack pack;
  try {
    const json entry = json::from_cbor(body);
    if (entry.at("format").get<int>() != kFormat || entry.at("tool").get<std::string>() != kVersion) {
      return std::nullopt;
    }
    const json& recorded = entry.at("files");
    if (recorded.size() != files.size()) return std::nullopt;
    for (size_t i = 0; i < files.size(); ++i) {
      if (recorded[i].at(0).get<std::string>() != files[i] ||
          recorded[i].at(1).get<std::string>() != (*texts)[i]) {
        return std::nullopt;
      }
    }
    const json& parts = entry.at("rules");
    if (!parts.is_array() || parts.size() != kRuleParts) return std::nullopt;
    auto decode = [&](size_t k) {
      return json::from_cbor(parts.at(k).get_binary()).get<std::vector<Rule>>();
    };
    std::future<std::vector<Rule>> later = std::async(std::launch::async, decode, kRuleParts - 1);
    entry.at("pack").get_to(pack);
    for (size_t k = 0; k + 1 < kRuleParts; ++k) {
      for (Rule& r : decode(k)) pack.rules.push_back(std::move(r));
    }
    for (Rule& r : later.get()) pack.rules.push_back(std::move(r));
    CheckDecoded(pack);
  } catch (const std::exception& e) {  // nlohmann's parse, type and out-of-range errors, ours
    spdlog::debug("pack cache {}: unreadable ({})", entry_file, e.what());
    return std::nullopt;
  }
  if (pack.evidence_schema != schema) return std::nullopt;
  std::optional<std::map<std::string, expr::Type>> paths;
  if (!schema.empty()) {
    paths = schema_paths.get();
    if (!paths || !schema_diags.all().empty()) return std::nullopt;
  }
  CompileRules(pack, paths ? &*paths : nullptr, scratch);
  if (!scratch.all().empty()) return std::nullopt;  // the loader will say it, in its order
  for (size_t i = 0; i < files.size(); ++i) diags.AddSource(files[i], std::move((*texts)[i]));
  return pack;
}

// Writes the entry beside its final name and renames it into place, so that a reader sees the
// old entry or the new one, never half of one.
void WriteEntry(const std::vector<std::string>& files, const Diagnostics& diags, const RulePack& pack,
                const std::string& entry_file) {
  json recorded = json::array();
  for (const std::string& f : files) {
    const std::string* text = diags.SourceText(f);
    if (!text) return;  // not a file the loader read
    recorded.push_back({f, *text});
  }
  if (pack.evidence_schema.find('\n') != std::string::npos) return;  // not on one line
  std::vector<uint8_t> cbor;
  try {
    json without_rules = pack;
    json rules = std::move(without_rules.at("rules"));
    without_rules["rules"] = json::array();
    json parts = json::array();
    const size_t per_part = (rules.size() + kRuleParts - 1) / kRuleParts;
    for (size_t k = 0; k < kRuleParts; ++k) {
      json part = json::array();
      for (size_t i = k * per_part; i < std::min(rules.size(), (k + 1) * per_part); ++i) part.push_back(std::move(rules[i]));
      parts.push_back(json::binary(json::to_cbor(part)));
    }
    cbor = json::to_cbor(json{{"format", kFormat}, {"tool", kVersion}, {"files", std::move(recorded)},
                              {"pack", std::move(without_rules)}, {"rules", std::move(parts)}});
  } catch (const std::exception& e) {
    spdlog::debug("pack cache {}: not written ({})", entry_file, e.what());
    return;
  }
  const std::string_view body(reinterpret_cast<const char*>(cbor.data()), cbor.size());
  std::error_code ec;
  fs::create_directories(fs::path(entry_file).parent_path(), ec);
  static std::atomic<unsigned> written{0};  // two threads of one process never share a name
  const std::string tmp = entry_file + "." + std::to_string(::getpid()) + "-" + std::to_string(written++) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    const std::string rest = pack.evidence_schema + "\n" + std::string(body);
    out << kMagic << Hex(Fnv1a(rest)) << "\n" << rest;
    if (!out.flush()) {
      out.close();
      fs::remove(tmp, ec);
      spdlog::debug("pack cache {}: not written", entry_file);
      return;
    }
  }
  fs::rename(tmp, entry_file, ec);
  if (ec) {
    fs::remove(tmp, ec);
    spdlog::debug("pack cache {}: not written ({})", entry_file, ec.message());
  }
}

}  // namespace

std::string DefaultPackCacheDir() {
  if (const char* dir = std::getenv("FORCECHECK_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return (fs::path(xdg) / "forcecheck").generic_string();
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return (fs::path(home) / ".cache" / "forcecheck").generic_string();
  }
  return {};
}

std::string PackCacheFile(const std::string& path, const std::string& cache_dir) {
  // One entry per pack, overwritten when the pack changes, so the cache stays small. A pack is
  // its folder and the path as the user spells it ("rules" and "/work/rules" are two entries,
  // though one folder), since that spelling is in every location the pack holds.
  std::string spelled = path;
  while (spelled.size() > 1 && spelled.back() == '/') spelled.pop_back();
  std::error_code ec;
  const fs::path where = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const std::string key = where.generic_string() + '\0' + spelled;
  return (fs::path(cache_dir) / ("pack-" + Hex(Fnv1a(key)) + ".cbor")).generic_string();
}

std::optional<RulePack> LoadRulePackCached(const std::string& path, const std::string& cache_dir,
                                           Diagnostics& diags, bool* from_cache) {
  if (from_cache) *from_cache = false;
  if (cache_dir.empty()) return LoadRulePack(path, diags);
  const std::string entry = PackCacheFile(path, cache_dir);
  if (std::optional<RulePack> cached = ReadEntry(path, entry, diags)) {
    spdlog::debug("rule pack {} read from the cache ({})", path, entry);
    if (from_cache) *from_cache = true;
    return cached;
  }
  Diagnostics scratch;
  const std::vector<std::string> files = RulePackFiles(path, scratch);
  const size_t reported = diags.all().size();
  std::optional<RulePack> pack = LoadRulePack(path, diags);
  // Only a pack with nothing to say is kept, and only when its files did not change while it
  // was being read (the texts kept are those the loader read).
  if (pack && diags.all().size() == reported && !scratch.HasErrors() &&
      RulePackFiles(path, scratch) == files) {
    WriteEntry(files, diags, *pack, entry);
  }
  return pack;
}

}  // namespace forcecheck
