#pragma once

#include <atomic>
#include <memory>

namespace fleet::orchestrator::rollout {

// The shared state behind a StopSource and its tokens.
struct StopState {
    std::atomic<bool> stop{false};   // first signal: start nothing new
    std::atomic<bool> cancel{false}; // second signal: cut running work short
};

// What a per-target work function polls, from any thread: whether the
// rollout was asked to stop (finish the current step, start no further one)
// or to cancel (give up as soon as possible; the caller's cancel hook has
// already interrupted the running statement). Cheap to copy.
class StopToken {
  public:
    // A token that is never stopped.
    StopToken() : m_state(std::make_shared<StopState>()) {}
    explicit StopToken(std::shared_ptr<const StopState> state) : m_state(std::move(state)) {}

    // True once a stop (or a cancel) was requested. Never throws.
    bool stop_requested() const noexcept { return m_state->stop.load(std::memory_order_acquire); }
    // True once a cancel was requested. Never throws.
    bool cancel_requested() const noexcept {
        return m_state->cancel.load(std::memory_order_acquire);
    }

  private:
    std::shared_ptr<const StopState> m_state;
};

// The owner's side of StopToken. Thread-safe.
class StopSource {
  public:
    StopSource() : m_state(std::make_shared<StopState>()) {}

    StopToken token() const { return StopToken(m_state); }
    // Asks every token's holder to stop after its current step. Never throws.
    void request_stop() noexcept { m_state->stop.store(true, std::memory_order_release); }
    // Asks every token's holder to give up now; implies request_stop(). Never throws.
    void request_cancel() noexcept {
        m_state->stop.store(true, std::memory_order_release);
        m_state->cancel.store(true, std::memory_order_release);
    }
    bool stop_requested() const noexcept { return m_state->stop.load(std::memory_order_acquire); }
    bool cancel_requested() const noexcept {
        return m_state->cancel.load(std::memory_order_acquire);
    }

  private:
    std::shared_ptr<StopState> m_state;
};

} // namespace fleet::orchestrator::rollout
