#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fleet::orchestrator {

// How many targets the read-only commands (status, plan, audit, locks, diff)
// read at once: their work is waiting on databases, not CPU, so a fleet of
// 240 databases reads in about the time of its slowest few instead of the sum.
inline constexpr std::size_t k_read_jobs = 8;

// Calls read(i) for every i in [0, count) on up to `jobs` threads and returns
// the results in index order. read must be safe to call from several threads
// at once (the per-target engine functions are: they share only const
// Projects). The first exception read throws is rethrown here after every
// thread has stopped; the per-target functions never throw but bad_alloc.
template <typename Result, typename Read>
std::vector<Result> read_in_parallel(std::size_t count, Read read, std::size_t jobs = k_read_jobs) {
    std::vector<Result> results(count);
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < count;) {
            try {
                results[i] = read(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = count; // start nothing more
            }
        }
    };
    std::vector<std::thread> threads;
    const std::size_t extra = std::min(jobs, count) > 0 ? std::min(jobs, count) - 1 : 0;
    for (std::size_t t = 0; t < extra; ++t) threads.emplace_back(worker);
    worker(); // this thread works too
    for (auto& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);
    return results;
}

} // namespace fleet::orchestrator
