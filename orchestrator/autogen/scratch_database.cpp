#include "orchestrator/autogen/scratch_database.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_writer.hpp"
#include "plugins/driver_registry.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace fleet::orchestrator::autogen {

namespace {

void drop_database(const engine::url::DatabaseUrl& admin_url, const std::string& name) {
    auto admin = plugins::connect(admin_url);
    const auto& dialect = plugins::dialect_for(admin_url);
    // FORCE: a connection left open by an error (or, on an interrupt, the
    // main thread's) must not keep it.
    admin->execute("DROP DATABASE IF EXISTS " + dialect.quote_identifier(name) + " WITH (FORCE)");
}

} // namespace

TempFolder::TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "fleet-scratch-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Error("cannot create a temporary folder under " +
                        std::filesystem::temp_directory_path().string(),
                    ExitCode::failed);
    m_path = pattern;
    m_on_interrupt = std::make_unique<InterruptCleanup>([path = m_path] {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    });
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

ScratchDatabase::ScratchDatabase(const engine::url::DatabaseUrl& like, const std::string& dev_url,
                                 const std::string& purpose) {
    const auto& dialect = plugins::dialect_for(like);
    if (!dialect.capabilities().server_databases) {
        m_folder = std::make_unique<TempFolder>();
        m_url = like;
        m_url.database = (m_folder->path() / (purpose + ".db")).string();
        m_url.query.clear();
        return;
    }
    if (dev_url.empty())
        throw UsageError(fmt::format(
            "autogenerate on {} needs dev_url (in fleet.yaml, or --dev-url): a server where fleet "
            "may create and drop scratch databases",
            dialect.name()));
    m_admin = engine::url::DatabaseUrl::parse(dev_url);
    if (m_admin.scheme != like.scheme)
        throw UsageError(
            fmt::format("dev_url {} is not a {} server", m_admin.masked(), dialect.name()));
    m_name = "fleet_scratch_" + engine::script::new_revision_id();
    m_on_interrupt = std::make_unique<InterruptCleanup>(
        [admin = m_admin, name = m_name] { drop_database(admin, name); });
    auto admin = plugins::connect(m_admin);
    try {
        admin->execute("CREATE DATABASE " + dialect.quote_identifier(m_name));
    } catch (const DatabaseError& error) {
        throw Error(fmt::format("cannot create a scratch database on dev_url {}: {}",
                                m_admin.masked(), error.what()),
                    ExitCode::failed);
    }
    m_url = m_admin;
    m_url.database = m_name;
}

ScratchDatabase::~ScratchDatabase() {
    try {
        if (!m_name.empty()) drop_database(m_admin, m_name);
    } catch (const std::exception& error) {
        spdlog::warn("could not remove the scratch database {}: {}", m_url.masked(), error.what());
    }
}

engine::command::Target scratch_target(const engine::url::DatabaseUrl& url,
                                       const std::filesystem::path& scripts,
                                       const std::string& version_table) {
    engine::command::Target target;
    target.name = "scratch";
    target.script_location = scripts;
    target.settings.version_table = version_table;
    target.dialect = &plugins::dialect_for(url);
    target.display_url = url.masked();
    target.connect = [url] { return plugins::connect(url); };
    target.exists = [url] { return plugins::driver_for(url).exists(url); };
    return target;
}

} // namespace fleet::orchestrator::autogen
