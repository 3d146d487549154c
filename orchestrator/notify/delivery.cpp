#include "orchestrator/notify/delivery.hpp"

#include "engine/url/redact.hpp"

namespace fleet::orchestrator::notify {

std::string endpoint_name(const inventory::NotifyEntry& entry) {
    if (entry.webhook.empty())
        return "command " + (entry.command.empty() ? std::string() : entry.command.front());
    std::string url = entry.webhook;
    if (const auto cut = url.find_first_of("?#"); cut != std::string::npos)
        url = url.substr(0, cut) + "?...";
    return "webhook " + engine::url::mask_url_text(url);
}

} // namespace fleet::orchestrator::notify
