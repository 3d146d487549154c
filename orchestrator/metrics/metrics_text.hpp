#pragma once

#include <prometheus/registry.h>

#include <chrono>
#include <string>

// What every fleet metrics file shares: the registry serialized in
// Prometheus' text format, in an order that does not depend on hashing.
namespace fleet::orchestrator::metrics {

// The registry's families in the order they were registered, each family's
// series sorted by their labels, in Prometheus' text exposition format
// (prometheus-cpp's TextSerializer). Never throws but std::bad_alloc.
std::string serialize(prometheus::Registry& registry);

// A time as Unix seconds, with milliseconds: the value of a *_timestamp_seconds
// gauge. Never throws.
double unix_seconds(std::chrono::system_clock::time_point time);

} // namespace fleet::orchestrator::metrics
