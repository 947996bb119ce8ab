#include "io/text_file.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace forcecheck {

namespace {

// Skips whole 64-byte blocks of `s` from `i` while every byte is ASCII and none is NUL, and
// returns where it stopped: most input is plain ASCII, which SSE2 (every x86-64 machine)
// checks sixteen bytes at a time. The caller goes on from there in smaller steps.
inline size_t SkipAsciiBlocks(const unsigned char* s, size_t i, size_t n) {
#if defined(__SSE2__)
  for (; n - i >= 64; i += 64) {
    const auto* p = reinterpret_cast<const __m128i*>(s + i);
    const __m128i a = _mm_loadu_si128(p), b = _mm_loadu_si128(p + 1);
    const __m128i c = _mm_loadu_si128(p + 2), d = _mm_loadu_si128(p + 3);
    // A byte of 0x80 or more has its top bit set, in the OR of the four; a NUL makes their
    // bytewise minimum 0.
    const __m128i high = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
    const __m128i low = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
    const __m128i nul = _mm_cmpeq_epi8(low, _mm_setzero_si128());
    if (_mm_movemask_epi8(_mm_or_si128(high, nul)) != 0) break;
  }
#endif
  return i;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    i = SkipAsciiBlocks(s, i, n);
    // Eight bytes at a time while they are all ASCII and none is NUL.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      const bool ascii = (w & 0x8080808080808080ULL) == 0;
      const bool has_zero = ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
      if (!ascii || has_zero) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c == 0) return i;
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

SourceLocation LocationAtOffset(const std::string& file, std::string_view text, size_t offset) {
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
  }
  return {file, line, column};
}

void AdviseHugePages(void* data, size_t size) {
  // Only the whole 2 MB pages inside the buffer.
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const auto from = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const auto to = (reinterpret_cast<uintptr_t>(data) + size) & ~(kHuge - 1);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

std::optional<std::string> ReadTextFile(const std::string& path, Diagnostics& diags,
                                        size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    diags.Error({path}, "cannot read file: no such file");
    return std::nullopt;
  }
  if (fs::is_directory(st)) {
    diags.Error({path}, "cannot read file: it is a directory");
    return std::nullopt;
  }
  if (fs::is_regular_file(st)) {
    uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      diags.Error({path}, "file is too large (" + std::to_string(size) + " bytes; the limit is " +
                              std::to_string(max_bytes) + ")");
      return std::nullopt;
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error({path}, std::string("cannot read file: ") + std::strerror(errno));
    return std::nullopt;
  }
  std::string text;
  {
    // A regular file is read straight into a buffer of its size, so a large register is
    // neither copied as it grows nor through a buffer; whatever it holds beyond that size (it
    // grew), and any other kind of file, is read by the loop below.
    std::error_code size_ec;
    const uintmax_t size = fs::is_regular_file(st) ? fs::file_size(path, size_ec) : 0;
    if (!size_ec && size > 0 && size <= max_bytes) {
      text.reserve(static_cast<size_t>(size));
      AdviseHugePages(text.data(), static_cast<size_t>(size));
      text.resize(static_cast<size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<size_t>(in.gcount()));
    }
  }
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      diags.Error({path}, "file is too large (the limit is " + std::to_string(max_bytes) +
                              " bytes)");
      return std::nullopt;
    }
  }
  if (in.bad()) {
    diags.Error({path}, "cannot read file: read failed");
    return std::nullopt;
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    diags.Error(LocationAtOffset(path, text, bad),
                text[bad] == '\0' ? "file contains a NUL byte: it is not a text file"
                                  : "file is not valid UTF-8");
    return std::nullopt;
  }
  return text;
}

}  // namespace forcecheck
