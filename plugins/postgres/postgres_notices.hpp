#pragma once

#include <pqxx/connection_base>
#include <pqxx/errorhandler>

#include <functional>
#include <string>

namespace fleet::plugins::postgres {

// Takes the server's notices ("NOTICE:  table \"t\" does not exist,
// skipping") off a libpqxx connection, which would otherwise print them to
// stderr in the middle of fleet's output, and hands each one, without its
// final newline, to on_notice (ConnectOptions::on_notice); with none, drops
// them. on_notice runs on the thread running the statement and must not
// throw (what it throws is dropped). Must be destroyed before its connection.
class NoticeForwarder final : public pqxx::errorhandler {
  public:
    NoticeForwarder(pqxx::connection_base& connection,
                    std::function<void(const std::string&)> on_notice);

    bool operator()(const char message[]) noexcept override;

  private:
    std::function<void(const std::string&)> m_on_notice;
};

} // namespace fleet::plugins::postgres
