#include "plugins/postgres/postgres_notices.hpp"

#include <utility>

namespace fleet::plugins::postgres {

NoticeForwarder::NoticeForwarder(pqxx::connection_base& connection,
                                 std::function<void(const std::string&)> on_notice)
    : pqxx::errorhandler(connection), m_on_notice(std::move(on_notice)) {}

bool NoticeForwarder::operator()(const char message[]) noexcept {
    if (m_on_notice) {
        try {
            std::string text(message);
            while (!text.empty() && text.back() == '\n')
                text.pop_back();
            m_on_notice(text);
        } catch (...) {
            // Losing a notice is better than terminating.
        }
    }
    return false; // handled: older handlers (stderr) need not see it
}

} // namespace fleet::plugins::postgres
