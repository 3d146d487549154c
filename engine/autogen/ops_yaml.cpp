#include "engine/autogen/ops_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <sstream>

namespace fleet::engine::autogen {

namespace {

using YAML::BeginMap;
using YAML::BeginSeq;
using YAML::EndMap;
using YAML::EndSeq;
using YAML::Flow;
using YAML::Key;
using YAML::Value;

void text(YAML::Emitter& out, const std::string& value) { out << YAML::DoubleQuoted << value; }

void literal(YAML::Emitter& out, const ops::Literal& value) {
    switch (value.kind) {
    case ops::Literal::Kind::null:
        out << YAML::Null;
        return;
    case ops::Literal::Kind::boolean:
    case ops::Literal::Kind::number:
        out << value.text;
        return;
    case ops::Literal::Kind::string:
        text(out, value.text);
        return;
    }
}

void server_default(YAML::Emitter& out, const std::optional<ops::ServerDefault>& value) {
    if (!value) {
        out << YAML::Null;
        return;
    }
    switch (value->kind) {
    case ops::ServerDefault::Kind::literal:
        literal(out, value->value);
        return;
    case ops::ServerDefault::Kind::expression:
        out << Flow << BeginMap << Key << "expr" << Value << value->expression << EndMap;
        return;
    case ops::ServerDefault::Kind::sql:
        out << Flow << BeginMap << Key << "sql" << Value;
        text(out, value->sql);
        for (const auto& [dialect, sql] : value->by_dialect) {
            out << Key << dialect << Value;
            text(out, sql);
        }
        out << EndMap;
        return;
    }
}

void type(YAML::Emitter& out, const ops::ColumnType& value) {
    if (value.kind == ops::ColumnType::Kind::raw) {
        text(out, value.raw);
        return;
    }
    if (value.kind == ops::ColumnType::Kind::per_dialect) {
        out << Flow << BeginMap;
        for (const auto& [dialect, name] : value.by_dialect) {
            out << Key << dialect << Value;
            text(out, name);
        }
        out << EndMap;
        return;
    }
    if (value.kind == ops::ColumnType::Kind::enumeration) {
        // Labels always quoted: a label like yes, null or 1 reads back as text.
        out << Flow << BeginMap << Key << "enum" << Value << value.enum_name << Key << "values"
            << Value << Flow << BeginSeq;
        for (const auto& label : value.enum_values)
            text(out, label);
        out << EndSeq << EndMap;
        return;
    }
    out << ops::portable_name(value);
}

void names(YAML::Emitter& out, const std::vector<std::string>& list) {
    out << Flow << BeginSeq;
    for (const auto& name : list)
        out << name;
    out << EndSeq;
}

// name, columns, references {table, columns}, ondelete, onupdate: the keys
// of a table's foreign key and of create_foreign_key.
void foreign_key_body(YAML::Emitter& out, const ops::ForeignKey& key) {
    out << Key << "name" << Value << key.name << Key << "columns" << Value;
    names(out, key.columns);
    out << Key << "references" << Value << Flow << BeginMap;
    if (!key.referred_schema.empty()) out << Key << "schema" << Value << key.referred_schema;
    out << Key << "table" << Value << key.referred_table << Key << "columns" << Value;
    names(out, key.referred_columns);
    out << EndMap;
    if (!key.ondelete.empty()) out << Key << "ondelete" << Value << key.ondelete;
    if (!key.onupdate.empty()) out << Key << "onupdate" << Value << key.onupdate;
}

void column(YAML::Emitter& out, const ops::Column& c) {
    out << Flow << BeginMap << Key << "name" << Value << c.name << Key << "type" << Value;
    type(out, c.type);
    if (c.primary_key) out << Key << "primary_key" << Value << true;
    if (c.autoincrement) out << Key << "autoincrement" << Value << true;
    if (!c.nullable && !c.primary_key) out << Key << "nullable" << Value << false;
    if (c.unique) out << Key << "unique" << Value << true;
    if (c.server_default) {
        out << Key << "server_default" << Value;
        server_default(out, c.server_default);
    }
    if (c.references) {
        out << Key << "references" << Value << Flow << BeginMap;
        out << Key << "table" << Value << c.references->referred_table << Key << "column" << Value
            << c.references->referred_columns.front();
        if (!c.references->name.empty()) out << Key << "name" << Value << c.references->name;
        if (!c.references->ondelete.empty())
            out << Key << "ondelete" << Value << c.references->ondelete;
        if (!c.references->onupdate.empty())
            out << Key << "onupdate" << Value << c.references->onupdate;
        out << EndMap;
    }
    if (!c.comment.empty()) {
        out << Key << "comment" << Value;
        text(out, c.comment);
    }
    out << EndMap;
}

void index_parts(YAML::Emitter& out, const std::vector<ops::IndexPart>& parts) {
    out << Flow << BeginSeq;
    for (const auto& part : parts) {
        if (part.expression.empty()) {
            out << part.column;
        } else {
            out << Flow << BeginMap << Key << "expr" << Value;
            text(out, part.expression);
            out << EndMap;
        }
    }
    out << EndSeq;
}

void where_table(YAML::Emitter& out, const std::string& schema, const std::string& table,
                 const char* table_key = "table") {
    out << Key << table_key << Value << table;
    if (!schema.empty()) out << Key << "schema" << Value << schema;
}

struct Writer {
    YAML::Emitter& out;

