#include "plugins/sqlite/sqlite_rebuild_columns.hpp"

#include "engine/error.hpp"
#include "engine/ops/naming.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::plugins::sqlite {

namespace ops = engine::ops;

std::string quote_name(std::string_view name) {
    return SqliteDialect::instance().quote_identifier(name);
}

bool same_name(std::string_view a, std::string_view b) {
    SqlToken t;
    t.kind = SqlToken::Kind::identifier;
    t.value = std::string(a);
    return t.names(b);
}

namespace {

struct Context {
    RebuiltTable& r;
    const std::string& file;
    int line;

    [[noreturn]] void fail(const std::string& problem) const {
        throw InputError(file, line, problem);
    }
    // The index of the column the changes call `name`.
    std::size_t column(std::string_view name) const {
        for (std::size_t i = 0; i < r.current.size(); ++i)
            if (same_name(r.current[i], name)) return i;
        fail(fmt::format("table {} has no column {}", r.table.name, name));
    }
    // Names as the changes see them -> names in the new table.
    std::string built(std::string_view name) const { return r.table.columns[column(name)].name; }
    std::string built_list(const std::vector<std::string>& names) const {
        std::string out = "(";
        for (const auto& n : names)
            out += (out.size() > 1 ? ", " : "") + quote_name(built(n));
        return out + ")";
    }
    // A condition written against the current names, for the new table.
    std::string built_sql(const std::string& sql) const {
        const auto tokens = tokenize_sql(sql);
        std::string out;
        std::size_t copied = 0;
        for (const auto& t : tokens) {
            if (t.kind != SqlToken::Kind::word && t.kind != SqlToken::Kind::identifier) continue;
            for (std::size_t i = 0; i < r.current.size(); ++i) {
                if (!t.names(r.current[i]) || r.current[i] == r.table.columns[i].name) continue;
                out += sql.substr(copied, t.begin - copied) + quote_name(r.table.columns[i].name);
                copied = t.end;
                break;
            }
        }
        return out + sql.substr(copied);
    }
    ConstraintClause clause(ClauseKind kind, const std::string& name, std::string text) const {
        ConstraintClause c;
        c.kind = kind;
        c.name = name;
        c.name_sql = name.empty() ? "" : quote_name(name);
        c.text = std::move(text);
        return c;
    }
    std::string references(const ops::ForeignKey& key) const {
        std::string text = "REFERENCES " + quote_name(key.referred_table);
        if (!key.referred_columns.empty()) {
            text += " (";
            for (std::size_t i = 0; i < key.referred_columns.size(); ++i)
                text += (i ? ", " : "") + quote_name(key.referred_columns[i]);
            text += ")";
        }
        if (!key.ondelete.empty()) text += " ON DELETE " + key.ondelete;
        if (!key.onupdate.empty()) text += " ON UPDATE " + key.onupdate;
        return text;
    }
    void add_constraint(ConstraintClause c) const {
        for (const auto& old : r.table.constraints)
            if (!c.name.empty() && same_name(old.name, c.name))
                fail(fmt::format("table {} already has a constraint named {}", r.table.name,
                                 c.name));
        r.table.constraints.push_back(std::move(c));
    }
};

ClauseKind clause_kind(ops::ConstraintType type) {
    switch (type) {
    case ops::ConstraintType::primary:
        return ClauseKind::primary_key;
    case ops::ConstraintType::unique:
        return ClauseKind::unique;
    case ops::ConstraintType::foreignkey:
        return ClauseKind::foreign_key;
    case ops::ConstraintType::check:
        return ClauseKind::check;
    }
    return ClauseKind::check;
}

std::string_view type_name(ops::ConstraintType type) {
    switch (type) {
    case ops::ConstraintType::primary:
        return "primary";
    case ops::ConstraintType::unique:
        return "unique";
    case ops::ConstraintType::foreignkey:
        return "foreignkey";
    case ops::ConstraintType::check:
        return "check";
    }
    return "check";
}

void erase_kind(ColumnSql& column, ClauseKind kind) {
    std::erase_if(column.constraints, [kind](const ConstraintClause& c) { return c.kind == kind; });
}

// Whether a clause is the CHECK (column IN (...)) an enum type brings on
// SQLite (sqlite_compiler writes it so, unnamed, on the column).
bool is_enum_check(const ConstraintClause& clause, const std::string& column) {
    if (clause.kind != ClauseKind::check || !clause.name.empty()) return false;
    const auto t = tokenize_sql(clause.text);
    return t.size() > 4 && t[1].is_punct('(') && t[2].names(column) && t[3].is_keyword("IN") &&
           t[4].is_punct('(');
}

// A new type; an enum's values come as its CHECK, which the old type's goes with.
void set_type(ColumnSql& column, const ops::ColumnType& type) {
    column.type = rebuild_type_sql(type);
    std::erase_if(column.constraints,
                  [&](const ConstraintClause& c) { return is_enum_check(c, column.name); });
    if (type.kind != ops::ColumnType::Kind::enumeration) return;
    std::string values;
    for (const auto& value : type.enum_values)
        values += (values.empty() ? "" : ", ") + SqliteDialect::instance().quote_literal(value);
    ConstraintClause check;
    check.kind = ClauseKind::check;
    check.text = "CHECK (" + quote_name(column.name) + " IN (" + values + "))";
    column.constraints.push_back(std::move(check));
}

void alter(const Context& c, const ops::AlterColumn& op) {
    const auto at = c.column(op.column);
    auto& column = c.r.table.columns[at];
    if (op.type) set_type(column, *op.type);
    if (op.nullable && *op.nullable) erase_kind(column, ClauseKind::not_null);
    if (op.nullable && !*op.nullable && !column.has(ClauseKind::not_null))
        column.constraints.push_back(c.clause(ClauseKind::not_null, "", "NOT NULL"));
    if (op.server_default) {
        erase_kind(column, ClauseKind::default_value);
        if (*op.server_default)
            column.constraints.push_back(
                c.clause(ClauseKind::default_value, "", rebuild_default_sql(**op.server_default)));
    }
    if (op.new_column_name && *op.new_column_name != c.r.current[at]) {
        for (std::size_t i = 0; i < c.r.current.size(); ++i)
            if (i != at && same_name(c.r.current[i], *op.new_column_name))
                c.fail(fmt::format("table {} already has a column {}", c.r.table.name,
                                   *op.new_column_name));
        c.r.current[at] = *op.new_column_name;
    }
}

void add(const Context& c, const ops::AddColumn& op) {
    for (std::size_t i = 0; i < c.r.current.size(); ++i) {
        if (same_name(c.r.current[i], op.column.name))
            c.fail(fmt::format("table {} already has a column {}", c.r.table.name, op.column.name));
        if (same_name(c.r.table.columns[i].name, op.column.name))
            c.fail(fmt::format("column {} of {} is renamed in this revision: add the new {} in a "
                               "later revision",
                               op.column.name, c.r.table.name, op.column.name));
    }
    ColumnSql column;
    column.name = op.column.name;
    column.name_sql = quote_name(op.column.name);
    set_type(column, op.column.type);
    if (op.column.primary_key)
        column.constraints.push_back(
            c.clause(ClauseKind::primary_key, "",
                     op.column.autoincrement ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY"));
    if (!op.column.nullable)
        column.constraints.push_back(c.clause(ClauseKind::not_null, "", "NOT NULL"));
    if (op.column.server_default)
        column.constraints.push_back(c.clause(ClauseKind::default_value, "",
                                              rebuild_default_sql(*op.column.server_default)));
    c.r.table.columns.push_back(std::move(column));
    c.r.source.emplace_back();
    c.r.fill.push_back(
        op.column.server_default ? rebuild_default_value_sql(*op.column.server_default) : "NULL");
    c.r.current.push_back(op.column.name);
    const std::vector<std::string> own{op.column.name};
    if (op.column.unique)
        c.add_constraint(c.clause(ClauseKind::unique, "uq_" + c.r.table.name + "_" + op.column.name,
                                  "UNIQUE " + c.built_list(own)));
    if (op.column.references) {
        auto key = *op.column.references;
        auto clause = c.clause(ClauseKind::foreign_key, key.name,
                               "FOREIGN KEY " + c.built_list(own) + " " + c.references(key));
        clause.columns = own;
        clause.referred_table = key.referred_table;
        c.add_constraint(std::move(clause));
    }
}

void drop_constraint(const Context& c, const ops::DropConstraint& op) {
    const auto kind = clause_kind(op.type);
    // An unnamed CHECK answers to the name fleet gives a check, as
    // introspection reports it (sqlite_introspection.hpp); two that answer
    // to one name cannot be told apart, so neither is dropped.
    auto unnamed_check = [&](const ConstraintClause& clause) {
        return clause.name.empty() && clause.kind == ClauseKind::check &&
               kind == ClauseKind::check &&
               same_name(ops::check_name(c.r.table.name, check_expression(clause)), op.name);
    };
    auto unnamed = static_cast<std::size_t>(
        std::count_if(c.r.table.constraints.begin(), c.r.table.constraints.end(), unnamed_check));
    for (const auto& column : c.r.table.columns)
        unnamed += static_cast<std::size_t>(
            std::count_if(column.constraints.begin(), column.constraints.end(), unnamed_check));
    if (unnamed > 1)
        c.fail(fmt::format("table {} has {} unnamed CHECK constraints known as {}: name them "
                           "(CONSTRAINT name CHECK ...) to drop one",
                           c.r.table.name, unnamed, op.name));
    auto matches = [&](const ConstraintClause& clause) {
        if (unnamed_check(clause)) return true;
        if (!same_name(clause.name, op.name)) return false;
        const bool fk = kind == ClauseKind::foreign_key && clause.kind == ClauseKind::references;
        if (clause.kind != kind && !fk)
            c.fail(fmt::format("constraint {} of {} is not of type {}", op.name, c.r.table.name,
                               type_name(op.type)));
        return true;
    };
    auto& table = c.r.table;
    const auto before = table.constraints.size();
    std::erase_if(table.constraints, matches);
    std::size_t removed = before - table.constraints.size();
    for (auto& column : table.columns) {
        const auto had = column.constraints.size();
        std::erase_if(column.constraints, matches);
        removed += had - column.constraints.size();
    }
    if (removed == 0)
        c.fail(fmt::format("table {} has no constraint named {} (SQLite keeps only the names "
                           "written as CONSTRAINT name)",
                           table.name, op.name));
}

} // namespace

RebuiltTable rebuilt_table(const std::string& create_sql) {
    RebuiltTable r;
    r.table = parse_create_table(create_sql);
    for (const auto& column : r.table.columns) {
        r.source.push_back(column.name);
        r.fill.emplace_back();
        r.current.push_back(column.name);
    }
    return r;
}

void apply_change(RebuiltTable& r, const ops::Operation& change, const std::string& file) {
    const Context c{r, file, ops::source_line(change)};
    if (const auto* op = std::get_if<ops::AlterColumn>(&change)) {
        alter(c, *op);
    } else if (const auto* op = std::get_if<ops::AddColumn>(&change)) {
        add(c, *op);
    } else if (const auto* op = std::get_if<ops::DropColumn>(&change)) {
        const auto at = c.column(op->column);
        if (!r.source[at].empty()) r.dropped.push_back(r.source[at]);
        // A table-level UNIQUE or FOREIGN KEY on this column alone goes with
        // it, as PostgreSQL's DROP COLUMN and the replayed model drop it; one
        // spanning other columns too stays and is refused by check_dropped.
        std::erase_if(r.table.constraints, [&](const ConstraintClause& clause) {
            return (clause.kind == ClauseKind::unique || clause.kind == ClauseKind::foreign_key) &&
                   clause.columns.size() == 1 && same_name(clause.columns.front(), op->column);
        });
        r.table.columns.erase(r.table.columns.begin() + static_cast<std::ptrdiff_t>(at));
        r.source.erase(r.source.begin() + static_cast<std::ptrdiff_t>(at));
        r.fill.erase(r.fill.begin() + static_cast<std::ptrdiff_t>(at));
        r.current.erase(r.current.begin() + static_cast<std::ptrdiff_t>(at));
        if (r.table.columns.empty()) c.fail("cannot drop the last column of " + r.table.name);
    } else if (const auto* op = std::get_if<ops::CreatePrimaryKey>(&change)) {
        for (const auto& column : r.table.columns)
            if (column.has(ClauseKind::primary_key))
                c.fail(fmt::format("table {} already has a primary key (on {})", r.table.name,
                                   column.name));
        for (const auto& clause : r.table.constraints)
            if (clause.kind == ClauseKind::primary_key)
                c.fail(fmt::format("table {} already has a primary key", r.table.name));
        c.add_constraint(c.clause(ClauseKind::primary_key, op->key.name,
                                  "PRIMARY KEY " + c.built_list(op->key.columns)));
    } else if (const auto* op = std::get_if<ops::CreateUniqueConstraint>(&change)) {
        c.add_constraint(c.clause(ClauseKind::unique, op->constraint.name,
                                  "UNIQUE " + c.built_list(op->constraint.columns)));
    } else if (const auto* op = std::get_if<ops::CreateCheckConstraint>(&change)) {
        c.add_constraint(c.clause(ClauseKind::check, op->check.name,
                                  "CHECK (" + c.built_sql(op->check.condition) + ")"));
    } else if (const auto* op = std::get_if<ops::CreateForeignKey>(&change)) {
        auto clause =
            c.clause(ClauseKind::foreign_key, op->key.name,
                     "FOREIGN KEY " + c.built_list(op->key.columns) + " " + c.references(op->key));
        clause.referred_table = op->key.referred_table;
        for (const auto& n : op->key.columns)
            clause.columns.push_back(c.built(n));
        c.add_constraint(std::move(clause));
    } else if (const auto* op = std::get_if<ops::DropConstraint>(&change)) {
        drop_constraint(c, *op);
    } else {
        c.fail("this operation is not a change a SQLite table rebuild makes");
    }
}

} // namespace fleet::plugins::sqlite
