#pragma once

// Loads a force's evidence file (format: docs/formats.md, schemas/evidence.schema.json).

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "evidence/evidence.h"
#include "yaml/yaml_file.h"

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
// As above, from the file as ParseYamlFile read it (nullopt: it could not be, and that was
// reported), so that the parsing can run beside other work.
std::optional<Evidence> LoadEvidence(std::optional<YamlDocument> doc, const EvidenceOptions& options,
                                     Diagnostics& diags);
// As above, for evidence without registers.
std::optional<Evidence> LoadEvidence(const std::string& path, Diagnostics& diags);

}  // namespace forcecheck
