#pragma once

#include <string>

// The machine fleet runs on, as lock files and history rows record it.
namespace fleet::engine::util {

// This machine's host name (gethostname), or "" when the system cannot say.
// Never throws but std::bad_alloc.
std::string host_name();

} // namespace fleet::engine::util
