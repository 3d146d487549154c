#include "orchestrator/notify/stop_flag.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace fleet::orchestrator::notify {

StopFlag::StopFlag() : m_fd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (m_fd < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

StopFlag::~StopFlag() { close(m_fd); }

void StopFlag::raise() noexcept {
    m_raised.store(true);
    const std::uint64_t one = 1;
    // Never read back, so the descriptor stays readable for every later poll.
    [[maybe_unused]] const auto written = write(m_fd, &one, sizeof one);
}

bool StopFlag::sleep_for(std::chrono::milliseconds pause) const noexcept {
    const auto deadline = std::chrono::steady_clock::now() + pause;
    while (!raised()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        pollfd wait{m_fd, POLLIN, 0};
        poll(&wait, 1, static_cast<int>(left.count()) + 1);
    }
    return false;
}

} // namespace fleet::orchestrator::notify
