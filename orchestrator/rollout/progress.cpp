#include "orchestrator/rollout/progress.hpp"

#include "orchestrator/rollout/progress_log.hpp"
#include "orchestrator/rollout/progress_terminal.hpp"

#include "engine/util/duration.hpp"

#include <unistd.h>

namespace fleet::orchestrator::rollout {

std::string eta_text(std::chrono::steady_clock::duration elapsed, std::size_t ended,
                     std::size_t total) {
    if (ended == 0 || ended >= total) return {};
    const auto remaining =
        elapsed * static_cast<long long>(total - ended) / static_cast<long long>(ended);
    return ", ETA " + engine::util::human_duration(
                          std::chrono::duration_cast<std::chrono::milliseconds>(remaining));
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::unique_ptr<Progress> make_progress(std::ostream& out, bool terminal) {
    if (terminal) return std::make_unique<TerminalProgress>(out);
    return std::make_unique<LogProgress>(out);
}

} // namespace fleet::orchestrator::rollout
