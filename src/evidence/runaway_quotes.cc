#include "evidence/runaway_quotes.h"

#include <set>
#include <string_view>

#include "base/limits.h"

namespace forcecheck {
namespace {

bool NameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool NameChar(char c) { return NameStart(c) || (c >= '0' && c <= '9'); }

size_t Indent(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i;
}

// Whether `line` is, after its indentation, `name:` followed by a space or nothing: how a
// mapping key looks.
bool LooksLikeKey(std::string_view line) {
  size_t i = Indent(line);
  if (i == line.size() || !NameStart(line[i])) return false;
  while (i < line.size() && NameChar(line[i])) ++i;
  if (i == line.size() || line[i] != ':') return false;
  return i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t' || line[i + 1] == '\r';
}

// The position of the quote closing the quoted scalar that opens at `open`, or npos.
size_t ClosingQuote(std::string_view text, size_t open) {
  const char quote = text[open];
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character is part of the text
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
      } else {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

class Checker {
 public:
  Checker(const YamlDocument& doc, Diagnostics& diags) : doc_(doc), diags_(diags) {}

  bool found() const { return found_; }

  void Walk(const YAML::Node& n, int depth) {
    if (depth > limits::kYamlDepth || !n.IsDefined()) return;  // the loader reports the depth
    const YAML::Mark mark = n.Mark();
    // (A block mapping's mark is its first key's: the type tells them apart.)
    if (!seen_.insert({mark.pos, static_cast<int>(n.Type())}).second) return;  // an alias: its node was looked at already
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        Walk(it->first, depth + 1);
        Walk(it->second, depth + 1);
      }
    } else if (n.IsSequence()) {
      for (const YAML::Node& item : n) Walk(item, depth + 1);
    } else if (n.IsScalar()) {
      Scalar(mark);
    }
  }

 private:
  void Scalar(const YAML::Mark& mark) {
    const std::string_view text = doc_.text;
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return;
    const size_t open = static_cast<size_t>(mark.pos);
    if (text[open] != '"' && text[open] != '\'') return;
    const size_t close = ClosingQuote(text, open);
    const size_t end = close == std::string_view::npos ? text.size() : close;
    // A quoted value that runs on legitimately is indented under its key; a key at the
    // indentation of the line the quote opens on, or left of it, is a sibling it swallowed.
    const size_t line_start = text.rfind('\n', open) == std::string_view::npos ? 0 : text.rfind('\n', open) + 1;
    const size_t indent = Indent(text.substr(line_start, open - line_start));
    int line = mark.line + 1;
    for (size_t at = text.find('\n', open); at != std::string_view::npos && at < end; at = text.find('\n', at + 1)) {
      ++line;
      const size_t next = text.find('\n', at + 1);
      const std::string_view content = text.substr(at + 1, (next == std::string_view::npos ? text.size() : next) - at - 1);
      if (!LooksLikeKey(content) || Indent(content) > indent) continue;
      const size_t key_start = content.find_first_not_of(" \t");
      const std::string key(content.substr(key_start, content.find(':') - key_start));
      found_ = true;
      diags_.Error(LocationOf(doc_.path, mark),
                   std::string("this quoted text runs on over line ") + std::to_string(line) + ", which looks like the key '" +
                       key + "': is its closing quote (" + text[open] + ") missing?");
      return;
    }
  }

  const YamlDocument& doc_;
  Diagnostics& diags_;
  std::set<std::pair<int, int>> seen_;
  bool found_ = false;
};

}  // namespace

bool CheckRunawayQuotes(const YamlDocument& doc, Diagnostics& diags) {
  Checker checker(doc, diags);
  checker.Walk(doc.root, 0);
  return !checker.found();
}

}  // namespace forcecheck
