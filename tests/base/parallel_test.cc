// ParallelFor: every index handled exactly once whatever the number of workers, workers
// numbered below WorkerCount(), FORCECHECK_JOBS honoured (and refused unless it is a number from 1
// to 256), and an exception thrown by the work rethrown on the calling thread. LargestFirst's
// order.

#include "base/parallel.h"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

// Sets FORCECHECK_JOBS for the life of the object (each test runs in a process of its own).
class Jobs {
 public:
  explicit Jobs(const char* value) { setenv("FORCECHECK_JOBS", value, 1); }
  ~Jobs() { unsetenv("FORCECHECK_JOBS"); }
};

TEST(WorkerCountTest, ReadsAPositiveNumberFromTheEnvironment) {
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  for (const auto& [value, count] :
       {std::pair<const char*, size_t>{"3", 3}, {"1", 1}, {"256", 256}, {"0007", 7}}) {
    Jobs jobs(value);
    EXPECT_EQ(WorkerCount(), count) << "FORCECHECK_JOBS='" << value << "'";
    EXPECT_EQ(CheckJobsVariable(), "");
  }
  Jobs empty("");  // as if unset
  EXPECT_EQ(WorkerCount(), cores);
  EXPECT_EQ(CheckJobsVariable(), "");
}

TEST(WorkerCountTest, RefusesAnythingButANumberOfThreads) {
  for (const char* bad : {"0", "-2", "+2", " 2", "two", "3x", "257", "99999999999999999999"}) {
    Jobs jobs(bad);
    EXPECT_EQ(
        CheckJobsVariable(),
        std::string("FORCECHECK_JOBS must be a whole number of threads from 1 to 256, not '") +
            bad + "'");
  }
}

TEST(ParallelForTest, HandlesEveryIndexExactlyOnce) {
  for (const char* workers : {"1", "2", "7"}) {
    Jobs jobs(workers);
    for (size_t n : {0u, 1u, 5u, 1000u}) {
      std::vector<std::atomic<int>> seen(n);
      std::atomic<bool> worker_in_range{true};
      ParallelFor(n, [&](size_t i, size_t worker) {
        seen[i]++;
        if (worker >= WorkerCount()) worker_in_range = false;
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i].load(), 1) << "index " << i << " of " << n;
      EXPECT_TRUE(worker_in_range);
    }
  }
}

TEST(ParallelForTest, OneWorkerRunsInOrderOnTheCallingThread) {
  Jobs jobs("1");
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool same_thread = true;
  ParallelFor(4, [&](size_t i, size_t) {
    order.push_back(i);
    same_thread = same_thread && std::this_thread::get_id() == caller;
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_TRUE(same_thread);
}

TEST(ParallelForTest, RethrowsWhatTheWorkThrows) {
  for (const char* workers : {"1", "3"}) {
    Jobs jobs(workers);
    EXPECT_THROW(ParallelFor(100,
                             [](size_t i, size_t) {
                               if (i == 42) throw std::runtime_error("piece 42");
                             }),
                 std::runtime_error);
  }
}

TEST(LargestFirstTest, OrdersBySizeKeepingTiesInIndexOrder) {
  EXPECT_EQ(LargestFirst({3, 9, 3, 0, 9}), (std::vector<size_t>{1, 4, 0, 2, 3}));
  EXPECT_EQ(LargestFirst({}), std::vector<size_t>{});
}

}  // namespace
}  // namespace forcecheck
