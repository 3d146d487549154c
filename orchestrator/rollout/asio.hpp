#pragma once

// The one way the orchestrator includes Boost.Asio. Boost 1.74's
// asio/awaitable.hpp uses std::exchange without including <utility>, which
// g++ 12 does not forgive: including <utility> first, here, fixes it for
// every file of the layer.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
