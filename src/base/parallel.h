#pragma once

// Work split across the machine's cores, with results that do not depend on how it was split:
// each index is handled exactly once, by whichever worker takes it next, and callers write
// each result to its own place. Used where the pipeline has independent pieces: the pack's
// files, the evidence's registers, the pack's rules.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace forcecheck {

// The most FORCECHECK_JOBS may ask for.
inline constexpr long kMaxJobs = 256;

// How many workers ParallelFor uses at most: FORCECHECK_JOBS when it is set and not empty (1
// runs everything on the calling thread), else the machine's cores. A value that
// CheckJobsVariable refuses counts as unset here; the command line refuses it first.
size_t WorkerCount();

// The usage error for a FORCECHECK_JOBS that is not a whole number from 1 to kMaxJobs (set to
// an empty string, it is as if unset), or an empty string when it is fine.
std::string CheckJobsVariable();

// Calls work(i, worker) for every i in [0, n), worker being in [0, WorkerCount()), from up to
// WorkerCount() threads (the calling thread among them); returns when all calls have returned.
// Indices are taken in increasing order, so put the largest pieces first. If `work` throws,
// no worker starts another piece, and the first exception is rethrown here once all have
// stopped (as if the work had been done on this thread alone).
void ParallelFor(size_t n, const std::function<void(size_t i, size_t worker)>& work);

// The indices of `sizes`, largest size first (equal sizes in index order): the order in which
// to hand pieces to ParallelFor so that the workers finish together.
std::vector<size_t> LargestFirst(const std::vector<uint64_t>& sizes);

}  // namespace forcecheck
