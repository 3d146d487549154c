#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace fleet::orchestrator {

// `fleet locks`: for every selected target (read-only: the whole inventory by
// default), who holds its migration lock, and since when; takes and creates
// nothing. Rendered as --format table (default) or json. Returns 1 when a
// target could not be asked (unreachable), else 0: a held lock is not an
// error. Throws fleet::UsageError / fleet::InputError (exit 2) for bad usage
// or inventory. It has no options of its own: the selectors and --format of
// every command.
int run_locks(const GlobalOptions& global, std::ostream& out);

} // namespace fleet::orchestrator
