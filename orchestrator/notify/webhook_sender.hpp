#pragma once

#include "inventory/settings.hpp"
#include "orchestrator/notify/delivery.hpp"
#include "orchestrator/notify/stop_flag.hpp"

#include <string>

namespace fleet::orchestrator::notify {

// POSTs body (an event's JSON, notify_event.hpp) to entry.webhook through
// libcurl, with Content-Type: application/json, User-Agent: fleet/VERSION,
// X-Fleet-Event: event, and X-Fleet-Signature: sha256=HEX when entry has a
// secret (signature.hpp). Bounded as notify_limits.hpp says: a connect
// timeout and a timeout per attempt, and a few attempts with growing pauses
// after a connection error, a timeout, a 5xx or a 429 only. Redirects are
// not followed. The response body is read and dropped. A raised stop ends
// the attempt in progress (or the pause) at once: Outcome::abandoned.
// Never throws but std::bad_alloc: a missing libcurl is a failed delivery.
Delivery post_webhook(const inventory::NotifyEntry& entry, const std::string& event,
                      const std::string& body, const StopFlag& stop);

} // namespace fleet::orchestrator::notify
