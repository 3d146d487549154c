#pragma once

#include <chrono>

// How long fleet gives a notification (INTERFACE.md: one that fails is
// logged and never fails the rollout, which never waits on one). Fixed, not
// settings: they bound what a broken receiver can cost a run, and a few
// seconds suits any receiver that merely has to accept a small POST.
namespace fleet::orchestrator::notify {

// Opening a webhook's connection (TCP and TLS).
inline constexpr std::chrono::milliseconds k_connect_timeout = std::chrono::seconds{3};
// One webhook attempt, connection included: a receiver that accepts and
// never answers costs this much.
inline constexpr std::chrono::milliseconds k_attempt_timeout = std::chrono::seconds{5};
// Attempts of one webhook delivery: again only after a connection error, a
// timeout, a 5xx or a 429 (the receiver may be restarting); never after
// another 4xx, which would only be refused again.
inline constexpr int k_webhook_attempts = 3;
// The pause before the second attempt; doubled before each later one.
inline constexpr std::chrono::milliseconds k_first_retry_pause = std::chrono::milliseconds{500};
// A command has this long to read its event and exit; then it is killed
// (its whole process group).
inline constexpr std::chrono::milliseconds k_command_timeout = std::chrono::seconds{5};
// Once the rollout has ended, fleet waits at most this long for the
// notifications still being sent (the time of one webhook attempt), then
// gives up on them and says so.
inline constexpr std::chrono::milliseconds k_final_wait = std::chrono::seconds{5};

} // namespace fleet::orchestrator::notify
