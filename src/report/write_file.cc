#include "report/write_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace forcecheck {

std::string WriteFileAtomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) return "cannot create directory '" + target.parent_path().string() + "': " + ec.message();
  }
  if (fs::is_directory(target, ec)) return "it is a directory";
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string err = std::string("write failed: ") + std::strerror(errno);
      close(fd);
      unlink(tmp.c_str());
      return err;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  fchmod(fd, 0644);
  if (fsync(fd) != 0 || close(fd) != 0) {
    std::string err = std::string("write failed: ") + std::strerror(errno);
    unlink(tmp.c_str());
    return err;
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = std::string("cannot replace the file: ") + std::strerror(errno);
    unlink(tmp.c_str());
    return err;
  }
  return {};
}

}  // namespace forcecheck
