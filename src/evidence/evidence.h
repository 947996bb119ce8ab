#pragma once

// The evidence model: what a force can show, as a tree of facts read from its evidence file.
// Every fact keeps its place in the file and, where the file gives one, its provenance, so a
// finding can say exactly what it looked at.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "diag/diagnostic.h"
#include "evidence/register.h"

namespace forcecheck {

struct EvidenceNode {
  enum class Kind { kNull, kBool, kNumber, kText, kDate, kList, kSection };

  // Declared here and defined in evidence.cc: an implicit constructor makes std::pair ask
  // whether EvidenceNode is default-constructible while `fields` is declared, before the
  // struct is complete, which clang with libstdc++ 12 refuses.
  EvidenceNode();

  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;                                          // kText
  Date date;                                                 // kDate
  std::vector<EvidenceNode> items;                           // kList
  std::vector<std::pair<std::string, EvidenceNode>> fields;  // kSection, in file order
  SourceLocation where;                                      // where the value is written
  std::string source;                                        // provenance, when the file gives it
  std::string note;

  const EvidenceNode* Field(const std::string& name) const;
};

struct EvidenceSource {
  std::string id;
  std::string title;
  std::string url;
};

struct Evidence {
  std::string file;  // as named on the command line
  std::string force;
  Date as_of;
  bool synthetic = false;
  std::string description;
  std::vector<EvidenceSource> sources;
  EvidenceNode root;                // the `evidence:` section
  std::vector<Register> registers;  // the `registers:` section, in file order

  // The node at a dotted path, or nullptr when any segment is absent.
  const EvidenceNode* Find(const std::vector<std::string>& path) const;
  // The loaded register with this id, or nullptr when the evidence does not supply it.
  const Register* FindRegister(std::string_view id) const;
};

}  // namespace forcecheck
