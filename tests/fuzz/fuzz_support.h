#pragma once

// What the fuzz targets share. The loaders read files by path (they check what the path is
// before reading it), so a target writes each input to a scratch folder of its own process,
// on /dev/shm where there is one (or under $FORCECHECK_FUZZ_SCRATCH, which scripts/fuzz.sh
// sets and removes), and calls the loader on it as the command line would.

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "rules/rule_pack.h"
#include "rules/rule_pack_loader.h"

namespace forcecheck::fuzz {

namespace fs = std::filesystem;

// The repository (for the bundled pack and its evidence schema).
inline const std::string kSource = FORCECHECK_SOURCE_DIR;

// The process's scratch folder, made on first use and removed at exit (kept on the heap, so
// that it outlives the static objects the exit handler would otherwise find destroyed).
inline const std::string& Scratch() {
  static const std::string* dir = [] {
    std::error_code ec;
    const char* env = std::getenv("FORCECHECK_FUZZ_SCRATCH");
    const fs::path base = env && *env                        ? fs::path(env)
                          : fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm")
                                                             : fs::temp_directory_path();
    const fs::path d = base / ("forcecheck-fuzz-" + std::to_string(getpid()));
    fs::remove_all(d, ec);
    fs::create_directories(d);
    auto* path = new std::string(d.string());
    std::atexit([] {
      std::error_code e;
      fs::remove_all(*dir, e);
    });
    return path;
  }();
  return *dir;
}

// Writes `data` byte for byte to `relative` in the scratch folder; returns its path.
inline std::string WriteScratch(const std::string& relative, std::string_view data) {
  const fs::path full = fs::path(Scratch()) / relative;
  fs::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  return full.string();
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The bundled pack (rules/), loaded once: its registers, parameters and evidence schema are
// what the inputs are checked against. Aborts when it does not load: a fuzzer that checks
// nothing must not look green.
inline const RulePack& BundledPack() {
  static const RulePack* pack = [] {
    Diagnostics diags;
    std::optional<RulePack> p = LoadRulePack(kSource + "/rules", diags);
    if (!p) std::abort();
    return new RulePack(std::move(*p));
  }();
  return *pack;
}

}  // namespace forcecheck::fuzz
