#include "orchestrator/cancel_on_request.hpp"

namespace fleet::orchestrator {

using engine::runtime::Connection;

namespace {

// Forwards everything to the driver's connection; only a cancel request is
// watched, while it is open.
class CancellableConnection final : public Connection {
  public:
    CancellableConnection(std::unique_ptr<Connection> inner, const std::stop_token& cancel)
        : m_inner(std::move(inner)), m_on_cancel(cancel, CancelStatement{this}) {}
    // m_on_cancel goes first (declared last): its destructor waits for a
    // running cancel, so m_inner closes when none can reach it.
    ~CancellableConnection() override = default;
    CancellableConnection(const CancellableConnection&) = delete;
    CancellableConnection& operator=(const CancellableConnection&) = delete;

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
    std::unique_ptr<engine::runtime::MigrationLock>
    acquire_migration_lock(const engine::runtime::LockKey& key,
                           std::chrono::milliseconds timeout) override {
        return m_inner->acquire_migration_lock(key, timeout);
    }
    std::vector<engine::runtime::LockHolder>
    migration_lock_holders(const engine::runtime::LockKey& key) override {
        return m_inner->migration_lock_holders(key);
    }
    bool set_statement_lock_timeout(std::chrono::milliseconds timeout) override {
        return m_inner->set_statement_lock_timeout(timeout);
    }
    bool is_lock_timeout(const DatabaseError& error) const override {
        return m_inner->is_lock_timeout(error);
    }

  private:
    // What a cancel request calls, on the requesting thread.
    struct CancelStatement {
        CancellableConnection* self;
        void operator()() const noexcept { self->m_inner->cancel(); }
    };
    std::unique_ptr<Connection> m_inner;
    std::stop_callback<CancelStatement> m_on_cancel;
};

} // namespace

Connect cancel_on_request(Connect connect, std::stop_token cancel) {
    return [connect = std::move(connect),
            cancel = std::move(cancel)]() -> std::unique_ptr<Connection> {
        return std::make_unique<CancellableConnection>(connect(), cancel);
    };
}

} // namespace fleet::orchestrator
