#include "orchestrator/lint/facts_reader.hpp"

namespace fleet::orchestrator::lint {

const FactsReader* facts_reader(std::string_view dialect) noexcept {
    for (const FactsReader* reader : {&postgres_facts_reader(), &sqlite_facts_reader()}) {
        if (reader->dialect == dialect) return reader;
    }
    return nullptr;
}

} // namespace fleet::orchestrator::lint
