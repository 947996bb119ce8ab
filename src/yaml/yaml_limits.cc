#include "yaml/yaml_limits.h"

#include <algorithm>
#include <istream>
#include <streambuf>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "base/limits.h"
#include "yaml/yaml_file.h"

namespace forcecheck {
namespace {

// An input stream over text it does not copy.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read only: get area, no put area
    setg(begin, begin, begin + text.size());
  }
};

// The first limit passed, thrown out of the parser: it has no other way to stop.
struct LimitPassed {
  YAML::Mark mark;
  std::string message;
};

// What an anchored node stands for wherever an alias repeats it.
struct Anchored {
  std::string name;
  size_t nodes = 0;
  size_t bytes = 0;   // its scalars' bytes, its own aliases expanded
  int height = 0;     // lists and mappings nested in it, itself included
  bool open = false;  // still being parsed: an alias to it is inside it
};

std::string DepthMessage() {
  return "lists and mappings nested more than " + std::to_string(limits::kYamlDepth) +
         " deep (the limit is " + std::to_string(limits::kYamlDepth) + " levels of YAML depth)";
}

// The first list or mapping in document order nested past the limit (`level` is `node`'s, were
// it one), or an undefined node.
YAML::Node FirstTooDeep(const YAML::Node& node, int level) {
  if (!node.IsSequence() && !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  if (level > limits::kYamlDepth) return node;
  for (auto it = node.begin(); it != node.end(); ++it) {
    for (const YAML::Node& child : node.IsMap() ? std::vector<YAML::Node>{it->first, it->second}
                                                : std::vector<YAML::Node>{*it}) {
      YAML::Node deep = FirstTooDeep(child, level + 1);
      if (deep.IsDefined()) return deep;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

class LimitCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { Leaf(mark, anchor, 0); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > limits::kYamlScalarBytes) {
      Fail(mark, "a value of " + std::to_string(value.size()) + " bytes (the limit is " +
                     std::to_string(limits::kYamlScalarBytes) + " bytes for one YAML scalar)");
    }
    Leaf(mark, anchor, value.size());
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    YAML::anchor_t anchor;
    size_t nodes_before;  // nodes_ before this list or mapping was counted
    size_t bytes_before;
    int deepest;  // the deepest level reached inside it
  };

  int depth() const { return static_cast<int>(frames_.size()); }
  Anchored& Define(YAML::anchor_t anchor);
  void Leaf(const YAML::Mark& mark, YAML::anchor_t anchor, size_t bytes);
  void Open(const YAML::Mark& mark, YAML::anchor_t anchor);
  void Close();
  void Add(const YAML::Mark& mark, size_t nodes, size_t bytes, int reach);
  [[noreturn]] static void Fail(const YAML::Mark& mark, std::string message) {
    throw LimitPassed{mark, std::move(message)};
  }

  size_t nodes_ = 0;
  size_t bytes_ = 0;
  size_t aliases_ = 0;
  std::vector<Frame> frames_;      // the lists and mappings open, outermost first
  std::vector<Anchored> anchors_;  // by yaml-cpp's anchor id (1, 2, ... in document order)
  std::string anchor_name_;        // the name OnAnchor gave the next node's anchor
};

Anchored& LimitCounter::Define(YAML::anchor_t anchor) {
  if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
  anchors_[anchor] = Anchored{std::move(anchor_name_)};
  anchor_name_.clear();
  return anchors_[anchor];
}

void LimitCounter::Leaf(const YAML::Mark& mark, YAML::anchor_t anchor, size_t bytes) {
  Add(mark, 1, bytes, depth());
  if (anchor) {
    Anchored& a = Define(anchor);
    a.nodes = 1;
    a.bytes = bytes;
  }
}

void LimitCounter::Open(const YAML::Mark& mark, YAML::anchor_t anchor) {
  Add(mark, 1, 0, depth() + 1);
  frames_.push_back({anchor, nodes_ - 1, bytes_, depth() + 1});
  if (anchor) Define(anchor).open = true;
}

void LimitCounter::Close() {
  const Frame f = frames_.back();
  frames_.pop_back();
  if (!frames_.empty()) frames_.back().deepest = std::max(frames_.back().deepest, f.deepest);
  if (!f.anchor) return;
  Anchored& a = anchors_[f.anchor];
  a.nodes = nodes_ - f.nodes_before;
  a.bytes = bytes_ - f.bytes_before;
  a.height = f.deepest - depth();
  a.open = false;
}

void LimitCounter::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (++aliases_ > limits::kYamlAliases) {
    Fail(mark, "more than " + std::to_string(limits::kYamlAliases) + " aliases (the limit is " +
                   std::to_string(limits::kYamlAliases) + " YAML aliases)");
  }
  const Anchored& a = anchors_.at(anchor);  // yaml-cpp refuses an alias to an unknown anchor
  if (a.open) {
    Fail(mark, "the alias '*" + a.name +
                   "' is inside the node it names, which would repeat itself without end");
  }
  Add(mark, a.nodes, a.bytes, depth() + a.height);
}

void LimitCounter::Add(const YAML::Mark& mark, size_t nodes, size_t bytes, int reach) {
  nodes_ += nodes;
  bytes_ += bytes;
  if (nodes_ > limits::kYamlNodes) {
    Fail(mark, "more than " + std::to_string(limits::kYamlNodes) +
                   " nodes, counting each node an alias repeats (the limit is " +
                   std::to_string(limits::kYamlNodes) + " YAML nodes)");
  }
  if (reach > limits::kYamlDepth) Fail(mark, DepthMessage());
  if (bytes_ > limits::kYamlFileBytes) {
    Fail(mark, "more than " + std::to_string(limits::kYamlFileBytes) +
                   " bytes of values, counting each value an alias repeats (the limit is " +
                   std::to_string(limits::kYamlFileBytes) + " bytes, the largest YAML file)");
  }
  if (!frames_.empty()) frames_.back().deepest = std::max(frames_.back().deepest, reach);
}

}  // namespace

bool CheckYamlLimits(const std::string& path, std::string_view text, Diagnostics& diags) {
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  LimitCounter counter;
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(counter);
  } catch (const LimitPassed& e) {
    diags.Error(LocationOf(path, e.mark), e.message);
    return false;
  } catch (const YAML::Exception& e) {
    ReportYamlError(path, e, diags);
    return false;
  }
  return true;
}

bool NeedsYamlLimitPass(std::string_view text) {
  return text.find('*') != std::string_view::npos || text.size() > limits::kYamlNodes / 4;
}

bool CheckYamlDepth(const std::string& path, const YAML::Node& root, Diagnostics& diags) {
  const YAML::Node deep = FirstTooDeep(root, 1);
  if (!deep.IsDefined()) return true;
  diags.Error(LocationOf(path, deep), DepthMessage());
  return false;
}

}  // namespace forcecheck
