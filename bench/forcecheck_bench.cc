// forcecheck_bench: how fast forcecheck reads registers and checks a force, on synthetic
// evidence at several sizes. Not a test: it prints figures.
//
//   build/release/forcecheck_bench [--rules DIR] [--sizes 10000,100000,1000000] [--people 50000]
//                                  [--facts FILE] [--keep DIR]
//
// For each size it writes one synthetic force (an evidence file and one CSV per register the
// pack declares, the records split across the registers). The evidence file's facts are those
// of an example (--facts, default examples/synthetic-struggling/evidence.yaml), so that its
// YAML is as large as a real force's. Then, five times each, in a fresh
// child process, it loads the pack, reads the evidence and registers, evaluates every rule,
// scores and renders the JSON report, timing each phase; and it runs the forcecheck program
// beside it (`forcecheck check --format json`, output discarded) as a user would. It prints
// the median of each: the CSV bytes, pack load, ingest time and throughput, evaluation,
// report, the in-process total, the program's wall time (process start and exit included),
// and the program's peak resident memory against the size of the CSV input.
//
// The generator is driven by the pack's register declarations: each column gets values of its
// type (ids for the key column and people; organisation names shared by donors and suppliers,
// so that cross-register lookups such as gifts from suppliers find matches; a small vocabulary
// for other text; dates within ten years of the as-of date; a few blank cells in optional
// columns), with a fixed seed.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/date.h"
#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "expr/value.h"
#include "report/report.h"
#include "rules/rule_pack_loader.h"
#include "score/score.h"

namespace fs = std::filesystem;
using namespace forcecheck;

