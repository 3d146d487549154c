#pragma once

#include "orchestrator/cli_options.hpp"
#include "orchestrator/target_list.hpp"

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace fleet::orchestrator {

class ProjectCache;

struct LintCommandOptions {
    std::string revision;                   // REVISION or A:B; empty: what is pending
    std::vector<std::string> allow_hazards; // --allow-hazards RULE
    std::vector<std::string> dialects;      // --dialect, without a database
    std::string dev_url;                    // --dev-url
    bool no_dry_run = false;                // --no-dry-run
};

void add_lint_options(CLI::App& command, LintCommandOptions& options);

// `fleet lint` (INTERFACE.md, "Lint"): prints the findings in --format
// table|json|sarif|github and returns 0, or 3 when one reaches lint.fail_on
// without a waiver. Throws UsageError and InputError for bad input (exit 2).
int run_lint_command(const GlobalOptions& global, const LintCommandOptions& options,
                     std::ostream& out);

// The gate `upgrade` and `plan` pass before any target is touched: the
// safety check on what `upgrade revision` would apply to `list`'s targets
// (opened read-only). When a finding at lint.fail_on is neither waived in
// its revision nor allowed by `allow_hazards`, prints the findings on `err`
// and throws UsageError (exit 2) saying `command` was refused: nothing has
// been run.
void lint_gate(const TargetList& list, const ProjectCache& projects, const std::string& revision,
               const std::vector<std::string>& allow_hazards, const char* command,
               std::ostream& err);

} // namespace fleet::orchestrator
