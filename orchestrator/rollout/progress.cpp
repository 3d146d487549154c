#include "orchestrator/rollout/progress.hpp"

#include "orchestrator/rollout/progress_log.hpp"
#include "orchestrator/rollout/progress_terminal.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace fleet::orchestrator::rollout {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::unique_ptr<Progress> make_progress(std::ostream& out, bool terminal) {
    if (terminal) return std::make_unique<TerminalProgress>(out);
    return std::make_unique<LogProgress>(out);
}

std::string format_duration(std::chrono::milliseconds duration) {
    const long long ms = std::max<long long>(duration.count(), 0);
    if (ms < 1000) return fmt::format("{}ms", ms);
    if (ms < 60'000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
    const long long s = ms / 1000;
    if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
    return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

} // namespace fleet::orchestrator::rollout
