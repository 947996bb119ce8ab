#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace forcecheck {

namespace {

// FORCECHECK_JOBS's number; 0 when it is unset or empty, -1 when it is not a valid one.
long JobsVariable() {
  const char* env = std::getenv("FORCECHECK_JOBS");
  if (!env || !*env) return 0;
  for (const char* c = env; *c; ++c) {
    if (*c < '0' || *c > '9' || c - env >= 4) return -1;  // also refuses signs and spaces
  }
  const long n = std::strtol(env, nullptr, 10);
  return n >= 1 && n <= kMaxJobs ? n : -1;
}

}  // namespace

size_t WorkerCount() {
  if (const long n = JobsVariable(); n > 0) return static_cast<size_t>(n);
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string CheckJobsVariable() {
  if (JobsVariable() >= 0) return "";
  return "FORCECHECK_JOBS must be a whole number of threads from 1 to " + std::to_string(kMaxJobs) +
         ", not '" + std::getenv("FORCECHECK_JOBS") + "'";
}

void ParallelFor(size_t n, const std::function<void(size_t i, size_t worker)>& work) {
  const size_t workers = std::min(WorkerCount(), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) work(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::mutex failed_mutex;
  std::exception_ptr failed;
  auto run = [&](size_t worker) {
    for (size_t i = next++; i < n; i = next++) {
      try {
        work(i, worker);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failed_mutex);
        if (!failed) failed = std::current_exception();
        next = n;  // no worker takes more
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (std::thread& t : threads) t.join();
  if (failed) std::rethrow_exception(failed);
}

std::vector<size_t> LargestFirst(const std::vector<uint64_t>& sizes) {
  std::vector<size_t> order(sizes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

}  // namespace forcecheck
