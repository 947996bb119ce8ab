#pragma once

// The files a run has read, by identity (device and inode number), so that no output of the
// run can replace one of them, whatever path names it: another spelling, a symbolic link or a
// hard link all lead to the same identity.

#include <sys/stat.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace forcecheck {

class InputsRead {
 public:
  // Starts recording: while this object lives, every file ReadTextFile opens is noted in it.
  // One at a time (RunCli makes one for each command); without one, nothing is recorded.
  InputsRead();
  ~InputsRead();
  InputsRead(const InputsRead&) = delete;
  InputsRead& operator=(const InputsRead&) = delete;

  // The one recording now, or null.
  static const InputsRead* Current();

  // The path the file `st` describes was read as, or nullopt when the run has not read it.
  std::optional<std::string> Find(const struct stat& st) const;

 private:
  friend void NoteInputRead(const struct stat& st, const std::string& path);

  mutable std::mutex mutex_;  // inputs are read from several threads at once
  std::map<std::pair<dev_t, ino_t>, std::string> files_;
};

// Notes that `path`, opened and described by `st`, is an input of the current run (if any).
// Thread-safe.
void NoteInputRead(const struct stat& st, const std::string& path);

}  // namespace forcecheck
