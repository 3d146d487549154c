#include "orchestrator/alembic_import/import_command.hpp"

#include "engine/error.hpp"
#include "engine/script/script.hpp"
#include "inventory/config_source.hpp"
#include "inventory/inventory.hpp"
#include "orchestrator/alembic_import/alembic_helper.hpp"
#include "orchestrator/alembic_import/import_destination.hpp"
#include "orchestrator/alembic_import/import_report.hpp"
#include "orchestrator/alembic_import/revision_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace fleet::orchestrator::alembic_import {

namespace {

std::vector<std::string> chosen_dialects(const std::vector<std::string>& given) {
    std::vector<std::string> dialects;
    for (const std::string& entry : given) {
        // --dialect postgresql,sqlite and --dialect postgresql --dialect sqlite alike.
        std::size_t start = 0;
        while (start <= entry.size()) {
            const std::size_t comma = std::min(entry.find(',', start), entry.size());
            std::string name = entry.substr(start, comma - start);
            start = comma + 1;
            if (name.empty()) continue;
            if (!engine::script::is_dialect_name(name)) {
                throw UsageError(fmt::format("--dialect: unknown dialect '{}' (expected {})", name,
                                             fmt::join(engine::script::k_dialect_names, ", ")));
            }
            if (std::find(dialects.begin(), dialects.end(), name) == dialects.end())
                dialects.push_back(std::move(name));
        }
    }
    if (dialects.empty())
        dialects.assign(engine::script::k_dialect_names.begin(),
                        engine::script::k_dialect_names.end());
    return dialects;
}

// --to, else the inventory's script_location (the folder fleet will read),
// else --script-location, else ./migrations. The inventory is read without
// running any for_each query: an import touches no database.
std::filesystem::path destination(const GlobalOptions& global, const ImportOptions& options) {
    if (!options.to.empty()) return options.to;
    const auto source = inventory::discover_config(
        global.config.empty() ? std::nullopt : std::optional<std::string>(global.config));
    if (source.found()) {
        try {
            return inventory::Inventory::load(source.path).settings().script_location;
        } catch (const InputError& error) {
            throw InputError(
                error.file(), error.line(),
                fmt::format("{} (or give the folder to write with --to DIR)", error.problem()));
        }
    }
    return global.script_location.empty() ? std::filesystem::path("migrations")
                                          : std::filesystem::path(global.script_location);
}

std::filesystem::path project_path(const ImportOptions& options) {
    const std::filesystem::path path = options.path.empty() ? "alembic.ini" : options.path;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        throw InputError(path.string(), 0,
                         options.path.empty()
                             ? "no alembic.ini here: give the path of an alembic.ini or of an "
                               "Alembic script folder"
                             : "no such file or folder");
    }
    return path;
}

} // namespace

int run_import(const GlobalOptions& global, const ImportOptions& options, std::ostream& out) {
    if (options.source != "alembic")
        throw UsageError(fmt::format("fleet can import alembic, not '{}'", options.source));
    const OutputFormat format = parse_output_format(global, "import");
    const std::vector<std::string> dialects = chosen_dialects(options.dialects);
    const std::filesystem::path project = project_path(options);
    const std::filesystem::path to = destination(global, options);
    check_destination(to, options.force);

    ImportedProject imported = run_helper(project, dialects);
    // Every file is made before any is written, so a failure writes nothing.
    std::vector<RenderedRevision> files;
    for (const ImportedRevision& revision : imported.revisions)
        files.push_back(render_imported(revision));

    ImportOutcome outcome;
    outcome.to = to;
    outcome.script_location = imported.script_location;
    outcome.files = write_revisions(to, files, options.force);
    outcome.revisions = std::move(imported.revisions);
    const bool by_hand =
        std::any_of(outcome.revisions.begin(), outcome.revisions.end(),
                    [](const ImportedRevision& r) { return r.kind == ImportKind::by_hand; });
    outcome.exit_code = by_hand ? static_cast<int>(ExitCode::failed) : 0;
    out << (format == OutputFormat::json ? import_json(outcome) : import_table(outcome));
    return outcome.exit_code;
}

} // namespace fleet::orchestrator::alembic_import
