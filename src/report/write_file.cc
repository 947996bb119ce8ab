#include "report/write_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include "io/inputs_read.h"
#include "io/paths.h"
#include "io/text_file.h"

namespace forcecheck {

namespace fs = std::filesystem;

namespace {

// The key two destinations share when they are one file: its identity when it exists, else
// its absolute path with symbolic links and '..' resolved.
std::string DestinationKey(const std::string& path, const struct stat* st) {
  if (st) return "inode " + std::to_string(st->st_dev) + ":" + std::to_string(st->st_ino);
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return "path " + (ec ? fs::absolute(path, ec).lexically_normal() : resolved).string();
}

std::string DestinationProblem(const std::string& path, const struct stat* st,
                               const std::vector<std::string>& input_folders) {
  if (st && !S_ISREG(st->st_mode))
    return "it is " + DescribeFileType(st->st_mode) + ", not a regular file";
  if (const InputsRead* run = InputsRead::Current(); run && st) {
    if (std::optional<std::string> read_as = run->Find(*st)) {
      return "it is an input of this run (read as '" + *read_as + "')";
    }
  }
  for (const std::string& folder : input_folders) {
    if (PathInside(path, folder))
      return "it is inside the rule pack folder '" + folder +
             "', where it would be read as a rule file";
  }
  return "";
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// A temporary file beside its target, written and flushed, to be renamed over the target.
struct Staged {
  std::string target;
  std::string temp;  // empty until created
};

// Creates the temporary file for `target` and opens it as `fd`. Returns what went wrong, or empty.
std::string CreateTemp(const std::string& target, Staged& staged, int& fd) {
  struct stat existing {};
  const bool exists = stat(target.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) return "it is a directory";
  if (exists && !S_ISREG(existing.st_mode))
    return "it is " + DescribeFileType(existing.st_mode) + ", not a regular file";
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string temp = target + ".tmp." + std::to_string(random() % 1000000000);
    // 0666 less the umask for a new file, as any program creating one gives it.
    fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) return Errno("cannot create a temporary file");
    staged.temp = temp;
    if (exists && fchmod(fd, existing.st_mode & 07777) != 0) {
      std::string err = Errno("cannot keep the file's permissions");
      close(fd);
      return err;
    }
    return "";
  }
  return "cannot create a temporary file: every name tried exists";
}

bool WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Writes `content` to a new temporary file beside `target`. Returns what went wrong, or empty.
std::string Stage(const std::string& target, std::string_view content, Staged& staged) {
  staged.target = target;
  std::error_code ec;
  const fs::path parent = fs::path(target).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return "cannot create directory '" + parent.string() + "': " + ec.message();
  }
  int fd = -1;
  if (std::string problem = CreateTemp(target, staged, fd); !problem.empty()) return problem;
  if (!WriteAll(fd, content)) {
    std::string err = Errno("write failed");
    close(fd);
    return err;
  }
  if (fsync(fd) != 0) {
    std::string err = Errno("write failed");
    close(fd);
    return err;
  }
  return close(fd) == 0 ? "" : Errno("write failed");
}

void RemoveTemps(const std::vector<Staged>& staged) {
  for (const Staged& s : staged) {
    if (!s.temp.empty()) unlink(s.temp.c_str());
  }
}

struct Failure {
  std::string path;
  std::string problem;  // empty: none
};

// Stages every file, then renames them all; on a failure removes the temporary files left.
// (A rename can fail only when the folder changed under the run; the files renamed before
// it stay, complete.)
Failure StageAndRename(const std::vector<OutputFile>& files) {
  std::vector<Staged> staged(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (std::string problem = Stage(files[i].path, files[i].content, staged[i]); !problem.empty()) {
      RemoveTemps(staged);
      return {files[i].path, problem};
    }
  }
  for (size_t i = 0; i < staged.size(); ++i) {
    if (rename(staged[i].temp.c_str(), staged[i].target.c_str()) != 0) {
      std::string problem = Errno("cannot replace the file");
      RemoveTemps({staged.begin() + static_cast<std::ptrdiff_t>(i), staged.end()});
      return {files[i].path, problem};
    }
  }
  return {};
}

}  // namespace

void CheckDestinations(const std::vector<std::string>& paths,
                       const std::vector<std::string>& input_folders, const char* what,
                       Diagnostics& diags) {
  std::map<std::string, std::string> seen;  // DestinationKey -> the first path with it
  for (const std::string& path : paths) {
    struct stat st {};
    const bool exists = stat(path.c_str(), &st) == 0;
    if (!exists && errno != ENOENT) {
      diags.Error({path}, std::string("cannot write the ") + what + ": " +
                              DescribeOpenFailure(path, errno));
      continue;
    }
    std::string problem = DestinationProblem(path, exists ? &st : nullptr, input_folders);
    const auto [it, first] = seen.emplace(DestinationKey(path, exists ? &st : nullptr), path);
    if (problem.empty() && !first) problem = "it is named twice (also as '" + it->second + "')";
    if (!problem.empty())
      diags.Error({path}, std::string("cannot write the ") + what + ": " + problem);
  }
}

bool WriteFiles(const std::vector<OutputFile>& files, const char* what, Diagnostics& diags) {
  const Failure failure = StageAndRename(files);
  if (failure.problem.empty()) return true;
  diags.Error({failure.path}, std::string("cannot write the ") + what + ": " + failure.problem);
  return false;
}

std::string WriteFileAtomically(const std::string& path, std::string_view content) {
  return StageAndRename({OutputFile{path, std::string(content)}}).problem;
}

}  // namespace forcecheck
