#include "orchestrator/plan_command.hpp"

#include "engine/error.hpp"

#include <CLI/CLI.hpp>

namespace fleet::orchestrator {

void add_plan_options(CLI::App&, PlanCommandOptions&) {}

int run_plan(const GlobalOptions&, const PlanCommandOptions&, std::ostream&) {
    throw UsageError("`fleet plan` is not implemented yet");
}

} // namespace fleet::orchestrator
