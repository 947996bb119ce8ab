#include "evidence/csv.h"

#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace forcecheck {
namespace {

// The bytes that end an unquoted field, or are wrong inside one: one table lookup a byte
// instead of four comparisons.
constexpr std::array<bool, 256> kStops = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = t[static_cast<unsigned char>('"')] = true;
  return t;
}();

// The position of the first byte at or after `pos` that ends an unquoted field (or is a
// quote), or `n`. Sixteen bytes at a time where SSE2 is available (every x86-64 machine).
inline size_t FindStop(const char* d, size_t pos, size_t n) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                quote = _mm_set1_epi8('"');
  for (; pos + 16 <= n; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
    if (const int mask = _mm_movemask_epi8(hit)) return pos + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (pos < n && !kStops[static_cast<unsigned char>(d[pos])]) ++pos;
  return pos;
}

}  // namespace

bool CsvReader::Fail(std::string message, size_t at) {
  error_ = std::move(message);
  error_line_ = line_;
  error_column_ = ColumnAt(at);
  return false;
}

bool CsvReader::Next(std::vector<CsvField>& fields) {
  fields.clear();
  const size_t n = data_.size();
  if (pos_ >= n || !error_.empty()) return false;
  record_line_ = line_;
  const char* d = data_.data();
  while (true) {
    CsvField f;
    f.line = line_;
    f.column = ColumnAt(pos_);
    if (pos_ < n && d[pos_] == '"') {
      const size_t open = pos_++;
      size_t start = pos_;
      while (true) {
        const void* q = pos_ < n ? std::memchr(d + pos_, '"', n - pos_) : nullptr;
        // Count the line breaks inside the quotes, to keep positions right.
        const size_t end = q ? static_cast<size_t>(static_cast<const char*>(q) - d) : n;
        for (const char* p = d + pos_; (p = static_cast<const char*>(std::memchr(p, '\n', (d + end) - p)));) {
          ++line_;
          line_start_ = static_cast<size_t>(++p - d);
        }
        if (!q) {
          line_ = f.line;
          line_start_ = open - (f.column - 1);
          return Fail("unterminated quoted field: no closing quote before the end of the file", open);
        }
        pos_ = end + 1;
        if (pos_ < n && d[pos_] == '"') {  // a doubled quote inside the field
          f.has_escapes = true;
          ++pos_;
          continue;
        }
        break;
      }
      f.quoted = true;
      f.raw = data_.substr(start, pos_ - 1 - start);
      if (pos_ < n && d[pos_] != ',' && d[pos_] != '\n' && d[pos_] != '\r') {
        return Fail("unexpected character after a closing quote (a quote inside a quoted field "
                    "must be doubled)", pos_);
      }
    } else {
      const size_t start = pos_;
      pos_ = FindStop(d, pos_, n);
      if (pos_ < n && d[pos_] == '"') return Fail("unexpected quote in an unquoted field (quote the whole field)", pos_);
      f.raw = data_.substr(start, pos_ - start);
    }
    fields.push_back(f);
    if (pos_ >= n) return true;
    const char c = d[pos_++];
    if (c == ',') continue;
    if (c == '\r') {
      if (pos_ < n && d[pos_] == '\n') ++pos_;
      else return Fail("a carriage return must be followed by a line feed", pos_ - 1);
    }
    ++line_;
    line_start_ = pos_;
    return true;
  }
}

std::string CsvUnescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') ++i;
  }
  return out;
}

}  // namespace forcecheck
