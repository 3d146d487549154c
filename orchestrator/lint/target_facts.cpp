#include "orchestrator/lint/target_facts.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"
#include "engine/util/text.hpp"
#include "orchestrator/parallel_reads.hpp"

#include <new>

namespace fleet::orchestrator::lint {

engine::lint::TargetFacts read_target_facts(const engine::command::Target& target,
                                            const std::set<std::string>& tables,
                                            const FactsOptions& options) {
    engine::lint::TargetFacts facts;
    facts.target = target.name;
    facts.statement_lock_timeout = target.settings.statement_lock_timeout;
    if (target.dialect) facts.dialect = target.dialect->name();
    try {
        if (!target.connect) throw UsageError("no database URL for " + target.name);
        // Opening a database not there would create it (a SQLite file).
        if (target.exists && !target.exists()) return facts;
        auto connection = target.connect();
        facts.dialect = connection->dialect().name();
        const FactsReader* reader = facts_reader(facts.dialect);
        if (!reader) throw UsageError("fleet reads no facts of " + facts.dialect + " databases");
        reader->read(*connection, tables, options, facts);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& error) {
        facts.unreadable = engine::url::mask_passwords(engine::util::one_line(error.what()));
        if (facts.unreadable.empty()) facts.unreadable = "unknown error";
    }
    return facts;
}

std::vector<engine::lint::TargetFacts> read_facts_in_parallel(const TargetList& list,
                                                              const std::set<std::string>& tables,
                                                              const FactsOptions& options) {
    return read_in_parallel<engine::lint::TargetFacts>(list.selected, [&](std::size_t i) {
        return read_target_facts(list.targets[i].target, tables, options);
    });
}

} // namespace fleet::orchestrator::lint
