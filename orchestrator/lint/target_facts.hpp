#pragma once

#include "engine/command/command.hpp"
#include "engine/lint/lint_facts.hpp"
#include "orchestrator/lint/facts_reader.hpp"
#include "orchestrator/target_list.hpp"

#include <set>
#include <string>
#include <vector>

// The live facts `fleet lint` decides per target with (INTERFACE.md,
// "Lint"): the server's version, the size of each table the pending
// revisions touch, the constraints and indexes that make a change safe,
// and the transactions open now that a lock would queue behind. Read-only
// and bounded in time: one read-only transaction whose every query gives up
// after options.timeout (the connection's own connect timeout bounds the
// rest).
namespace fleet::orchestrator::lint {

// The facts of one target for `tables` (the names the revisions touch; a
// dot means schema.table, a table not there is left out). A database not
// created yet (a SQLite file not there) has no tables and nothing open, and
// is not created. A target that cannot be read, or stops answering within
// the bound, has `unreadable` (one line, passwords masked) and keeps what
// was read before. Safe from any thread; never throws but std::bad_alloc.
engine::lint::TargetFacts read_target_facts(const engine::command::Target& target,
                                            const std::set<std::string>& tables,
                                            const FactsOptions& options = {});

// The same for every target of `list`, in its order, several at once under
// the limits a rollout keeps to (parallel_reads.hpp: each environment's
// concurrency and per_host). Never throws but std::bad_alloc.
std::vector<engine::lint::TargetFacts> read_facts_in_parallel(const TargetList& list,
                                                              const std::set<std::string>& tables,
                                                              const FactsOptions& options = {});

} // namespace fleet::orchestrator::lint
