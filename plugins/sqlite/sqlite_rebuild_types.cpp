// SQLite's spelling of portable types, defaults and literals for the columns
// a rebuild changes or adds: the SQLite compiler's own, so a rebuilt column
// reads as a created one.
#include "plugins/sqlite/sqlite_compiler.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "plugins/sqlite/sqlite_rebuild_columns.hpp"

namespace fleet::plugins::sqlite {

namespace ops = engine::ops;

namespace {

const SqliteCompiler& compiler() {
    return static_cast<const SqliteCompiler&>(SqliteDialect::instance().compiler());
}

} // namespace

std::string rebuild_type_sql(const ops::ColumnType& type) { return compiler().type_name(type); }

std::string rebuild_literal_sql(const ops::Literal& value) { return compiler().literal(value); }

std::string rebuild_default_sql(const ops::ServerDefault& value) {
    return "DEFAULT " + rebuild_default_value_sql(value);
}

std::string rebuild_default_value_sql(const ops::ServerDefault& value) {
    return compiler().default_expression(value);
}

} // namespace fleet::plugins::sqlite
