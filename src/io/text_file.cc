#include "io/text_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/limits.h"
#include "io/inputs_read.h"
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
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
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
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
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

namespace {

// Every refusal to read an input begins so: one form, whatever the file and its role.
const std::string kCannotRead = "cannot read file: ";

// The limit's name in limits::kTable ("the YAML file limit"), for a message naming it.
std::string LimitName(size_t max_bytes) {
  for (const limits::Limit& l : limits::kTable) {
    if (l.unit == "bytes" && l.name.ends_with(" file") &&
        l.value == static_cast<double>(max_bytes)) {
      return "the " + std::string(l.name) + " limit";
    }
  }
  return "the limit";
}

std::string TooLarge(uintmax_t size, size_t max_bytes) {
  return kCannotRead + "it is too large (" + std::to_string(size) + " bytes; " +
         LimitName(max_bytes) + " is " + std::to_string(max_bytes) + " bytes)";
}

bool SameFileState(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// Reads the regular file `fd` of `size` bytes whole, and one byte more to learn whether it
// grew. Returns false on a read error (errno set).
bool ReadWhole(int fd, size_t size, std::string& text) {
  text.reserve(size + 1);
  AdviseHugePages(text.data(), size);
  text.resize(size + 1);
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  return true;
}

// Closes the descriptor when the read is over, however it ends.
struct FileCloser {
  int fd;
  ~FileCloser() { close(fd); }
};

}  // namespace

std::string DescribeFileType(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

std::string DescribeOpenFailure(const std::string& path, int error) {
  struct stat link {};
  const bool is_link = lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
  if (error == ENOENT && is_link) return "it is a symbolic link to a missing file";
  if (error == ENOENT) return "no such file";
  if (error == ELOOP) return "it is a symbolic link that leads round in a loop";
  if (error == EACCES) return "permission denied";
  if (error == ENXIO) return "it is a socket, not a regular file";  // open() of a socket
  if (error == ENOTDIR) return "a folder on its path is a file";
  return std::strerror(error);
}

std::optional<std::string> ReadTextFile(const std::string& path, Diagnostics& diags,
                                        size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (its type is refused below).
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    diags.Error({path}, kCannotRead + DescribeOpenFailure(path, errno));
    return std::nullopt;
  }
  const FileCloser closer{fd};
  struct stat before {};
  if (fstat(fd, &before) != 0) {
    diags.Error({path}, kCannotRead + std::strerror(errno));
    return std::nullopt;
  }
  if (!S_ISREG(before.st_mode)) {
    diags.Error({path},
                kCannotRead + "it is " + DescribeFileType(before.st_mode) + ", not a regular file");
    return std::nullopt;
  }
  const auto size = static_cast<uintmax_t>(before.st_size);
  if (size > max_bytes) {
    diags.Error({path}, TooLarge(size, max_bytes));
    return std::nullopt;
  }
  NoteInputRead(before, path);
  std::string text;
  if (!ReadWhole(fd, static_cast<size_t>(size), text)) {
    diags.Error({path}, kCannotRead + std::strerror(errno));
    return std::nullopt;
  }
  // A file written while it is read may be read half old, half new: refused, not guessed at.
  struct stat after {};
  if (text.size() != size || fstat(fd, &after) != 0 || !SameFileState(before, after)) {
    diags.Error({path}, kCannotRead +
                            "it changed while it was being read (is something still writing it?)");
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
