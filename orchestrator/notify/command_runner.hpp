#pragma once

#include "inventory/settings.hpp"
#include "orchestrator/notify/delivery.hpp"
#include "orchestrator/notify/stop_flag.hpp"

#include <string>

namespace fleet::orchestrator::notify {

// Runs entry.command (looked up in PATH when the program has no '/') in
// entry.working_dir, with body (an event's JSON) on its standard input and
// FLEET_EVENT=event added to its environment. Its standard output goes to
// /dev/null (fleet's own is the report's); its standard error is kept, and
// its last line quoted when it fails. It runs in a process group of its own,
// with default signal handling and no descriptor of fleet's but the three,
// and it is killed (the whole group) after k_command_timeout or when stop is
// raised. Sent when it exits 0. Run once: no retries. Never throws but
// std::bad_alloc.
// The calling thread must block SIGPIPE (a command that exits without
// reading its input would otherwise kill fleet): DeliveryWorker's thread does.
Delivery run_command(const inventory::NotifyEntry& entry, const std::string& event,
                     const std::string& body, const StopFlag& stop);

} // namespace fleet::orchestrator::notify
