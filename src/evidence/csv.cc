#include "evidence/csv.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace forcecheck {
namespace {

#if !defined(__SSE2__)
// The bytes that end an unquoted field, or are wrong inside one: one table lookup a byte
// instead of four comparisons.
constexpr std::array<bool, 256> kStops = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = t[static_cast<unsigned char>('"')] = true;
  return t;
}();
#endif

// One bit for each of the 64 bytes at `p` that ends an unquoted field or is a quote. Sixteen
// bytes at a time where SSE2 is available (every x86-64 machine).
inline uint64_t StopBits(const char* p) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                quote = _mm_set1_epi8('"');
  uint64_t bits = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
    bits |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(hit))} << (16 * k);
  }
  return bits;
#else
  uint64_t bits = 0;
  for (int i = 0; i < 64; ++i) bits |= uint64_t{kStops[static_cast<unsigned char>(p[i])]} << i;
  return bits;
#endif
}

// Classifies the 64-byte block of `data` at `at` (a multiple of 64 within it).
inline void LoadStopBlock(std::string_view data, size_t at, CsvStopBlock& block) {
  block.start = at;
  const size_t left = data.size() - at;
  if (left >= 64) {
    block.stops = StopBits(data.data() + at);
    return;
  }
  // The last, short block: classify a copy padded with bytes that are not stops, so that no
  // load reads past the data.
  char tail[64] = {};
  std::memcpy(tail, data.data() + at, left);
  block.stops = StopBits(tail);
}

// Takes the next stop from `block`, moving on through the data as needed: returns its
// position, or the end of the data when there is none. `block` holds only the stops not yet
// taken, so a field costs a bit scan, not a search.
inline size_t TakeStop(std::string_view data, CsvStopBlock& block) {
  if (block.stops == 0) [[unlikely]] {
    do {
      if (block.start + 64 >= data.size()) return data.size();
      LoadStopBlock(data, block.start + 64, block);
    } while (block.stops == 0);
  }
  // (Through unsigned, which widens for free: countr_zero returns an int.)
  const size_t stop = block.start + static_cast<unsigned>(std::countr_zero(block.stops));
  block.stops &= block.stops - 1;
  return stop;
}

// Drops the stops before `pos` (the reader has moved past them other than by TakeStop).
// REQUIRES: pos >= block.start.
inline void SkipStopsTo(std::string_view data, CsvStopBlock& block, size_t pos) {
  if (pos - block.start >= 64) {
    const size_t at = pos & ~size_t{63};
    if (at < data.size()) {
      LoadStopBlock(data, at, block);
    } else {
      block = {at, 0};
    }
  }
  block.stops &= ~uint64_t{0} << (pos - block.start);
}

}  // namespace

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (!data_.empty()) LoadStopBlock(data_, 0, block_);
}

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
  // The reader's state is copied into locals for the record and stored back at its end: the
  // compiler keeps them in registers, where it would reload members after every store into
  // `fields`. Only a quoted field (read by the members) and the record's end move line_.
  const std::string_view data = data_;
  const char* d = data.data();
  size_t pos = pos_, line_start = line_start_;
  uint32_t line = line_;
  CsvStopBlock block = block_;
  auto unquoted = [&](size_t from, size_t to) {
    return CsvField{std::string_view(d + from, to - from), false, false, line,
                    static_cast<uint32_t>(from - line_start) + 1};
  };
  while (true) {
    // The field ends at the next stop (a delimiter, or a quote) or at the end of the data.
    size_t end = TakeStop(data, block);
    if (end >= n) {
      fields.push_back(unquoted(pos, n));
      pos = n;
      break;
    }
    char c = d[end];
    if (c == '"') {
      if (end != pos)
        return Fail("unexpected quote in an unquoted field (quote the whole field)", end);
      pos_ = pos;
      CsvField f;
      if (!ReadQuoted(f)) return false;
      fields.push_back(f);
      line = line_;
      line_start = line_start_;
      end = pos_;  // just past the closing quote
      if (end >= n) {
        pos = n;
        break;
      }
      c = d[end];
      SkipStopsTo(data, block, end + 1);
    } else {
      fields.push_back(unquoted(pos, end));
    }
    pos = end + 1;
    if (c == ',') continue;
    if (c == '\r') {
      if (pos < n && d[pos] == '\n')
        SkipStopsTo(data, block, ++pos);
      else
        return Fail("a carriage return must be followed by a line feed", pos - 1);
    }
    line_ = line + 1;
    line_start_ = pos;
    break;
  }
  pos_ = pos;
  block_ = block;
  return true;
}

bool CsvReader::ReadQuoted(CsvField& f) {
  const size_t n = data_.size();
  const char* d = data_.data();
  f.line = line_;
  f.column = ColumnAt(pos_);
  const size_t open = pos_++;
  size_t start = pos_;
  while (true) {
    const void* q = pos_ < n ? std::memchr(d + pos_, '"', n - pos_) : nullptr;
    // Count the line breaks inside the quotes, to keep positions right.
    const size_t end = q ? static_cast<size_t>(static_cast<const char*>(q) - d) : n;
    for (const char* p = d + pos_;
         (p = static_cast<const char*>(std::memchr(p, '\n', (d + end) - p)));) {
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
                "must be doubled)",
                pos_);
  }
  return true;
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

size_t CountLineFeeds(std::string_view data) {
  const char* d = data.data();
  const size_t n = data.size();
  size_t count = 0, i = 0;
#if defined(__SSE2__)
  // 64 bytes a round, 16 at a time: each byte of `counters` counts the line feeds at its
  // offset (a match is -1, subtracted), at most 4 a round, and they are added up (psadbw)
  // every 63 rounds, before any can pass 255.
  const __m128i lf = _mm_set1_epi8('\n');
  while (n - i >= 64) {
    const size_t rounds = std::min<size_t>((n - i) / 64, 63);
    __m128i counters = _mm_setzero_si128();
    for (size_t r = 0; r < rounds; ++r, i += 64) {
      for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i + 16 * k));
        counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(v, lf));
      }
    }
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());  // two 64-bit sums
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; i < n; ++i) count += d[i] == '\n';
  return count;
}

}  // namespace forcecheck
