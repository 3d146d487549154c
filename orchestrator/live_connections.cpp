#include "orchestrator/live_connections.hpp"

namespace fleet::orchestrator {

using engine::runtime::Connection;

// Forwards everything to the driver's connection; only its lifetime is
// watched.
class LiveConnections::Tracked final : public Connection {
public:
    Tracked(LiveConnections& owner, std::unique_ptr<Connection> inner)
        : m_owner(owner), m_inner(std::move(inner)) {
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_open.insert(m_inner.get());
    }
    ~Tracked() override {
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_open.erase(m_inner.get());
        m_inner.reset(); // closed while no cancel can reach it
    }
    Tracked(const Tracked&) = delete;
    Tracked& operator=(const Tracked&) = delete;

    const engine::ops::Dialect& dialect() const override { return m_inner->dialect(); }
    long long execute(const std::string& sql) override { return m_inner->execute(sql); }
    engine::runtime::Rows query(const std::string& sql) override { return m_inner->query(sql); }
    void begin() override { m_inner->begin(); }
    void commit() override { m_inner->commit(); }
    void rollback() override { m_inner->rollback(); }
    bool in_transaction() const override { return m_inner->in_transaction(); }
    bool table_exists(const std::string& schema, const std::string& table) override {
        return m_inner->table_exists(schema, table);
    }
    void cancel() noexcept override { m_inner->cancel(); }
    std::string display_url() const override { return m_inner->display_url(); }
    engine::schema::Schema read_schema(const std::vector<std::string>& excluded) override {
        return m_inner->read_schema(excluded);
    }
    std::unique_ptr<engine::runtime::MigrationLock> acquire_migration_lock(
        const engine::runtime::LockKey& key, std::chrono::milliseconds timeout) override {
        return m_inner->acquire_migration_lock(key, timeout);
    }
    std::vector<engine::runtime::LockHolder> migration_lock_holders(
        const engine::runtime::LockKey& key) override {
        return m_inner->migration_lock_holders(key);
    }
    bool set_statement_lock_timeout(std::chrono::milliseconds timeout) override {
        return m_inner->set_statement_lock_timeout(timeout);
    }
    bool is_lock_timeout(const DatabaseError& error) const override {
        return m_inner->is_lock_timeout(error);
    }

private:
    LiveConnections& m_owner;
    std::unique_ptr<Connection> m_inner;
};

LiveConnections::Connect LiveConnections::track(Connect connect) {
    return [this, connect = std::move(connect)]() -> std::unique_ptr<Connection> {
        return std::make_unique<Tracked>(*this, connect());
    };
}

void LiveConnections::cancel_all() noexcept {
    std::lock_guard lock(m_mutex);
    for (auto* connection : m_open) connection->cancel();
}

} // namespace fleet::orchestrator
