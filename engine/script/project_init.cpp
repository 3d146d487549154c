#include "engine/script/project_init.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <system_error>

namespace fleet::engine::script {

namespace {

// Only keys INTERFACE.md documents are left uncommented: the inventory
// reader rejects any other.
constexpr std::string_view k_inventory =
    R"(# fleet inventory: the databases fleet migrates, and how it rolls out.
# Paths are relative to this file. ${VAR} and ${VAR:-default} are read from
# the environment, so passwords need not be written here.

# The revision scripts; versions/ inside holds one file per revision.
script_location: migrations

# Any key below but `environments` may also be set on an environment or on one
# database; the nearest setting wins.
# version_table: alembic_version
# transaction_per_migration: false
# rollout:
#   concurrency: 4        # targets worked on at once
#   canary: 1             # targets done alone first
#   batch: 10             # or "10%", or a list like [1, 5, "25%"]
#   max_failures: 0       # or "5%": more than this halts the rollout
# lock:
#   timeout: 30s          # wait for another run's migration lock

environments:
  dev:
    databases:
      - name: app
        url: sqlite:///dev.db
  # production:
  #   databases:
  #     - name: core
  #       url: postgresql://app:${PGPASSWORD}@db.example.com/core
)";

void make_directories(const std::filesystem::path& path) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) {
        throw InputError(path.string(), 0,
                         fmt::format("cannot create the folder: {}", error.message()));
    }
}

void require_empty_or_missing(const std::filesystem::path& directory) {
    std::error_code error;
    const auto status = std::filesystem::status(directory, error);
    if (!std::filesystem::exists(status)) return;
    if (!std::filesystem::is_directory(status)) {
        throw UsageError(
            fmt::format("'{}' already exists and is not a directory", directory.string()));
    }
    if (!std::filesystem::is_empty(directory, error) || error) {
        throw UsageError(
            fmt::format("Directory {} already exists and is not empty", directory.string()));
    }
}

} // namespace

InitResult init_project(const std::filesystem::path& directory, const std::string& revision_id,
                        const std::string& create_date) {
    require_empty_or_missing(directory);
    InitResult result{directory / "fleet.yaml", directory / "migrations", {}};

    NewRevision first;
    first.id = revision_id;
    first.message = "create example table";
    first.create_date = create_date;
    first.upgrade_body = "CREATE TABLE example (\n"
                         "    id INTEGER PRIMARY KEY,\n"
                         "    name VARCHAR(100) NOT NULL\n"
                         ");\n";
    first.downgrade_body = "DROP TABLE example;\n";
    render_revision(first); // a bad id fails here, before anything is created

    make_directories(result.script_location / "versions");
    write_new_file(result.config_file, k_inventory);
    result.first_revision = write_revision(result.script_location, first);
    return result;
}

} // namespace fleet::engine::script
