#pragma once

#include "engine/runtime/connection.hpp"

#include <functional>
#include <memory>
#include <stop_token>

namespace fleet::orchestrator {

using Connect = std::function<std::unique_ptr<engine::runtime::Connection>()>;

// connect, wrapped so that each connection it opens has its running
// statement cancelled (Connection::cancel()) when `cancel` is requested: a
// rollout's second Ctrl-C. The cancel runs on the thread requesting it,
// through a std::stop_callback that lives exactly as long as the connection;
// a connection opened after the request is cancelled as it opens (the work
// is giving up anyway). Never throws but what connect throws.
Connect cancel_on_request(Connect connect, std::stop_token cancel);

} // namespace fleet::orchestrator
