// ForEachParallel: runs a function over indices 0..n-1 on up to `workers`
// threads (the calling thread is one of them), for the bounded concurrency
// of applies, deletes and reads.
#ifndef FERRY_ENGINE_PARALLEL_H_
#define FERRY_ENGINE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ferry::engine {

template <typename Fn>
void ForEachParallel(size_t n, int workers, Fn fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  size_t extra = std::min<size_t>(n, std::max(workers, 1)) - (n ? 1 : 0);
  std::vector<std::thread> threads;
  threads.reserve(extra);
  for (size_t t = 0; t < extra; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_PARALLEL_H_
