#include "engine/runtime/sql_sink.hpp"

#include "engine/error.hpp"

namespace fleet::engine::runtime {

void LiveSink::rollback() {
    if (m_connection.in_transaction()) m_connection.rollback();
}

long long OfflineSink::execute(const std::string& sql) {
    m_out << sql << ";\n\n";
    return -1;
}

void OfflineSink::begin() { m_out << "BEGIN;\n\n"; }

void OfflineSink::commit() { m_out << "COMMIT;\n\n"; }

void OfflineSink::comment(const std::string& text) { m_out << "-- " << text << "\n\n"; }

Connection& OfflineSink::connection() {
    throw UsageError("this step needs a live database and cannot run with --sql");
}

} // namespace fleet::engine::runtime
