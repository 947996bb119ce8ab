#include "evidence/register_loader.h"

#include <charconv>
#include <cmath>

#include "base/limits.h"
#include "evidence/csv.h"
#include "io/text_file.h"

namespace forcecheck {
namespace {

std::string Shown(std::string_view v) {
  constexpr size_t kMax = 40;
  return "'" + std::string(v.substr(0, kMax)) + (v.size() > kMax ? "...'" : "'");
}

std::optional<bool> ParseFlag(std::string_view v) {
  static constexpr std::string_view kTrue[] = {"true", "TRUE", "True", "yes", "YES",
                                               "Yes",  "Y",    "y",    "1"};
  static constexpr std::string_view kFalse[] = {"false", "FALSE", "False", "no", "NO",
                                                "No",    "N",     "n",     "0"};
  for (std::string_view t : kTrue)
    if (v == t) return true;
  for (std::string_view f : kFalse)
    if (v == f) return false;
  return std::nullopt;
}

class Loader {
 public:
  Loader(const RegisterSpec& spec, const std::string& path, Diagnostics& diags)
      : spec_(spec), path_(path), diags_(diags) {}

  std::optional<Register> Run() {
    std::optional<std::string> text = ReadTextFile(path_, diags_);
    if (!text) return std::nullopt;
    reg_.spec = &spec_;
    reg_.file = path_;
    reg_.data = std::make_unique<std::string>(std::move(*text));
    reg_.columns.resize(spec_.columns.size());
    for (size_t i = 0; i < spec_.columns.size(); ++i) reg_.columns[i].type = spec_.columns[i].type;
    CsvReader csv(*reg_.data);
    std::vector<CsvField> fields;
    if (!csv.Next(fields)) {
      if (!csv.error().empty()) return CsvError(csv);
      diags_.Error({path_},
                   "register '" + spec_.id + "' is empty: the first line must name the columns");
      return std::nullopt;
    }
    if (fields.size() > limits::kRegisterColumns) {
      diags_.Error({path_, 1, 1}, "the header of register '" + spec_.id + "' has " +
                                      std::to_string(fields.size()) +
                                      " columns, more than the register columns limit of " +
                                      std::to_string(limits::kRegisterColumns));
      return std::nullopt;
    }
    Header(fields);  // on a bad header, read on all the same: the records may have more to say
    ResolveTargets();
    Reserve();
    while (csv.Next(fields) && errors_ < kMaxRegisterErrors) Record(fields, csv.record_line());
    if (!csv.error().empty()) CsvError(csv);
    if (errors_ >= kMaxRegisterErrors) {
      diags_.Error({path_}, "too many errors in register '" + spec_.id +
                                "'; the rest of the file was not read");
    }
    if (errors_ == 0) return std::move(reg_);
    // Let the diagnostics quote the offending lines; a huge file is not copied for that.
    constexpr size_t kMaxQuotedFile = size_t{16} << 20;
    if (reg_.data->size() <= kMaxQuotedFile) diags_.AddSource(path_, *reg_.data);
    return std::nullopt;
  }

 private:
  // Where the cells of one file column go: its column's spec and storage (null for a column of
  // an unknown name). Resolved once from the header rather than looked up for every cell.
  struct Target {
    const ColumnSpec* spec = nullptr;
    RegisterColumn* column = nullptr;
  };

  std::optional<Register> CsvError(const CsvReader& csv) {
    ++errors_;
    diags_.Error({path_, csv.error_line(), csv.error_column()}, csv.error());
    return std::nullopt;
  }

  // Past kMaxRegisterErrors an error is counted but not reported: Run() says the rest was
  // not read (a header of a thousand unknown columns is one problem, not a thousand lines).
  void Error(const CsvField& f, std::string message) {
    if (++errors_ > kMaxRegisterErrors) return;
    diags_.Error({path_, f.line, f.column}, std::move(message));
  }

  // A field longer than the register field limit, reported once where it starts.
  [[gnu::cold]] void LongField(const CsvField& f) {
    Error(f, "this field is " + std::to_string(f.raw.size()) +
                 " bytes long, more than the register field limit of " +
                 std::to_string(limits::kRegisterFieldBytes) + " bytes");
  }

