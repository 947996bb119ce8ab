#include "yaml/yaml_file.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "base/limits.h"
#include "base/spelling.h"
#include "io/text_file.h"
#include "yaml/yaml_limits.h"

namespace forcecheck {

SourceLocation LocationOf(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {file};
  return {file, static_cast<uint32_t>(mark.line) + 1, static_cast<uint32_t>(mark.column) + 1};
}

SourceLocation LocationOf(const std::string& file, const YAML::Node& node) {
  return LocationOf(file, node.Mark());
}

void ReportYamlError(const std::string& path, const YAML::Exception& e, Diagnostics& diags) {
  // yaml-cpp's messages are upper-case sentences; keep their words, in our form.
  std::string msg = e.msg;
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  diags.Error(LocationOf(path, e.mark), "invalid YAML: " + msg);
}

std::optional<YamlDocument> ParseYamlFile(const std::string& path, Diagnostics& diags) {
  std::optional<std::string> text = ReadTextFile(path, diags, limits::kYamlFileBytes);
  if (!text) return std::nullopt;
  diags.AddSource(path, *text);
  // The limits first, on the parser's events, where the tree could cost far more than the text.
  const bool counted = NeedsYamlLimitPass(*text);
  if (counted && !CheckYamlLimits(path, *text, diags)) return std::nullopt;
  YamlDocument doc{path, std::move(*text), {}};
  try {
    doc.root = YAML::Load(doc.text);
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own depth guard (2,000 levels) may have spoken: the event pass names ours.
    if (!counted && !CheckYamlLimits(path, doc.text, diags)) return std::nullopt;
    ReportYamlError(path, e, diags);
    return std::nullopt;
  }
  if (!counted && !CheckYamlDepth(path, doc.root, diags)) return std::nullopt;
  return doc;
}

namespace {

bool ParseNumber(const std::string& s, double& out) {
  // YAML 1.2 core schema decimal numbers; no hex, octal, infinities or NaN.
  if (s.empty()) return false;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
      continue;
    }
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if ((c == 'e' || c == 'E') && digits) break;
    return false;
  }
  if (!digits) return false;
  if (i < s.size()) {  // exponent
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
    if (j == s.size()) return false;
    for (size_t k = j; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
    }
  }
  const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Scalar ReadScalar(const YAML::Node& node) {
  Scalar s;
  if (node.IsNull()) return s;
  s.text = node.Scalar();
  if (node.Tag() != "?") {  // quoted or explicitly tagged: text as written
    s.kind = Scalar::Kind::kText;
    return s;
  }
  const std::string& t = s.text;
  if (t == "~" || t == "null" || t == "Null" || t == "NULL") return s;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    s.kind = Scalar::Kind::kBool;
    s.boolean = t[0] == 't' || t[0] == 'T';
    return s;
  }
  if (std::optional<Date> d = ParseDate(t)) {
    s.kind = Scalar::Kind::kDate;
    s.date = *d;
    return s;
  }
  if (ParseNumber(t, s.number)) {
    s.kind = Scalar::Kind::kNumber;
    return s;
  }
  s.kind = Scalar::Kind::kText;
  return s;
}

const char* DescribeNode(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return "nothing";
    case YAML::NodeType::Scalar: break;
  }
  switch (ReadScalar(node).kind) {
    case Scalar::Kind::kNull: return "null";
    case Scalar::Kind::kBool: return "a boolean";
    case Scalar::Kind::kNumber: return "a number";
    case Scalar::Kind::kDate: return "a date";
    case Scalar::Kind::kText: return "text";
  }
  return "text";
}

MappingReader::MappingReader(const std::string& file, const YAML::Node& node, Diagnostics& diags,
                             std::string what)
    : file_(file), node_(node), diags_(diags), what_(std::move(what)) {
  if (!node.IsMap()) {
    diags_.Error(Where(node), what_ + " must be a mapping, not " + DescribeNode(node));
    return;
  }
  ok_ = true;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      diags_.Error(Where(it->first),
                   "a key in " + what_ + " must be a name, not " + DescribeNode(it->first));
      continue;
    }
    std::string key = it->first.Scalar();
    if (!seen.insert(key).second) {
      diags_.Error(Where(it->first), "duplicate key '" + key + "' in " + what_);
      continue;
    }
    entries_.emplace_back(key, it->second);
    key_nodes_.push_back(it->first);
  }
}

std::optional<std::pair<YAML::Node, YAML::Node>> MappingReader::Find(const std::string& key) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].first == key) return std::make_pair(key_nodes_[i], entries_[i].second);
  }
  return std::nullopt;
}

