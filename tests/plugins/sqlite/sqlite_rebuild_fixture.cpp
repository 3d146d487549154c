#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

namespace fleet::test {

RebuildDb::RebuildDb()
    : m_db((m_dir.path() / "rebuild.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    m_db.exec("PRAGMA foreign_keys=ON");
    // Durability is not under test; rollback is, and works the same without fsync.
    m_db.exec("PRAGMA synchronous=OFF");
}

void RebuildDb::exec(const std::string& sql) { m_db.exec(sql); }

std::vector<std::string> RebuildDb::rows(const std::string& query) {
    std::vector<std::string> out;
    SQLite::Statement statement(m_db, query);
    while (statement.executeStep()) {
        std::string row;
        for (int i = 0; i < statement.getColumnCount(); ++i) {
            if (i) row += "|";
            const auto column = statement.getColumn(i);
            if (column.isNull()) {
                row += "NULL";
            } else if (column.isText()) {
                row += "'" + column.getString() + "'";
            } else if (column.isBlob()) {
                row += "blob:" + std::to_string(column.getBytes());
            } else {
                row += column.getString();
            }
        }
        out.push_back(row);
    }
    return out;
}

plugins::sqlite::SchemaCatalog RebuildDb::catalog() {
    plugins::sqlite::SchemaCatalog catalog;
    SQLite::Statement statement(m_db, std::string(plugins::sqlite::k_schema_catalog_query));
    while (statement.executeStep()) {
        catalog.push_back({statement.getColumn(0).getString(), statement.getColumn(1).getString(),
                           statement.getColumn(2).getString(), statement.getColumn(3).getString()});
    }
    return catalog;
}

plugins::sqlite::Rebuild RebuildDb::plan(const std::string& table,
                                         const std::vector<engine::ops::Operation>& changes) {
    return plugins::sqlite::render_rebuild(catalog(), table, changes, {.file = "rev.yaml"});
}

void RebuildDb::run(const std::vector<std::string>& statements) {
    m_db.exec("PRAGMA foreign_keys=OFF");
    m_db.exec("BEGIN");
    try {
        for (const auto& sql : statements)
            m_db.exec(sql);
        m_db.exec("COMMIT");
    } catch (...) {
        m_db.exec("ROLLBACK");
        m_db.exec("PRAGMA foreign_keys=ON");
        throw;
    }
    m_db.exec("PRAGMA foreign_keys=ON");
}

void RebuildDb::rebuild(const std::string& table,
                        const std::vector<engine::ops::Operation>& changes) {
    const auto rebuild = plan(table, changes);
    run(rebuild.statements);
}

std::string RebuildDb::snapshot() {
    std::string out;
    for (const auto& row :
         rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"))
        out += row + "\n";
    for (auto table : rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        table = table.substr(1, table.size() - 2); // rows() quotes text
        out += "-- " + table + "\n";
        for (const auto& row : rows("SELECT * FROM \"" + table + "\" ORDER BY 1"))
            out += row + "\n";
    }
    return out;
}

} // namespace fleet::test
