// ParallelFor: runs fn(0..n-1) on up to the machine's cores. Used where the
// work items are independent (parsing the files of a kustomization,
// writing the documents of a build).
#ifndef FERRY_KUSTOMIZE_PARALLEL_H_
#define FERRY_KUSTOMIZE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ferry::kustomize {

/// Calls fn(i) for every i in [0, n), spreading the calls over threads when
/// there is more than one item; returns when all calls are done.
template <typename Fn>
void ParallelFor(size_t n, Fn&& fn) {
  size_t threads = std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_PARALLEL_H_