namespace {

constexpr const char* kAsOf = "2016-03-31";

std::string Id(const std::string& prefix, size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%08zu", prefix.c_str(), i);
  return buf;
}

// Organisations (donors and suppliers) in play: more records, more suppliers, so that each
// supplier holds a handful of contracts whatever the size, as in life.
size_t g_organisations = 2000;

// A text cell: ids for the key column and for columns naming people; organisation names for
// donors and suppliers (so a few gifts come from suppliers); otherwise a word from a small
// vocabulary of departments, levels and categories.
std::string TextCell(const RegisterSpec& spec, const ColumnSpec& col, size_t row, size_t rows,
                     std::mt19937& rng, const char* word) {
  if (col.name == spec.key) return Id(spec.id.substr(0, 1), row);
  if (col.name.ends_with("_id")) return Id(col.name.substr(0, 1), row);  // a post id and the like
  const bool person = col.name.find("person") != std::string::npos || col.name == "recipient" ||
                      col.name == "approved_by";
  if (person) return Id("P", std::uniform_int_distribution<size_t>(0, rows)(rng));
  if (col.name == "donor" || col.name == "supplier") {
    return Id("Org-", std::uniform_int_distribution<size_t>(0, g_organisations - 1)(rng));
  }
  return word;
}

// The words a text column holds, for the columns whose values the rules test (the levels of
// the vetting ladder, roles, departments, case categories and outcomes); null for the others,
// which take words from a general vocabulary.
const std::vector<const char*>* Vocabulary(const ColumnSpec& col) {
  static const std::vector<const char*> kLevels = {"RV", "MV", "MV-SC", "MV-DV"};
  static const std::vector<const char*> kRoles = {"officer", "officer", "officer", "staff",
                                                  "staff",   "pcso",    "special", "volunteer"};
  static const std::vector<const char*> kDepartments = {"Response",
                                                        "Neighbourhood",
                                                        "CID",
                                                        "Public Protection",
                                                        "Custody",
                                                        "Contact Centre",
                                                        "Professional Standards",
                                                        "Roads Policing",
                                                        "Intelligence",
                                                        "Finance"};
  static const std::vector<const char*> kCategories = {
      "other", "other", "other", "vawg", "misogyny", "sexual_misconduct", "apsp"};
  static const std::vector<const char*> kOutcomes = {
      "no_case_to_answer",     "management_action", "reflective_practice", "written_warning",
      "final_written_warning", "dismissed",         "not_proven"};
  if (col.name == "role") return &kRoles;
  if (col.name == "department") return &kDepartments;
  if (col.name == "category") return &kCategories;
  if (col.name == "outcome") return &kOutcomes;
  if (col.name == "required_level" || col.name == "level_held") return &kLevels;
  return nullptr;
}

// A vetting record as a force keeps it: most people hold the level their post requires
// (designated posts need management vetting), granted within its renewal period (ten years
// for RV, seven for MV) and reviewed within the year; a few hold a lower level or none, have
// lapsed, carry an expiry past the renewal period, or have never had an aftercare review.
// Blank cells as elsewhere. Fills the cells of the named columns in `cells`.
void VettingRecord(std::mt19937& rng, Date as_of, std::map<std::string, std::string>& cells) {
  std::uniform_int_distribution<int> pct(0, 99);
  const bool designated = pct(rng) < 15;
  const int required =
      designated ? 1 + (pct(rng) < 20) + (pct(rng) < 5) : (pct(rng) < 10);  // ladder index
  int held = required;
  const int roll = pct(rng);
  if (roll < 3)
    held = -1;  // no clearance
  else if (roll < 6 && required > 0)
    held = required - 1;
  else if (roll < 10 && required < 3)
    held = required + 1;
  static const char* kLadder[] = {"RV", "MV", "MV-SC", "MV-DV"};
  cells["designated_post"] = designated ? "true" : "false";
  cells["required_level"] = kLadder[required];
  if (held < 0) return;
  const int years = held == 0 ? 10 : 7;
  const Date granted{as_of.days - std::uniform_int_distribution<int>(0, 365 * years + 200)(rng)};
  const int longer = pct(rng) < 2 ? 1 : 0;  // expiry set past the renewal period
  cells["level_held"] = kLadder[held];
  cells["granted"] = granted.ToString();
  cells["expires"] = expr::AddDuration(granted, years + longer, 'y')->ToString();
  if (pct(rng) >= 4) {
    cells["last_aftercare_review"] =
        Date{as_of.days - std::uniform_int_distribution<int>(0, 420)(rng)}.ToString();
  }
}

// Writes one register's CSV with `rows` records; returns its size in bytes.
size_t WriteRegister(const RegisterSpec& spec, size_t rows, const fs::path& file,
                     std::mt19937& rng) {
  std::ofstream out(file, std::ios::binary);
  for (size_t c = 0; c < spec.columns.size(); ++c) out << (c ? "," : "") << spec.columns[c].name;
  out << "\r\n";
  static const char* kWords[] = {"Acme Ltd",
                                 "Northgate Services",
                                 "Blue Lamp Supplies",
                                 "Central Security",
                                 "Midland Fleet",
                                 "Harbour Catering",
                                 "\"Smith, Jones & Co\"",
                                 "Vantage IT",
                                 "Response",
                                 "CID",
                                 "Public Protection",
                                 "Custody",
                                 "Contact Centre",
                                 "Professional Standards",
                                 "MV",
                                 "RV",
                                 "SC",
                                 "NPPV2",
                                 "NPPV3",
                                 "apsp",
                                 "vawg",
                                 "other",
                                 "misogyny",
                                 "sexual_misconduct"};
  const Date as_of = *ParseDate(kAsOf);
  std::uniform_int_distribution<int> word(0, std::size(kWords) - 1), days(-3650, 3650), pct(0, 99);
  std::uniform_real_distribution<double> money(5, 5000);
  const std::string prefix = spec.id.substr(0, 1);
  std::string line;
  std::map<std::string, std::string> vetting;  // a vetting record's dependent cells
  for (size_t r = 0; r < rows; ++r) {
    line.clear();
    std::optional<Date> first_date;
    if (spec.id == "vetting") {
      vetting.clear();
      VettingRecord(rng, as_of, vetting);
    }
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      const ColumnSpec& col = spec.columns[c];
      if (c) line += ',';
      if (spec.id == "vetting" &&
          (vetting.count(col.name) || col.name == "level_held" || col.type == ColumnType::kDate)) {
        if (auto it = vetting.find(col.name); it != vetting.end())
          line += it->second;  // else blank: none held
        continue;
      }
      if (!col.required && pct(rng) < 3) continue;  // a blank cell
      char buf[32];
      const std::vector<const char*>* words = Vocabulary(col);
      switch (col.type) {
        case ColumnType::kText:
          if (words && col.name != spec.key) {
            line += (*words)[std::uniform_int_distribution<size_t>(0, words->size() - 1)(rng)];
          } else {
            line += TextCell(spec, col, r, rows, rng, kWords[word(rng)]);
          }
          break;
        case ColumnType::kNumber:
          std::snprintf(buf, sizeof buf, "%.2f", money(rng));
          line += buf;
          break;
        case ColumnType::kDate: {
          // A date that follows another (a case closed, a review completed, an entry
          // audited) comes after the record's first date, within two years.
          const bool follows =
              first_date && (col.name == "closed" || col.name == "completed_on" ||
                             col.name == "audited_on" || col.name == "last_reviewed");
          const Date d =
              follows ? Date{first_date->days + std::uniform_int_distribution<int>(0, 720)(rng)}
                      : Date{as_of.days + days(rng)};
          if (!first_date) first_date = d;
          line += d.ToString();
          break;
        }
        case ColumnType::kBool: line += pct(rng) < 80 ? "true" : "false"; break;
      }
    }
    line += "\r\n";
    out << line;
  }
  out.close();
  return fs::file_size(file);
}

