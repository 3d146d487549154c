#pragma once

#include "orchestrator/logging/log_record.hpp"

#include <functional>
#include <memory>
#include <string>

namespace fleet::orchestrator::logging {

// --log-format: the text lines users read, or one JSON object per line
// ({"time", "level", "run", "shard", "target", "event", "message",
// "fields"}) for log collectors.
enum class Format { text, json };

// "text" or "json"; throws fleet::UsageError for anything else.
Format parse_format(const std::string& name);

// Sets up the process's one logger (spdlog), writing to stderr in `format`.
// Called once by the command line before any command runs; before that (unit
// tests) lines go to stderr as text. Not thread-safe against write().
void setup(Format format);

// The format setup() chose.
Format format();

// This process's run id, the `run` of every JSON line: 32 hex digits, random.
// (Not fleet_history's run_id: two targets may share one history table, whose
// key is (run_id, step), so each target's run keeps its own.)
const std::string& run_id();

// The slice of the fleet this process works on ("K/N", after --shard auto
// is resolved), the `shard` of every JSON line so a collector can tell N
// processes' lines apart; empty (the default): the whole selection, "shard":
// null. Set once by the command line before any command runs.
void set_shard(std::string shard);

// Logs one record. Passwords are masked (engine::url::mask_passwords) in
// every string before it reaches a sink. Thread-safe: lines from several
// threads never mix. Never throws: a log line that cannot be written is lost.
void write(const LogRecord& record);

// While one lives, the text lines go through `print` (which must write a
// whole line, thread-safe) instead of straight to stderr: a terminal's
// progress line prints them above itself and redraws. Only one at a time.
class RouteThrough {
  public:
    explicit RouteThrough(std::function<void(const std::string&)> print);
    ~RouteThrough();
    RouteThrough(const RouteThrough&) = delete;
    RouteThrough& operator=(const RouteThrough&) = delete;
};

} // namespace fleet::orchestrator::logging