  bool Header(const std::vector<CsvField>& fields) {
    map_.assign(fields.size(), -1);
    std::vector<bool> seen(spec_.columns.size(), false);
    for (size_t i = 0; i < fields.size() && errors_ < kMaxRegisterErrors; ++i) {
      if (fields[i].raw.size() > limits::kRegisterFieldBytes) {
        LongField(fields[i]);
        continue;
      }
      const std::string name =
          fields[i].has_escapes ? CsvUnescape(fields[i].raw) : std::string(fields[i].raw);
      const int c = spec_.ColumnIndex(name);
      if (c < 0) {
        std::string known;
        for (const ColumnSpec& s : spec_.columns) known += (known.empty() ? "" : ", ") + s.name;
        Error(fields[i], "unknown column '" + name + "' in register '" + spec_.id +
                             "' (its columns are: " + known + ")");
      } else if (seen[c]) {
        Error(fields[i], "column '" + name + "' appears twice in the header");
      } else {
        seen[c] = true;
        map_[i] = c;
      }
    }
    for (size_t c = 0; c < spec_.columns.size(); ++c) {
      if (!seen[c] && ++errors_ <= kMaxRegisterErrors) {
        diags_.Error({path_, 1, 1}, "the header of register '" + spec_.id + "' lacks column '" +
                                        spec_.columns[c].name + "'");
      }
    }
    return errors_ == 0;
  }

  void Reserve() {
    // The line count bounds the record count (quoted line breaks only lower it), so the
    // column vectors are sized once rather than grown by copying.
    // Large ones are backed by 2 MB pages where the kernel allows (see AdviseHugePages).
    const size_t guess = CountLineFeeds(*reg_.data) + 1;
    Reserve(reg_.lines, guess);
    for (RegisterColumn& col : reg_.columns) {
      Reserve(col.present, guess);
      switch (col.type) {
        case ColumnType::kText: Reserve(col.texts, guess); break;
        case ColumnType::kNumber: Reserve(col.numbers, guess); break;
        case ColumnType::kDate: Reserve(col.dates, guess); break;
        case ColumnType::kBool: Reserve(col.flags, guess); break;
      }
    }
  }

  template <typename T>
  static void Reserve(std::vector<T>& v, size_t n) {
    v.reserve(n);
    AdviseHugePages(v.data(), v.capacity() * sizeof(T));
  }

  // Resolves, once, where each field of a record goes (after Header, which fills map_).
  void ResolveTargets() {
    targets_.assign(map_.size(), {});
    for (size_t i = 0; i < map_.size(); ++i) {
      if (map_[i] < 0) continue;
      targets_[i] = {&spec_.columns[static_cast<size_t>(map_[i])],
                     &reg_.columns[static_cast<size_t>(map_[i])]};
    }
  }

  void Record(const std::vector<CsvField>& fields, uint32_t line) {
    if (fields.size() == 1 && fields[0].raw.empty() && !fields[0].quoted) return;  // blank line
    if (fields.size() != targets_.size()) {
      ++errors_;
      diags_.Error({path_, line, 1}, "record has " + std::to_string(fields.size()) + " field" +
                                         (fields.size() == 1 ? "" : "s") + " but the header has " +
                                         std::to_string(targets_.size()));
      return;
    }
    reg_.lines.push_back(line);
    // Plain pointers in locals for the loop: the compiler would reload the vectors' (and the
    // data's) pointers after every store into a column, as they might have changed.
    const char* const data = reg_.data->data();
    const Target* t = targets_.data();
    for (const CsvField *f = fields.data(), *end = f + fields.size(); f != end; ++f, ++t) {
      if (t->column) Cell(*f, *t, data);
    }
  }

