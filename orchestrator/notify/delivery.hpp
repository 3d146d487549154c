#pragma once

#include "inventory/settings.hpp"

#include <string>

namespace fleet::orchestrator::notify {

// How one notification went: a value, so a failure is logged, never thrown
// into the rollout.
struct Delivery {
    enum class Outcome {
        sent,      // the receiver took it (2xx; a command exited 0)
        failed,    // it did not, after every attempt
        abandoned, // fleet stopped waiting for it (the rollout had ended)
    };
    Outcome outcome = Outcome::failed;
    std::string detail; // "HTTP 200", "connection refused", "exited with status 3: ..."
    int attempts = 0;   // tries made (webhooks may try again; commands run once)
};

// How messages name an entry: "webhook URL" with the URL's password masked
// and its query and fragment cut ("?..."), which often carry a token; or
// "command PROGRAM" without the arguments, which may too. Never the secret.
// Never throws but std::bad_alloc.
std::string endpoint_name(const inventory::NotifyEntry& entry);

} // namespace fleet::orchestrator::notify
