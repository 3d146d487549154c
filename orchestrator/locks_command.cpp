#include "orchestrator/locks_command.hpp"

#include "engine/command/target_locks.hpp"
#include "engine/error.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/locks_json.hpp"
#include "plugins/reporters/locks_table.hpp"

#include <fmt/format.h>
#include <iostream>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;

int run_locks(const GlobalOptions& global, std::ostream& out) {
    const bool json = parse_output_format(global, "locks") == OutputFormat::json;

    auto list = resolve_targets(global, Needs::database);
    auto rows = read_in_parallel<reporters::LocksRow>(list.selected, [&](std::size_t i) {
        const auto& listed = list.targets[i];
        return reporters::LocksRow{listed.environment, listed.database,
                                   engine::command::target_locks(listed.target)};
    });

    if (json) {
        reporters::render_locks_json(rows, out);
    } else {
        reporters::render_locks_table(rows, out);
    }
    auto code = reporters::locks_exit_code(rows);
    if (code == ExitCode::failed)
        std::cerr << "ERROR: some targets could not be asked (see above)\n";
    return static_cast<int>(code);
}

} // namespace fleet::orchestrator
