#include "orchestrator/lint/session_probe.hpp"

namespace fleet::orchestrator::lint {

const SessionProbe* session_probe(std::string_view dialect) noexcept {
    for (const SessionProbe* probe : {&postgres_session_probe(), &sqlite_session_probe()}) {
        if (probe->dialect == dialect) return probe;
    }
    return nullptr;
}

} // namespace fleet::orchestrator::lint
