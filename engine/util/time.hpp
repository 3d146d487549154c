#pragma once

#include <chrono>
#include <string>

// Points in time as fleet writes them: ISO 8601 in UTC, so rows, lock files
// and revision headers written on machines in different zones compare as text.
namespace fleet::engine::util {

// "2026-11-21T10:00:00Z": when, to the second (truncated). Revision headers'
// create_date, lock files' start time. Never throws but std::bad_alloc.
std::string
utc_timestamp(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

// "2026-11-21T10:00:00.250Z": when, to the millisecond (truncated). History
// rows, whose steps can start within one second. Never throws but std::bad_alloc.
std::string
utc_timestamp_ms(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

} // namespace fleet::engine::util
