// Writes the seeds scripts/fuzz.sh cannot copy as they are: every expression of the bundled
// pack (check, partial, records) for the expression and differential targets, and each CSV
// named on the command line prefixed with the byte by which the csv target picks the
// register declaration its header matches best.
//
//   fuzz_seeds OUT_DIR [CSV...]   writes OUT_DIR/expression/* and OUT_DIR/csv/*

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz_support.h"

namespace forcecheck::fuzz {
namespace {

void Write(const fs::path& file, const std::string& data) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << data;
}

// The index of the declaration with the most column names in `header` (the first line).
size_t BestSpec(const std::vector<RegisterSpec>& specs, const std::string& header) {
  size_t best = 0, best_score = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    size_t score = 0;
    for (const ColumnSpec& c : specs[i].columns) score += header.find(c.name) != std::string::npos;
    if (score > best_score) best = i, best_score = score;
  }
  return best;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR [CSV...]\n");
    return 2;
  }
  const fs::path out = argv[1];
  const RulePack& pack = BundledPack();
  size_t n = 0;
  for (const Rule& r : pack.rules) {
    Write(out / "expression" / (r.id + "-check"), r.check.text);
    if (r.partial) Write(out / "expression" / (r.id + "-partial"), r.partial->text);
    if (r.records) Write(out / "expression" / (r.id + "-records"), r.records->text);
    ++n;
  }
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string csv = text.str();
    const size_t spec = BestSpec(pack.registers, csv.substr(0, csv.find('\n')));
    Write(out / "csv" / std::to_string(i - 1), std::string(1, static_cast<char>(spec)) + csv);
  }
  std::printf("fuzz_seeds: expressions of %zu rules, %d registers\n", n, argc - 2);
  return 0;
}

}  // namespace
}  // namespace forcecheck::fuzz

int main(int argc, char** argv) { return forcecheck::fuzz::Main(argc, argv); }
