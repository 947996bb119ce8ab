#include "cli/inputs.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "evidence/evidence_loader.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck {

void PrintErrorCount(const Diagnostics& diags, const char* consequence, std::ostream& err) {
  err << "forcecheck: " << diags.error_count() << " error" << (diags.error_count() == 1 ? "" : "s")
      << "; " << consequence << "\n";
}

std::optional<Inputs> LoadInputs(const std::string& rules, const std::string& evidence,
                                 bool allow_outside_registers, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  auto ms = [&] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  spdlog::debug("loaded rule pack {} ({:.1f} ms)", rules, ms());
  EvidenceOptions options;
  options.registers = pack ? &pack->registers : nullptr;
  options.allow_outside_folder = allow_outside_registers;
  std::optional<Evidence> ev = LoadEvidence(evidence, options, diags);
  spdlog::debug("loaded evidence {} and {} registers ({:.1f} ms)", evidence,
                ev ? ev->registers.size() : 0, ms());
  diags.RenderAll(err);
  if (diags.HasErrors() || !pack || !ev) {
    PrintErrorCount(diags, "no report written", err);
    return std::nullopt;
  }
  // Registers and compiled expressions point at register specs inside the pack; moving the
  // pack moves its vectors' buffers, so those addresses stay valid.
  return Inputs{std::move(*pack), std::move(*ev)};
}

}  // namespace forcecheck
