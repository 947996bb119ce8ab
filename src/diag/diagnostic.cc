#include "diag/diagnostic.h"

#include <algorithm>
#include <string_view>

namespace forcecheck {

std::string SourceLocation::ToString() const {
  std::string s = file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

void Diagnostics::Error(SourceLocation where, std::string message) {
  all_.push_back({Level::kError, std::move(where), std::move(message)});
  ++errors_;
}

void Diagnostics::Warning(SourceLocation where, std::string message) {
  all_.push_back({Level::kWarning, std::move(where), std::move(message)});
}

void Diagnostics::Note(SourceLocation where, std::string message) {
  all_.push_back({Level::kNote, std::move(where), std::move(message)});
}

void Diagnostics::AddSource(const std::string& file, std::string text) {
  sources_[file] = std::move(text);
}

const std::string* Diagnostics::SourceText(const std::string& file) const {
  auto it = sources_.find(file);
  return it == sources_.end() ? nullptr : &it->second;
}

void Diagnostics::Append(Diagnostics&& other) {
  for (Diagnostic& d : other.all_) all_.push_back(std::move(d));
  for (auto& [file, text] : other.sources_) sources_[file] = std::move(text);
  errors_ += other.errors_;
  other = Diagnostics();
}

namespace {

// The 1-based line `line` of `text`, without its line break; empty if there is no such line.
std::string_view LineOf(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t n = 1; n < line; ++n) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view s =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

// Quoted lines are cut so that a hostile or minified file cannot flood a terminal.
constexpr size_t kMaxQuotedLine = 200;

}  // namespace

std::string Diagnostics::Render(const Diagnostic& d) const {
  std::string out = d.where.ToString();
  out += out.empty() ? "" : ": ";
  out += LevelName(d.level);
  out += ": " + d.message + "\n";
  auto it = sources_.find(d.where.file);
  if (it == sources_.end() || d.where.line == 0 || d.where.column == 0 || d.level == Level::kNote)
    return out;
  std::string_view line = LineOf(it->second, d.where.line);
  if (line.empty() || d.where.column > line.size() + 1 || line.size() > kMaxQuotedLine) {
    return out;
  }
  out += "  ";
  out += line;
  out += "\n  ";
  for (uint32_t i = 1; i < d.where.column; ++i) out += line[i - 1] == '\t' ? '\t' : ' ';
  out += "^\n";
  return out;
}

void Diagnostics::RenderAll(std::ostream& out) const {
  // In file order (files as first met), then by place, so a pack's problems read top to
  // bottom however the loader found them.
  std::map<std::string, size_t> file_rank;
  for (const Diagnostic& d : all_) file_rank.emplace(d.where.file, file_rank.size());
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : all_) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic* a, const Diagnostic* b) {
    const size_t fa = file_rank[a->where.file], fb = file_rank[b->where.file];
    if (fa != fb) return fa < fb;
    if (a->where.line != b->where.line) return a->where.line < b->where.line;
    return a->where.column < b->where.column;
  });
  for (const Diagnostic* d : sorted) out << Render(*d);
}

}  // namespace forcecheck
