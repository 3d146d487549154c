#pragma once

#include "engine/runtime/connection.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace fleet::orchestrator {

// The connections a rollout has open right now, so a second Ctrl-C can cancel
// the statements they run. A connection joins when opened through track() and
// leaves before it closes, under one mutex, so cancel_all() never touches a
// closed one.
class LiveConnections {
public:
    using Connect = std::function<std::unique_ptr<engine::runtime::Connection>()>;

    // connect, wrapped so that what it opens is registered while it lives.
    // The returned function and the connections it opens must not outlive
    // this object.
    Connect track(Connect connect);
    // Cancels the running statement of every open connection. Thread-safe.
    void cancel_all() noexcept;

private:
    class Tracked;
    std::mutex m_mutex;
    std::set<engine::runtime::Connection*> m_open;
};

} // namespace fleet::orchestrator
