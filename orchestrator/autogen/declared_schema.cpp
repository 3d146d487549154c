#include "orchestrator/autogen/declared_schema.hpp"

#include "engine/autogen/sql_rename_hints.hpp"
#include "engine/error.hpp"
#include "engine/script/sql_splitter.hpp"
#include "orchestrator/autogen/declared_yaml.hpp"
#include "plugins/driver_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fleet::orchestrator::autogen {

namespace fs = std::filesystem;

bool is_database_source(const std::string& source) {
    return source.find("://") != std::string::npos;
}

namespace {

bool is_yaml(const fs::path& file) {
    return file.extension() == ".yaml" || file.extension() == ".yml";
}

} // namespace

DeclaredFiles declared_files(const fs::path& source) {
    std::error_code error;
    if (fs::is_directory(source, error)) {
        DeclaredFiles sql{DeclaredFiles::Format::sql, {}};
        DeclaredFiles yaml{DeclaredFiles::Format::yaml, {}};
        for (const auto& entry : fs::directory_iterator(source)) {
            if (!entry.is_regular_file()) continue;
            if (entry.path().extension() == ".sql") sql.paths.push_back(entry.path());
            if (is_yaml(entry.path())) yaml.paths.push_back(entry.path());
        }
        if (!sql.paths.empty() && !yaml.paths.empty()) {
            // Two formats cannot be loaded as one: the SQL is one dialect's,
            // the YAML rendered for the scratch database's.
            throw InputError(source.string(), 0,
                             fmt::format("the declared schema folder mixes .sql files ({}) and "
                                         ".yaml files ({}): keep one format",
                                         sql.paths.front().filename().string(),
                                         yaml.paths.front().filename().string()));
        }
        auto& files = sql.paths.empty() ? yaml : sql;
        std::sort(files.paths.begin(), files.paths.end());
        if (files.paths.empty())
            throw InputError(source.string(), 0,
                             "the declared schema folder holds no .sql or .yaml file");
        return files;
    }
    if (!fs::exists(source, error))
        throw InputError(source.string(), 0, "the declared schema is not there");
    if (is_yaml(source)) return {DeclaredFiles::Format::yaml, {source}};
    if (source.extension() != ".sql")
        throw InputError(source.string(), 0,
                         "a declared schema is .sql or .yaml files (a file or a folder) or a "
                         "database URL");
    return {DeclaredFiles::Format::sql, {source}};
}

DeclaredSchema load_declared_files(const DeclaredFiles& files,
                                   const engine::url::DatabaseUrl& scratch,
                                   const std::vector<std::string>& excluded) {
    if (files.format == DeclaredFiles::Format::yaml)
        return load_declared_yaml(files.paths, scratch, excluded);
    return load_declared_sql(files.paths, scratch, excluded);
}

std::string read_declared_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "cannot read the declared schema");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

DeclaredSchema load_declared_sql(const std::vector<fs::path>& files,
                                 const engine::url::DatabaseUrl& scratch,
                                 const std::vector<std::string>& excluded) {
    DeclaredSchema out;
    auto connection = plugins::connect(scratch);
    const auto dialect =
        engine::script::sql_dialect_named(std::string(connection->dialect().name()));
    // One transaction for the whole load: a SQLite file would otherwise sync
    // after every statement (a 200-table schema: 400 commits).
    const bool transactional = connection->dialect().capabilities().transactional_ddl;
    if (transactional) connection->begin();
    for (const auto& file : files) {
        for (const auto& statement :
             engine::script::split_sql(read_declared_file(file), file.string(), 1, dialect)) {
            engine::autogen::read_sql_rename_hints(statement.text, file.string(), statement.line,
                                                   out.renames);
            try {
                connection->execute(statement.text);
            } catch (const DatabaseError& error) {
                throw InputError(
                    file.string(), statement.line,
                    fmt::format("the declared schema does not load: {}", error.what()));
            }
        }
    }
    if (transactional) connection->commit();
    out.schema = connection->read_schema(excluded);
    return out;
}

engine::schema::Schema read_declared_database(const engine::url::DatabaseUrl& url,
                                              const std::vector<std::string>& excluded) {
    if (!plugins::driver_for(url).exists(url))
        throw InputError(url.masked(), 0, "the declared schema's database is not there");
    return plugins::connect(url)->read_schema(excluded);
}

} // namespace fleet::orchestrator::autogen
