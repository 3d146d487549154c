#include "orchestrator/diff_command.hpp"

#include "engine/command/target_schema.hpp"
#include "engine/error.hpp"
#include "engine/util/text.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/target_resolver.hpp"
#include "plugins/reporters/diff_json.hpp"
#include "plugins/reporters/diff_table.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;

namespace {

// One side as the command line names it, before any database is opened.
struct ChosenSide {
    std::string name;
    bool environment = false;
    std::vector<inventory::TargetSpec> targets;
};

// The targets one side names. The side is an environment when it is exactly
// an environment's name (as -n reads it); else it must choose one database.
ChosenSide choose_side(const GlobalOptions& global, const std::string& name) {
    if (name.empty()) throw UsageError("fleet diff: an empty name cannot choose a database");
    GlobalOptions options = global;
    options.names = {name};
    auto selected = select_targets(options, Needs::database);
    // Without an inventory there is one database, default/default, and -n
    // has nothing to choose from: a diff of it with itself would say nothing.
    if (selected.targets.size() == 1 && selected.targets.front().file.empty())
        throw UsageError("fleet diff compares databases of an inventory: give -c FILE or write a "
                         "fleet.yaml naming them");
    ChosenSide side;
    side.name = name;
    side.environment = name.find('/') == std::string::npos &&
                       std::find(selected.environments.begin(), selected.environments.end(),
                                 name) != selected.environments.end();
    if (!side.environment && selected.targets.size() != 1) {
        std::vector<std::string> names;
        for (const auto& target : selected.targets)
            names.push_back(target.full_name());
        throw UsageError(
            fmt::format("fleet diff: '{}' matches {} databases ({}); name one as ENV/DATABASE, "
                        "or an environment",
                        name, selected.targets.size(), engine::util::name_list(names, 8)));
    }
    if (!side.environment) side.name = selected.targets.front().full_name();
    side.targets = std::move(selected.targets);
    return side;
}

reporters::DiffSideInput read_side(const ChosenSide& chosen) {
    reporters::DiffSideInput side{chosen.name, chosen.environment, {}};
    side.targets =
        read_in_parallel<engine::command::TargetSchema>(chosen.targets, [&](std::size_t i) {
            return engine::command::read_target_schema(
                command_target(chosen.targets[i], Needs::database));
        });
    return side;
}

} // namespace

void add_diff_options(CLI::App& command, DiffCommandOptions& options) {
    command.add_option("left", options.left, "an environment, ENV/DATABASE, or a database name")
        ->required();
    command.add_option("right", options.right, "an environment, ENV/DATABASE, or a database name")
        ->required();
}

int run_diff(const GlobalOptions& global, const DiffCommandOptions& options, std::ostream& out) {
    const bool json = parse_output_format(global, "diff") == OutputFormat::json;
    // The two arguments alone choose; a selector would only narrow a side
    // into something other than what was named, so it is refused, not ignored.
    if (!global.names.empty() || !global.envs.empty() || !global.shard.empty())
        throw UsageError("fleet diff takes its two sides as arguments (an environment, "
                         "ENV/DATABASE or a database name); -n, --env and --shard do not apply");
    // Both sides are resolved before any database is opened: a bad name is
    // bad usage, whatever the databases say.
    auto left = choose_side(global, options.left);
    auto right = choose_side(global, options.right);
    auto report = reporters::make_diff_report(read_side(left), read_side(right));
    if (json)
        reporters::render_diff_json(report, out);
    else
        reporters::render_diff_table(report, out);
    auto code = reporters::diff_exit_code(report);
    if (code == ExitCode::failed) std::cerr << "ERROR: some targets could not be read\n";
    if (code == ExitCode::out_of_sync) std::cerr << "the schemas differ\n";
    return static_cast<int>(code);
}

} // namespace fleet::orchestrator
