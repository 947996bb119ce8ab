#include "evidence/runaway_quotes.h"

#include <optional>
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
    // (A block mapping's mark is its first key's: the type tells them apart.) An alias: its node
    // was looked at already.
    if (!seen_.insert({mark.pos, static_cast<int>(n.Type())}).second) return;
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
    // Every search below stays within the scalar's own text (and, once, the line it opens
    // on): scalars do not overlap, so the whole file is read a bounded number of times
    // however many quoted scalars a long line holds.
    const std::string_view span =
        text.substr(0, close == std::string_view::npos ? text.size() : close);
    int line = mark.line + 1;
    std::optional<size_t> indent;  // of the opening line, found when first needed
    for (size_t at = span.find('\n', open); at != std::string_view::npos;
         at = span.find('\n', at + 1)) {
      ++line;
      const size_t next = text.find('\n', at + 1);
      const size_t line_end = next == std::string_view::npos ? text.size() : next;
      const std::string_view content = text.substr(at + 1, line_end - at - 1);
      if (!LooksLikeKey(content)) continue;
      if (!indent) indent = OpeningIndent(open);
      if (Indent(content) > *indent) continue;
      const size_t key_start = content.find_first_not_of(" \t");
      const std::string key(content.substr(key_start, content.find(':') - key_start));
      found_ = true;
      diags_.Error(LocationOf(doc_.path, mark),
                   "this quoted text runs on over line " + std::to_string(line) +
                       ", which looks like the key '" + key + "': is its closing quote (" +
                       text[open] + ") missing?");
      return;
    }
  }

  // A quoted value that runs on legitimately is indented under its key; a key at the
  // indentation of the line the quote opens on, or left of it, is a sibling it swallowed.
  size_t OpeningIndent(size_t open) const {
    const std::string_view text = doc_.text;
    const size_t nl = text.rfind('\n', open);
    const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    return Indent(text.substr(line_start, open - line_start));
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
