#include "plugins/reporters/locks_report.hpp"

namespace fleet::plugins::reporters {

LocksCounts count_locks(const std::vector<LocksRow>& rows) {
    LocksCounts counts;
    counts.targets = rows.size();
    for (const auto& row : rows) {
        switch (row.locks.state) {
        case LockState::held:
            ++counts.held;
            break;
        case LockState::free:
            ++counts.free;
            break;
        case LockState::unreachable:
        case LockState::error:
            ++counts.failed;
            break;
        }
    }
    return counts;
}

ExitCode locks_exit_code(const std::vector<LocksRow>& rows) {
    return count_locks(rows).failed > 0 ? ExitCode::failed : ExitCode::ok;
}

} // namespace fleet::plugins::reporters
