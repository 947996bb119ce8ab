#pragma once

// Work split across the machine's cores, with results that do not depend on how it was split:
// each index is handled exactly once, by whichever worker takes it next, and callers write
// each result to its own place. Used where the pipeline has independent pieces: the pack's
// files, the evidence's registers, the pack's rules.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace forcecheck {

// How many workers ParallelFor uses at most: the machine's cores, or FORCECHECK_JOBS when it
// is set to a positive number (1 runs everything on the calling thread).
size_t WorkerCount();

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
