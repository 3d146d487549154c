#include "engine/lint/finding.hpp"

namespace fleet::engine::lint {

const char* severity_name(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

} // namespace fleet::engine::lint