    void operator()(const ops::Execute& op) const {
        if (op.by_dialect.empty()) {
            text(out, op.sql);
            return;
        }
        out << Flow << BeginMap;
        if (!op.sql.empty()) {
            out << Key << "sql" << Value;
            text(out, op.sql);
        }
        for (const auto& [dialect, sql] : op.by_dialect) {
            out << Key << dialect << Value;
            text(out, sql);
        }
        out << EndMap;
    }
    void operator()(const ops::CreateTable& op) const {
        out << BeginMap;
        where_table(out, op.schema, op.name, "name");
        out << Key << "columns" << Value << BeginSeq;
        for (const auto& c : op.columns)
            column(out, c);
        out << EndSeq;
        if (op.primary_key) {
            out << Key << "primary_key" << Value << Flow << BeginMap << Key << "name" << Value
                << op.primary_key->name << Key << "columns" << Value;
            names(out, op.primary_key->columns);
            out << EndMap;
        }
        if (!op.unique.empty()) {
            out << Key << "unique" << Value << BeginSeq;
            for (const auto& u : op.unique) {
                out << Flow << BeginMap << Key << "name" << Value << u.name << Key << "columns"
                    << Value;
                names(out, u.columns);
                out << EndMap;
            }
            out << EndSeq;
        }
        if (!op.checks.empty()) {
            out << Key << "checks" << Value << BeginSeq;
            for (const auto& c : op.checks) {
                out << Flow << BeginMap << Key << "name" << Value << c.name << Key << "condition"
                    << Value;
                text(out, c.condition);
                out << EndMap;
            }
            out << EndSeq;
        }
        if (!op.foreign_keys.empty()) {
            out << Key << "foreign_keys" << Value << BeginSeq;
            for (const auto& k : op.foreign_keys) {
                out << Flow << BeginMap;
                foreign_key_body(out, k);
                out << EndMap;
            }
            out << EndSeq;
        }
        if (!op.comment.empty()) {
            out << Key << "comment" << Value;
            text(out, op.comment);
        }
        out << EndMap;
    }
    void operator()(const ops::DropTable& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.name, "name");
        out << EndMap;
    }
    void operator()(const ops::RenameTable& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.table);
        out << Key << "new_name" << Value << op.new_name << EndMap;
    }
    void operator()(const ops::AddColumn& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.table);
        out << Key << "column" << Value;
        column(out, op.column);
        out << EndMap;
    }
    void operator()(const ops::DropColumn& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.table);
        out << Key << "column" << Value << op.column << EndMap;
    }
    void operator()(const ops::AlterColumn& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.table);
        out << Key << "column" << Value << op.column;
        if (op.type) {
            out << Key << "type" << Value;
            type(out, *op.type);
        }
        if (op.nullable) out << Key << "nullable" << Value << *op.nullable;
        if (op.server_default) {
            out << Key << "server_default" << Value;
            server_default(out, *op.server_default);
        }
        if (op.new_column_name) out << Key << "new_column_name" << Value << *op.new_column_name;
        if (op.comment) {
            out << Key << "comment" << Value;
            text(out, *op.comment);
        }
        if (!op.postgresql_using.empty()) {
            out << Key << "postgresql_using" << Value;
            text(out, op.postgresql_using);
        }
        if (op.existing_type) {
            out << Key << "existing_type" << Value;
            type(out, *op.existing_type);
        }
        if (op.existing_nullable)
            out << Key << "existing_nullable" << Value << *op.existing_nullable;
        if (op.existing_server_default) {
            out << Key << "existing_server_default" << Value;
            server_default(out, *op.existing_server_default);
        }
        if (op.existing_comment) {
            out << Key << "existing_comment" << Value;
            text(out, *op.existing_comment);
        }
        out << EndMap;
    }
    void operator()(const ops::CreateIndex& op) const {
        out << Flow << BeginMap << Key << "name" << Value << op.name;
        where_table(out, op.schema, op.table);
        out << Key << "columns" << Value;
        index_parts(out, op.columns);
        if (op.unique) out << Key << "unique" << Value << true;
        if (!op.where.empty()) {
            out << Key << "where" << Value;
            text(out, op.where);
        }
        if (op.postgresql_concurrently) out << Key << "postgresql_concurrently" << Value << true;
        out << EndMap;
    }
    void operator()(const ops::DropIndex& op) const {
        out << Flow << BeginMap << Key << "name" << Value << op.name;
        if (!op.table.empty()) where_table(out, op.schema, op.table);
        if (op.postgresql_concurrently) out << Key << "postgresql_concurrently" << Value << true;
        out << EndMap;
    }
    void operator()(const ops::CreatePrimaryKey& op) const {
        out << Flow << BeginMap << Key << "name" << Value << op.key.name;
        where_table(out, op.schema, op.table);
        out << Key << "columns" << Value;
        names(out, op.key.columns);
        out << EndMap;
    }
    void operator()(const ops::CreateUniqueConstraint& op) const {
        out << Flow << BeginMap << Key << "name" << Value << op.constraint.name;
        where_table(out, op.schema, op.table);
        out << Key << "columns" << Value;
        names(out, op.constraint.columns);
        out << EndMap;
    }
    void operator()(const ops::CreateForeignKey& op) const {
        out << Flow << BeginMap;
        where_table(out, op.schema, op.table);
        foreign_key_body(out, op.key);
        out << EndMap;
    }
    void operator()(const ops::CreateCheckConstraint& op) const {
        out << Flow << BeginMap << Key << "name" << Value << op.check.name;
        where_table(out, op.schema, op.table);
        out << Key << "condition" << Value;
        text(out, op.check.condition);
        out << EndMap;
    }
    void operator()(const ops::DropConstraint& op) const {
        static const char* const k_types[] = {"primary", "unique", "foreignkey", "check"};
        out << Flow << BeginMap << Key << "name" << Value << op.name;
        where_table(out, op.schema, op.table);
        out << Key << "type" << Value << k_types[static_cast<int>(op.type)] << EndMap;
    }
    void operator()(const ops::BulkInsert& op) const {
        out << BeginMap;
        where_table(out, op.schema, op.table);
        out << Key << "rows" << Value << BeginSeq;
        for (const auto& row : op.rows) {
            out << Flow << BeginMap;
            for (const auto& [name, value] : row) {
                out << Key << name << Value;
                literal(out, value);
            }
            out << EndMap;
        }
        out << EndSeq << EndMap;
    }
};

} // namespace

namespace {

// A note as "  # ..." lines of at most about 90 columns, under `upgrade:`.
std::string comment_lines(const std::string& note) {
    std::string out, line;
    std::istringstream words(note);
    std::string word;
    while (words >> word) {
        if (!line.empty() && line.size() + 1 + word.size() > 86) {
            out += "  # " + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out += "  # " + line + "\n";
    return out;
}

} // namespace

std::string yaml_steps(const std::vector<ops::Operation>& operations, const Notes& notes) {
    std::string result;
    for (std::size_t i = 0; i < operations.size(); ++i) {
        if (const auto note = notes.find(i); note != notes.end())
            result += comment_lines(note->second);
        // One sequence per step, so a note can sit between two of them.
        YAML::Emitter out;
        out.SetIndent(2);
        out << BeginSeq << BeginMap << Key << std::string(ops::operation_name(operations[i]))
            << Value;
        std::visit(Writer{out}, operations[i]);
        out << EndMap << EndSeq;
        std::istringstream lines(out.c_str());
        std::string line;
        while (std::getline(lines, line))
            result += "  " + line + "\n";
    }
    return result;
}

} // namespace fleet::engine::autogen
