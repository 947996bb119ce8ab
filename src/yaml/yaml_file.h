#pragma once

// Shared by the loaders: reading a YAML file into yaml-cpp nodes, converting yaml-cpp's marks
// to user-visible locations, and reading mappings strictly (duplicate and unknown keys are
// errors). yaml-cpp types never leave the loaders: nothing outside src/rules, src/evidence and
// this folder includes this header.

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/date.h"
#include "diag/diagnostic.h"

namespace forcecheck {

struct YamlDocument {
  std::string path;
  std::string text;
  YAML::Node root;
};

// Reads and parses `path`. A syntax error, or a YAML limit of base/limits.h passed (the file's
// size, then its nodes, depth, aliases and values: yaml/yaml_limits.h, before any tree is
// built), is reported at its place and yields nullopt. The file's text is registered with
// `diags` for quoting.
std::optional<YamlDocument> ParseYamlFile(const std::string& path, Diagnostics& diags);

// Reports a yaml-cpp exception as "invalid YAML: ..." at its place in `path`.
void ReportYamlError(const std::string& path, const YAML::Exception& e, Diagnostics& diags);

// The one conversion from yaml-cpp's 0-based Mark to a 1-based SourceLocation.
SourceLocation LocationOf(const std::string& file, const YAML::Mark& mark);
SourceLocation LocationOf(const std::string& file, const YAML::Node& node);

// What a scalar holds, read by the YAML 1.2 core schema rules. Quoted scalars are always text.
struct Scalar {
  enum class Kind { kNull, kBool, kNumber, kDate, kText };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  Date date;
  std::string text;  // the scalar as written (for every kind)
};
Scalar ReadScalar(const YAML::Node& node);         // REQUIRES: node is a scalar or null
const char* DescribeNode(const YAML::Node& node);  // "a mapping", "a list", "text", ...

// Reads one mapping strictly. Construction reports a node that is not a mapping, a key that is
// not a scalar, and a duplicated key; Finish() reports keys outside the allowed list.
class MappingReader {
 public:
  MappingReader(const std::string& file, const YAML::Node& node, Diagnostics& diags,
                std::string what);

  bool ok() const { return ok_; }

  // The value under `key`, or an undefined node if absent.
  YAML::Node Get(const std::string& key);
  // As Get, but reports "missing required key" when absent.
  YAML::Node Require(const std::string& key);

  std::optional<std::string> Text(const std::string& key, bool required);
  std::optional<double> Number(const std::string& key, bool required);
  std::optional<bool> Bool(const std::string& key, bool required);

  // Keys in document order (duplicates reported once, first kept).
  const std::vector<std::pair<std::string, YAML::Node>>& entries() const { return entries_; }
  const std::vector<YAML::Node>& key_nodes() const { return key_nodes_; }

  // Reports every key not in `allowed`, at the key: "unknown key 'x' in <what>; did you mean
  // 'y'?" when an allowed key is close (base/spelling.h), else naming the allowed keys.
  void Finish(const std::vector<std::string>& allowed);

 private:
  std::optional<std::pair<YAML::Node, YAML::Node>> Find(const std::string& key) const;
  SourceLocation Where(const YAML::Node& n) const { return LocationOf(file_, n); }

  std::string file_;
  YAML::Node node_;
  Diagnostics& diags_;
  std::string what_;
  bool ok_ = false;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
  std::vector<YAML::Node> key_nodes_;
};

}  // namespace forcecheck

namespace forcecheck {

// Where each byte of a scalar's value stands in its file, as 1-based (line, column) pairs, one
// per byte plus one for the end. Plain, quoted, literal (|) and folded (>) scalars are matched
// character by character against the file text, so an error inside an expression is reported
// at its own line and column in the YAML file, not at an offset in a string.
struct LineColumn {
  uint32_t line = 0;
  uint32_t column = 0;
};
std::vector<LineColumn> ScalarPositions(const YamlDocument& doc, const YAML::Node& node);

}  // namespace forcecheck
