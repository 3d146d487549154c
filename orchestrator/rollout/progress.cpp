#include "orchestrator/rollout/progress.hpp"

#include "orchestrator/rollout/progress_log.hpp"
#include "orchestrator/rollout/progress_terminal.hpp"

#include <unistd.h>

namespace fleet::orchestrator::rollout {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::unique_ptr<Progress> make_progress(std::ostream& out, bool terminal) {
    if (terminal) return std::make_unique<TerminalProgress>(out);
    return std::make_unique<LogProgress>(out);
}

} // namespace fleet::orchestrator::rollout
