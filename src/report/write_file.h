#pragma once

// Writing what a run produces (reports, JUnit results, evidence templates), all or nothing.
//
// Every destination is checked before any is written (CheckDestinations), then all are written
// (WriteFiles): each to a temporary file beside its target, flushed to disk, and only when
// every one is complete renamed over its target, so neither a half-written file nor half of a
// set of reports ever appears, even if the run is killed. Missing parent folders are created.
// A file that exists keeps its permissions; a new one gets 0666 less the umask.

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace forcecheck {

struct OutputFile {
  std::string path;
  std::string content;
};

// Reports at each destination's path why it cannot be written: it is a directory, a FIFO, a
// device or a socket; it is a file this run read (by identity, io/inputs_read.h: a hard link
// or another spelling of an input is caught); it lies in one of `input_folders` (a rule pack's
// folder, whose next load would read it); or it names the same file as an earlier destination.
// `what` names the outputs in messages ("report", "template").
void CheckDestinations(const std::vector<std::string>& paths,
                       const std::vector<std::string>& input_folders, const char* what,
                       Diagnostics& diags);

// Writes every file as described above. On a failure reports it at its path and returns
// false; then no target has been touched.
bool WriteFiles(const std::vector<OutputFile>& files, const char* what, Diagnostics& diags);

// One file, the same way. Returns an empty string or what went wrong (lower case).
std::string WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace forcecheck
