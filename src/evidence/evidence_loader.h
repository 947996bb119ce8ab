#pragma once

// Loads a force's evidence file (format: docs/formats.md, schemas/evidence.schema.json).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "evidence/evidence.h"

namespace forcecheck {

struct EvidenceOptions {
  // Registers the evidence file may name: the rule pack's declarations. When null, the
  // `registers:` section is not read at all.
  const std::vector<RegisterSpec>* registers = nullptr;
  // Register paths are resolved against the evidence file's folder and may not leave it
  // (through '..', an absolute path or a symbolic link) unless this is set.
  bool allow_outside_folder = false;
  // The JSON Schema the rule pack names (`pack.evidence_schema`); when set, the evidence is
  // validated against it and each violation reported at its place in the evidence file.
  std::string schema;
};

// Reads and checks `path` and the registers it names. Every problem found is added to
// `diags`; the result is nullopt when any of them is an error.
std::optional<Evidence> LoadEvidence(const std::string& path, const EvidenceOptions& options,
                                     Diagnostics& diags);
// An evidence file read and parsed but not yet checked (ParseEvidence), so that the parsing,
// most of the cost, can run beside other work. What it holds is the loader's business: yaml-cpp
// stays inside it.
class ParsedEvidence {
 public:
  ParsedEvidence();
  ParsedEvidence(ParsedEvidence&&) noexcept;
  ParsedEvidence& operator=(ParsedEvidence&&) noexcept;
  ~ParsedEvidence();

  // False when the file could not be read or parsed (which ParseEvidence reported).
  bool ok() const { return file_ != nullptr; }

 private:
  friend ParsedEvidence ParseEvidence(const std::string& path, Diagnostics& diags);
  friend std::optional<Evidence> LoadEvidence(ParsedEvidence parsed, const EvidenceOptions& options,
                                              Diagnostics& diags);
  struct File;
  std::unique_ptr<File> file_;
};

// Reads and parses `path`; a file that cannot be is reported to `diags` (ok() is false).
ParsedEvidence ParseEvidence(const std::string& path, Diagnostics& diags);
// As LoadEvidence(path, ...), from the file ParseEvidence read (not ok: nullopt, as it was
// reported).
std::optional<Evidence> LoadEvidence(ParsedEvidence parsed, const EvidenceOptions& options,
                                     Diagnostics& diags);
// As above, for evidence without registers.
std::optional<Evidence> LoadEvidence(const std::string& path, Diagnostics& diags);

}  // namespace forcecheck
