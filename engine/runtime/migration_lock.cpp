#include "engine/runtime/migration_lock.hpp"

#include "engine/util/duration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::engine::runtime {

namespace {

using std::chrono::milliseconds;

std::string holders_text(const std::vector<LockHolder>& holders) {
    if (holders.empty()) return "the holder could not be identified (it may just have released it)";
    std::string out = "held by ";
    for (std::size_t i = 0; i < holders.size(); ++i) {
        if (i > 0) out += "; and by ";
        out += describe(holders[i]);
    }
    return out;
}

} // namespace

std::string describe(const LockHolder& holder) {
    std::vector<std::string> details;
    if (!holder.application.empty())
        details.push_back(fmt::format("application '{}'", holder.application));
    if (!holder.client.empty()) details.push_back("client " + holder.client);
    if (!holder.since.empty()) details.push_back("since " + holder.since);
    if (!holder.activity.empty()) details.push_back(holder.activity);
    std::string out = fmt::format("pid {}", holder.pid);
    if (!details.empty()) out += " (" + fmt::format("{}", fmt::join(details, ", ")) + ")";
    return out;
}

LockTimeout::LockTimeout(const std::string& lock, milliseconds waited,
                         std::vector<LockHolder> holders)
    : DatabaseError(fmt::format("timed out after {} waiting for {}: {}",
                                util::format_duration(waited), lock, holders_text(holders))),
      m_holders(std::move(holders)) {}

} // namespace fleet::engine::runtime
