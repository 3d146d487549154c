#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace fleet::orchestrator::logging {

// How much a line matters; spdlog's levels by their usual names.
enum class Level { debug, info, warn, error };

// One value of a log line's fields: text or a whole number (JSON keeps it a
// number).
using FieldValue = std::variant<std::string, std::int64_t>;
using Fields = std::vector<std::pair<std::string, FieldValue>>;

// One line fleet logs, in both its forms: `text` is the whole line as the
// text format prints it (what users have always seen); the JSON format
// prints event, target, message and fields instead. A plain value with no
// dependency, so the rollout library can build records without spdlog.
struct LogRecord {
    Level level = Level::info;
    std::string event{};   // "target_started", "step", "statement", "warning"...
    std::string target{};  // "ENV/NAME"; empty for lines about the whole run
    std::string message{}; // the line without the target prefix
    std::string text{};    // the text format's whole line
    Fields fields{};       // the facts, for machines: state, steps, revision, sqlstate...
};

} // namespace fleet::orchestrator::logging
