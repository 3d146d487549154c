#include "orchestrator/audit_command.hpp"

#include "engine/error.hpp"

#include <CLI/CLI.hpp>

namespace fleet::orchestrator {

void add_audit_options(CLI::App&, AuditCommandOptions&) {}

int run_audit(const GlobalOptions&, const AuditCommandOptions&, std::ostream&) {
    throw UsageError("`fleet audit` is not implemented yet");
}

} // namespace fleet::orchestrator