  // Stores one cell. The common case, a well-formed value, builds no message and calls nothing
  // but its parser; empty cells, quotes to undouble and errors are handled apart.
  void Cell(const CsvField& f, const Target& t, const char* data) {
    if (f.raw.empty()) return EmptyCell(f, t);
    if (f.raw.size() > limits::kRegisterFieldBytes) [[unlikely]]
      LongField(f);
    RegisterColumn& col = *t.column;
    col.present.push_back(1);
    switch (col.type) {
      case ColumnType::kText: {
        const size_t offset = static_cast<size_t>(f.raw.data() - data);
        const size_t length = f.has_escapes ? Undouble(offset, f.raw) : f.raw.size();
        col.texts.push_back({static_cast<uint32_t>(offset), static_cast<uint32_t>(length)});
        return;
      }
      case ColumnType::kNumber: {
        double v = 0;
        auto [p, ec] = std::from_chars(f.raw.data(), f.raw.data() + f.raw.size(), v);
        if (ec != std::errc() || p != f.raw.data() + f.raw.size()) {
          BadCell(f, *t.spec, "a number");
        } else if (!(std::fabs(v) <= limits::kNumberMagnitude)) [[unlikely]] {
          BadNumber(f, *t.spec, v);  // NaN and infinity (from_chars reads them) fail the test too
          v = 0;
        }
        col.numbers.push_back(v);
        return;
      }
      case ColumnType::kDate: {
        std::optional<Date> d = ParseDate(f.raw);
        if (!d) BadCell(f, *t.spec, "a date written YYYY-MM-DD");
        col.dates.push_back(d ? d->days : 0);
        return;
      }
      case ColumnType::kBool: {
        std::optional<bool> b = ParseFlag(f.raw);
        if (!b) BadCell(f, *t.spec, "true or false (or yes/no)");
        col.flags.push_back(b.value_or(false));
        return;
      }
    }
  }

  // An empty cell is null: not present, with a zero value (and an empty text where it stands).
  void EmptyCell(const CsvField& f, const Target& t) {
    if (t.spec->required)
      Error(f, "column '" + t.spec->name + "' is required but this record leaves it empty");
    RegisterColumn& col = *t.column;
    col.present.push_back(0);
    switch (col.type) {
      case ColumnType::kText:
        col.texts.push_back({static_cast<uint32_t>(f.raw.data() - reg_.data->data()), 0});
        return;
      case ColumnType::kNumber: col.numbers.push_back(0); return;
      case ColumnType::kDate: col.dates.push_back(0); return;
      case ColumnType::kBool: col.flags.push_back(0); return;
    }
  }

  // Undoubles the quotes of the quoted cell `raw`, at `offset` in the data, in place (the text
  // only shrinks, and the reader is past it) and returns its new length, as CsvUnescape would
  // but without a copy.
  size_t Undouble(size_t offset, std::string_view raw) {
    char* const begin = reg_.data->data() + offset;
    char* out = begin;
    for (size_t i = 0; i < raw.size(); ++i) {
      *out++ = raw[i];
      if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') ++i;
    }
    return static_cast<size_t>(out - begin);
  }

  // Out of line (cold) so that building the message costs the cells that are well formed
  // nothing.
  [[gnu::cold]] void BadCell(const CsvField& f, const ColumnSpec& spec, const char* what) {
    Error(f, "column '" + spec.name + "' must hold " + what + ", not " + Shown(f.raw));
  }

  // from_chars reads nan, inf and infinity (in any case, signed) as numbers; no comparison
  // with them means anything, so they are refused, as is a magnitude past the limit.
  [[gnu::cold]] void BadNumber(const CsvField& f, const ColumnSpec& spec, double v) {
    if (std::isnan(v) || std::isinf(v)) {
      Error(f, "column '" + spec.name + "' must hold a number, not " + Shown(f.raw) +
                   " (not-a-number and infinity are not values a rule can compare)");
    } else {
      Error(f, "column '" + spec.name + "' holds " + Shown(f.raw) +
                   ", beyond the number magnitude limit (numbers from -1e15 to 1e15)");
    }
  }

  const RegisterSpec& spec_;
  const std::string& path_;
  Diagnostics& diags_;
  Register reg_;
  std::vector<int> map_;         // file column -> spec column (-1: unknown)
  std::vector<Target> targets_;  // file column -> where its cells go
  int errors_ = 0;
};

}  // namespace

std::optional<Register> LoadRegister(const RegisterSpec& spec, const std::string& path,
                                     Diagnostics& diags) {
  return Loader(spec, path, diags).Run();
}

}  // namespace forcecheck