struct Generated {
  fs::path evidence;
  size_t bytes = 0;
  size_t records = 0;
};

// Records for register `i` of `n`: an even share of `records`, or, in the force profile
// (`people` > 0), `people` records for registers keyed by person and a tenth of that for the
// others (gifts, contracts, cases...).
size_t RowsFor(const RegisterSpec& spec, size_t i, size_t n, size_t records, size_t people) {
  if (people > 0) return spec.key.find("person") != std::string::npos ? people : people / 10;
  return records / n + (i < records % n ? 1 : 0);
}

// The `evidence:` section (the facts) of an example evidence file, so that the benchmark's
// YAML is as large as a real force's, or "evidence: {}\n" when there is none.
std::string FactsOf(const std::string& example) {
  std::ifstream in(example);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const size_t at = all.find("\nevidence:");
  if (at == std::string::npos) {
    std::fprintf(stderr, "forcecheck_bench: no facts in %s; the evidence holds registers only\n",
                 example.c_str());
    return "evidence: {}\n";
  }
  return all.substr(at + 1);
}

Generated Generate(const RulePack& pack, const std::string& facts, size_t records, size_t people,
                   const fs::path& dir) {
  fs::create_directories(dir / "registers");
  std::mt19937 rng(20161231);
  g_organisations = std::max<size_t>(2000, (records + 10 * people) / 32);
  Generated g;
  g.evidence = dir / "evidence.yaml";
  std::ofstream ev(g.evidence);
  ev << "force: Benchmarkshire Police\nas_of: " << kAsOf << "\nsynthetic: true\nregisters:\n";
  const size_t n = pack.registers.size();
  for (size_t i = 0; i < n; ++i) {
    const RegisterSpec& spec = pack.registers[i];
    const size_t rows = RowsFor(spec, i, n, records, people);
    g.bytes += WriteRegister(spec, rows, dir / "registers" / (spec.id + ".csv"), rng);
    g.records += rows;
    ev << "  " << spec.id << ": registers/" << spec.id << ".csv\n";
  }
  ev << facts;
  return g;
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Figures {
  double pack_ms = 0, ingest_ms = 0, eval_ms = 0, report_ms = 0, total_ms = 0;
  int rules = 0;
  int ok = 0;
};

// The measured run, in the child: returns its figures through `fd`.
void Measure(const std::string& rules, const fs::path& evidence, int fd) {
  using Clock = std::chrono::steady_clock;
  Figures f;
  const auto t0 = Clock::now();
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  const auto t1 = Clock::now();
  EvidenceOptions options;
  options.registers = pack ? &pack->registers : nullptr;
  std::optional<Evidence> ev = LoadEvidence(evidence.string(), options, diags);
  const auto t2 = Clock::now();
  if (pack && ev) {
    Report report;
    report.pack = &*pack;
    report.evidence = &*ev;
    report.as_of = ev->as_of;
    report.tool_version = "bench";
    report.findings = Evaluate(*pack, *ev, EvalOptions{ev->as_of});
    const auto t3 = Clock::now();
    report.scorecard = Score(*pack, report.findings, pack->scales.front());
    volatile size_t sink = RenderJson(report).size();
    (void)sink;
    const auto t4 = Clock::now();
    f.total_ms = Ms(t4 - t0);
    f.eval_ms = Ms(t3 - t2);
    f.report_ms = Ms(t4 - t3);
    if (std::getenv("FORCECHECK_BENCH_PROFILE")) {  // the slowest rules, to stderr
      std::vector<std::pair<double, std::string>> times;
      for (const Rule& r : pack->rules) {
        const auto s0 = Clock::now();
        EvaluateOne(r, *ev, EvalOptions{ev->as_of});
        times.emplace_back(Ms(Clock::now() - s0), r.id);
      }
      std::sort(times.rbegin(), times.rend());
      for (size_t i = 0; i < 6 && i < times.size(); ++i) {
        std::fprintf(stderr, "  %-10s %8.1f ms\n", times[i].second.c_str(), times[i].first);
      }
    }
    f.rules = static_cast<int>(pack->rules.size());
    f.ok = 1;
  } else {
    diags.RenderAll(std::cerr);
  }
  f.pack_ms = Ms(t1 - t0);
  f.ingest_ms = Ms(t2 - t1);
  (void)!write(fd, &f, sizeof f);
}

constexpr int kRepeats = 5;

// One measured run in a fresh child process, so that each starts cold and alike.
std::optional<Figures> MeasureInChild(const std::string& rules, const fs::path& evidence) {
  int pipefd[2];
  if (pipe(pipefd) != 0) return std::nullopt;
  const pid_t child = fork();
  if (child == 0) {
    close(pipefd[0]);
    Measure(rules, evidence, pipefd[1]);
    _exit(0);
  }
  close(pipefd[1]);
  Figures f;
  const bool got = read(pipefd[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
  close(pipefd[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!got || !f.ok) return std::nullopt;
  return f;
}

// Runs the forcecheck program itself on the evidence, JSON report to /dev/null, as a user
// would: returns its wall time in ms and its peak resident memory in MB. Exit 0 or 1 (gaps
// found) is a run; anything else a failure.
std::optional<std::pair<double, double>> RunCli(const std::string& cli, const std::string& rules,
                                                const fs::path& evidence) {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    const std::string ev = evidence.string();
    std::vector<const char*> args = {cli.c_str(),  "check",    "--rules",  rules.c_str(),
                                     "--evidence", ev.c_str(), "--format", "json"};
    args.push_back(nullptr);
    execv(cli.c_str(), const_cast<char* const*>(args.data()));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(child, &status, 0, &usage);
  const double ms = Ms(std::chrono::steady_clock::now() - t0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) return std::nullopt;
  return std::make_pair(ms, static_cast<double>(usage.ru_maxrss) / 1024.0);  // ru_maxrss is in KiB
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules = "rules";
  std::vector<size_t> sizes = {10'000, 100'000, 1'000'000};
  size_t people = 50'000;
  std::string keep;
  std::string facts_from = "examples/synthetic-struggling/evidence.yaml";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--rules")
      rules = value;
    else if (flag == "--facts")
      facts_from = value;
    else if (flag == "--keep")
      keep = value;
    else if (flag == "--people")
      people = std::stoul(value);
    else if (flag == "--sizes") {
      sizes.clear();
      std::stringstream ss(value);
      for (std::string item; std::getline(ss, item, ',');) sizes.push_back(std::stoul(item));
    } else {
      std::fprintf(stderr, "usage: forcecheck_bench [--rules DIR] [--facts FILE] [--sizes N,N,...] "
                           "[--people N] [--keep DIR]\n");
      return 2;
    }
  }
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  if (!pack || pack->registers.empty()) {
    diags.RenderAll(std::cerr);
    std::fprintf(stderr, "forcecheck_bench: the pack at %s declares no registers\n", rules.c_str());
    return 2;
  }
  const fs::path root =
      keep.empty() ? fs::temp_directory_path() / ("forcecheck-bench-" + std::to_string(getpid()))
                   : fs::path(keep);
  const std::string facts = FactsOf(facts_from);
  std::vector<double> loads;  // loading the pack, in this process
  for (int rep = 0; rep < kRepeats; ++rep) {
    Diagnostics d;
    const auto t0 = std::chrono::steady_clock::now();
    std::optional<RulePack> loaded = LoadRulePack(rules, d);
    loads.push_back(Ms(std::chrono::steady_clock::now() - t0));
  }
  std::sort(loads.begin(), loads.end());
  std::printf("pack %s %s: %zu rules, %zu registers; machine: %ld cores\n", pack->id.c_str(),
              pack->version.c_str(), pack->rules.size(), pack->registers.size(),
              sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("pack load: %.1f ms (median of %d)\n\n", loads[loads.size() / 2], kRepeats);
  std::printf("%10s %7s %8s %9s %6s %8s %9s %9s %12s %8s %10s\n", "records", "CSV MB", "pack ms",
              "ingest ms", "MB/s", "eval ms", "report ms", "total ms", "forcecheck ms", "peak MB",
              "peak/input");
  // The sizes, then one force of `people` people (0 to skip), as (records, people) runs.
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t size : sizes) runs.emplace_back(size, 0);
  if (people > 0) runs.emplace_back(0, people);
  const std::string cli = (fs::path(argv[0]).parent_path() / "forcecheck").string();
  for (const auto& [size, force_people] : runs) {
    const fs::path dir =
        root / (force_people ? "force-" + std::to_string(force_people) : std::to_string(size));
    Generated g = Generate(*pack, facts, size, force_people, dir);
    std::vector<Figures> phases;
    for (int rep = 0; rep < kRepeats; ++rep) {
      std::optional<Figures> f = MeasureInChild(rules, g.evidence);
      if (!f) {
        std::fprintf(stderr, "forcecheck_bench: the run at %zu records failed\n", g.records);
        return 3;
      }
      phases.push_back(*f);
    }
    std::sort(phases.begin(), phases.end(),
              [](const Figures& a, const Figures& b) { return a.total_ms < b.total_ms; });
    const Figures& f = phases[phases.size() / 2];  // the median run
    std::vector<double> walls;
    double peak_mb = 0;
    for (int rep = 0; rep < kRepeats; ++rep) {
      std::optional<std::pair<double, double>> run = RunCli(cli, rules, g.evidence);
      if (!run) {
        std::fprintf(stderr, "forcecheck_bench: %s failed at %zu records\n", cli.c_str(),
                     g.records);
        return 3;
      }
      walls.push_back(run->first);
      peak_mb = std::max(peak_mb, run->second);
    }
    std::sort(walls.begin(), walls.end());
    const double mb = static_cast<double>(g.bytes) / 1e6;
    std::printf("%10zu %7.1f %8.1f %9.1f %6.0f %8.1f %9.1f %9.1f %12.1f %8.1f %9.2fx%s\n",
                g.records, mb, f.pack_ms, f.ingest_ms, mb / (f.ingest_ms / 1000), f.eval_ms,
                f.report_ms, f.total_ms, walls[walls.size() / 2], peak_mb, peak_mb / mb,
                force_people
                    ? ("   <- one force of " + std::to_string(force_people) + " people").c_str()
                    : "");
    std::fflush(stdout);
  }
  if (keep.empty()) fs::remove_all(root);
  return 0;
}