YAML::Node MappingReader::Get(const std::string& key) {
  auto found = Find(key);
  return found ? found->second : YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MappingReader::Require(const std::string& key) {
  YAML::Node n = Get(key);
  if (!n.IsDefined() && ok_) {
    diags_.Error(Where(node_), what_ + " is missing required key '" + key + "'");
  }
  return n;
}

std::optional<std::string> MappingReader::Text(const std::string& key, bool required) {
  YAML::Node n = required ? Require(key) : Get(key);
  if (!n.IsDefined()) return std::nullopt;
  if (!n.IsScalar()) {
    diags_.Error(Where(n), "'" + key + "' must be text, not " + DescribeNode(n));
    return std::nullopt;
  }
  // Block scalars (| and >) end with a line break that is layout, not content.
  std::string s = n.Scalar();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::optional<double> MappingReader::Number(const std::string& key, bool required) {
  YAML::Node n = required ? Require(key) : Get(key);
  if (!n.IsDefined()) return std::nullopt;
  Scalar s = n.IsScalar() ? ReadScalar(n) : Scalar{};
  if (!n.IsScalar() || s.kind != Scalar::Kind::kNumber) {
    diags_.Error(Where(n), "'" + key + "' must be a number, not " + DescribeNode(n));
    return std::nullopt;
  }
  return s.number;
}

std::optional<bool> MappingReader::Bool(const std::string& key, bool required) {
  YAML::Node n = required ? Require(key) : Get(key);
  if (!n.IsDefined()) return std::nullopt;
  Scalar s = n.IsScalar() ? ReadScalar(n) : Scalar{};
  if (!n.IsScalar() || s.kind != Scalar::Kind::kBool) {
    diags_.Error(Where(n), "'" + key + "' must be true or false, not " + DescribeNode(n));
    return std::nullopt;
  }
  return s.boolean;
}

void MappingReader::Finish(const std::vector<std::string>& allowed) {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const std::string& key = entries_[i].first;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    diags_.Error(Where(key_nodes_[i]),
                 "unknown key '" + key + "' in " + what_ + SuggestName(key, allowed));
  }
}

}  // namespace forcecheck

namespace forcecheck {

namespace {

// For a double-quoted scalar: the escape starting at text[pos] ('\\'): how many bytes of the
// file it takes and how many bytes of the value it produces (0 for a line continuation).
std::pair<size_t, size_t> EscapeSize(const std::string& text, size_t pos) {
  if (pos + 1 >= text.size()) return {1, 0};
  const char e = text[pos + 1];
  auto hex = [&](size_t digits) -> std::pair<size_t, size_t> {
    unsigned long cp = 0;
    for (size_t k = 0; k < digits && pos + 2 + k < text.size(); ++k) {
      const char h = text[pos + 2 + k];
      cp = cp * 16 + static_cast<unsigned long>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    const size_t bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    return {2 + digits, bytes};
  };
  switch (e) {
    case 'x': return hex(2);
    case 'u': return hex(4);
    case 'U': return hex(8);
    case 'N':
    case '_': return {2, 2};
    case 'L':
    case 'P': return {2, 3};
    case '\n': return {2, 0};
    case '\r': return {pos + 2 < text.size() && text[pos + 2] == '\n' ? 3 : 2, 0};
    default: return {2, 1};
  }
}

}  // namespace

std::vector<LineColumn> ScalarPositions(const YamlDocument& doc, const YAML::Node& node) {
  const std::string& text = doc.text;
  const std::string& value = node.Scalar();
  const YAML::Mark mark = node.Mark();
  size_t pos = mark.pos >= 0 ? static_cast<size_t>(mark.pos) : text.size();
  uint32_t line = mark.line >= 0 ? static_cast<uint32_t>(mark.line) + 1 : 0;
  uint32_t column = mark.column >= 0 ? static_cast<uint32_t>(mark.column) + 1 : 0;
  auto advance = [&] {
    if (pos >= text.size()) return;
    if (text[pos] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++pos;
  };
  bool double_quoted = false;
  if (pos < text.size() && (text[pos] == '|' || text[pos] == '>')) {
    while (pos < text.size() && text[pos] != '\n') advance();  // the block indicator line
  } else if (pos < text.size() && (text[pos] == '\'' || text[pos] == '"')) {
    double_quoted = text[pos] == '"';
    advance();
  }
  // Characters of the file that may stand between two characters of the value: line breaks,
  // indentation and quote doubling, which the YAML parser folds.
  auto skippable = [](char c) {
    return c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\'';
  };
  constexpr size_t kWindow = 256;
  std::vector<LineColumn> out;
  out.reserve(value.size() + 1);
  for (size_t i = 0; i < value.size();) {
    if (double_quoted && pos < text.size() && text[pos] == '\\') {
      // An escape: every byte it produces is reported at its backslash.
      const auto [source_bytes, produced] = EscapeSize(text, pos);
      for (size_t k = 0; k < produced && i < value.size(); ++k, ++i) out.push_back({line, column});
      for (size_t k = 0; k < source_bytes; ++k) advance();
      if (produced == 0) {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) advance();
      }
      continue;
    }
    const char c = value[i];
    size_t p = pos;
    uint32_t l = line, col = column;
    bool found = false;
    for (size_t k = 0; k < kWindow && pos < text.size(); ++k) {
      if (text[pos] == c) {
        found = true;
        break;
      }
      if (!skippable(text[pos]) || (double_quoted && text[pos] == '\\')) break;
      advance();
    }
    if (!found) {  // fall back: stay where the last character matched
      pos = p;
      line = l;
      column = col;
      out.push_back({line, column});
      ++i;
      continue;
    }
    out.push_back({line, column});
    advance();
    ++i;
  }
  out.push_back({line, column});
  return out;
}

}  // namespace forcecheck
