#include "io/inputs_read.h"

#include <stdexcept>

namespace forcecheck {

namespace {
InputsRead* g_current = nullptr;
}  // namespace

InputsRead::InputsRead() {
  if (g_current) throw std::logic_error("InputsRead: one run records at a time");
  g_current = this;
}

InputsRead::~InputsRead() { g_current = nullptr; }

const InputsRead* InputsRead::Current() { return g_current; }

std::optional<std::string> InputsRead::Find(const struct stat& st) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto it = files_.find({st.st_dev, st.st_ino});
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

void NoteInputRead(const struct stat& st, const std::string& path) {
  InputsRead* run = g_current;
  if (!run) return;
  const std::lock_guard<std::mutex> lock(run->mutex_);
  run->files_.emplace(std::make_pair(st.st_dev, st.st_ino), path);
}

}  // namespace forcecheck
