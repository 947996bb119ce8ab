#pragma once

// A cache of loaded rule packs. yaml-cpp reads a pack's YAML at about 1 MB/s, which makes it
// most of a run's fixed cost (20 ms of a 50,000-person force's 70), yet a pack rarely changes
// between runs while the evidence changes on every commit. So a pack that loaded without a
// single diagnostic is kept, encoded as CBOR, one file per pack (its folder and the path as
// spelled); the next run that finds the pack's files byte for byte as they were reads that
// file instead of the YAML.
//
// The cache never changes a result: an entry is used only when it was written by this very
// version of forcecheck from files equal to the ones on disk now, and its expressions are
// compiled again against the current evidence schema. Anything else (a missing, stale, corrupt
// or unreadable entry, or a pack with any diagnostic) falls back to LoadRulePack, which reports
// as it always does. Failing to write an entry is not an error either.

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "rules/rule_pack.h"

namespace forcecheck {

// Where entries are kept: $FORCECHECK_CACHE_DIR when set (empty: no cache), else
// $XDG_CACHE_HOME/forcecheck, else $HOME/.cache/forcecheck; empty when none of these is set.
std::string DefaultPackCacheDir();

// LoadRulePack through the cache in `cache_dir` (none when empty), with the same result and
// the same diagnostics. `from_cache`, when given, says whether the pack came from the cache.
std::optional<RulePack> LoadRulePackCached(const std::string& path, const std::string& cache_dir,
                                           Diagnostics& diags, bool* from_cache = nullptr);

// The entry file for the pack at `path` (exposed for tests).
std::string PackCacheFile(const std::string& path, const std::string& cache_dir);

}  // namespace forcecheck
