#pragma once

// Diagnostics: problems found in the user's input (rule packs, evidence, registers,
// command lines). They are collected, never thrown, so that a user sees every problem in one
// run. An exception is reserved for the program's own failures.

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"

namespace forcecheck {

// A place in a rule pack, evidence file or register. 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;

  // "file:line:col", "file:line" or "file", as much as is known.
  std::string ToString() const;
  bool operator==(const SourceLocation&) const = default;
};

enum class Level { kError, kWarning, kNote };
inline constexpr EnumName<Level> kLevels[] = {
    {Level::kError, "error"}, {Level::kWarning, "warning"}, {Level::kNote, "note"}};

// "rules/vetting.yaml:12:18: error: unknown function 'exist'" — the form compilers print, so
// editors and CI logs can jump to it.
struct Diagnostic {
  Level level = Level::kError;
  SourceLocation where;
  std::string message;  // lower case, no trailing period
};

// Collects diagnostics in the order they were found, and keeps the text of each file read so
// that a rendered diagnostic can quote the offending line with a caret under the column.
class Diagnostics {
 public:
  void Error(SourceLocation where, std::string message);
  void Warning(SourceLocation where, std::string message);
  // A note on the diagnostic reported just before, at the same place (rendered after it,
  // without quoting the line again).
  void Note(SourceLocation where, std::string message);

  // Registers the text of `file` for quoting. Later registrations of one file replace earlier.
  void AddSource(const std::string& file, std::string text);
  // The text registered for `file`, or null.
  const std::string* SourceText(const std::string& file) const;
  // Takes over everything `other` holds (as if it had been reported here, after what is here
  // already): how work done in parallel, each piece with diagnostics of its own, reports.
  void Append(Diagnostics&& other);

  bool HasErrors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return all_; }

  // Renders one diagnostic: the "file:line:col: error: message" line, then the quoted source
  // line and a caret when the file's text is known.
  std::string Render(const Diagnostic& d) const;
  // Every diagnostic, grouped by file (in the order files were first reported) and sorted by
  // line and column within each.
  void RenderAll(std::ostream& out) const;

 private:
  std::vector<Diagnostic> all_;
  std::map<std::string, std::string> sources_;
  size_t errors_ = 0;
};

inline const char* LevelName(Level level) { return NameIn(kLevels, level); }
inline std::optional<Level> ParseLevel(std::string_view name) { return ParseIn(kLevels, name); }

}  // namespace forcecheck
