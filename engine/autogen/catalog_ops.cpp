#include "engine/autogen/catalog_ops.hpp"

#include "engine/error.hpp"
#include "engine/ops/naming.hpp"
#include "engine/util/text.hpp"

#include <algorithm>
#include <cctype>

namespace fleet::engine::autogen {

namespace {

using ops::ColumnType;

// The numbers inside the spelling's parentheses: "numeric(10, 2)" -> 10, 2.
std::vector<int> arguments(const std::string& spelling) {
    std::vector<int> out;
    const auto open = spelling.find('(');
    if (open == std::string::npos) return out;
    int value = -1;
    for (std::size_t i = open + 1; i < spelling.size() && spelling[i] != ')'; ++i) {
        const char c = spelling[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            value = (value < 0 ? 0 : value * 10) + (c - '0');
        } else if (c == ',') {
            if (value >= 0) out.push_back(value);
            value = -1;
        }
    }
    if (value >= 0) out.push_back(value);
    return out;
}

// The portable types, in the order a spelling is tried against them: the
// first whose catalog spelling matches wins (INTEGER before BIGINT where a
// dialect spells both alike).
std::vector<ColumnType> candidates(const std::string& spelling) {
    using K = ColumnType::Kind;
    const auto args = arguments(spelling);
    std::vector<ColumnType> out;
    for (K kind : {K::integer, K::bigint, K::smallint, K::boolean, K::text, K::varchar,
                   K::fixed_char, K::numeric, K::real, K::double_precision, K::date, K::time,
                   K::timestamp, K::timestamptz, K::json, K::uuid, K::binary}) {
        ColumnType type;
        type.kind = kind;
        if ((kind == K::varchar || kind == K::fixed_char) && !args.empty()) type.length = args[0];
        if (kind == K::numeric && !args.empty()) {
            type.precision = args[0];
            if (args.size() > 1) type.scale = args[1];
        }
        out.push_back(std::move(type));
    }
    return out;
}

// 'it''s' or 'x'::type -> the string; nullopt when text is not one quoted
// string (optionally cast).
std::optional<std::string> quoted_string(const std::string& text) {
    if (text.size() < 2 || text.front() != '\'') return std::nullopt;
    std::string value;
    std::size_t i = 1;
    for (; i < text.size(); ++i) {
        if (text[i] != '\'') {
            value += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '\'') {
            value += '\'';
            ++i;
            continue;
        }
        break;
    }
    if (i >= text.size()) return std::nullopt; // never closed
    const std::string rest = text.substr(i + 1);
    if (!rest.empty() && rest.rfind("::", 0) != 0) return std::nullopt;
    if (rest.find('\'') != std::string::npos || rest.find('(') != std::string::npos)
        return std::nullopt;
    return value;
}

// A type's name as the catalog spells it, without the double quotes it
// needs when it is no plain lower-case word: "Mood" -> Mood.
std::string unquoted_name(const std::string& spelling) {
    if (spelling.size() < 2 || spelling.front() != '"' || spelling.back() != '"') return spelling;
    std::string out;
    for (std::size_t i = 1; i + 1 < spelling.size(); ++i) {
        out += spelling[i];
        if (spelling[i] == '"' && spelling[i + 1] == '"') ++i;
    }
    return out;
}

bool is_number(const std::string& text) {
    std::size_t i = text.size() > 1 && text.front() == '-' ? 1 : 0;
    bool digits = false, point = false;
    for (; i < text.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i]))) {
            digits = true;
        } else if (text[i] == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits;
}

} // namespace

ColumnType CatalogOps::type(const std::string& spelling) const {
    for (const auto& candidate : candidates(spelling)) {
        try {
            if (schema::normalize_type(m_compiler.catalog_type(candidate)) == spelling)
                return candidate;
        } catch (const InputError&) {
            // A type this dialect cannot render is no candidate.
        }
    }
    // No portable type is spelled so: the catalog's text as written. Unless
    // that text reads as a portable name (or a malformed one) (SQLite keeps `timestamp` as
    // typed, while the portable timestamp renders DATETIME there): a YAML
    // revision would read it back as the portable type, so it is written
    // for this dialect alone, which keeps it as is.
    ColumnType written;
    const auto parsed = ops::parse_column_type(spelling, nullptr);
    if (parsed && parsed->kind == ColumnType::Kind::raw) {
        written.kind = ColumnType::Kind::raw;
        written.raw = spelling;
    } else {
        written.kind = ColumnType::Kind::per_dialect;
        written.by_dialect.emplace(std::string(m_compiler.dialect_name()), spelling);
    }
    return written;
}

bool CatalogOps::is_identity(const schema::Column& column) {
    return column.default_value && column.default_value->rfind("GENERATED ", 0) == 0 &&
           column.default_value->find(" AS IDENTITY") != std::string::npos;
}

std::optional<ops::ServerDefault> CatalogOps::server_default(const schema::Column& column) {
    if (!column.default_value || is_identity(column)) return std::nullopt;
    const std::string& text = *column.default_value;
    ops::ServerDefault value;
    if (auto string = quoted_string(text)) {
        value.value = {ops::Literal::Kind::string, *string};
    } else if (is_number(text)) {
        value.value = {ops::Literal::Kind::number, text};
    } else if (const auto word = util::lower(text); word == "true" || word == "false") {
        value.value = {ops::Literal::Kind::boolean, word};
    } else if (word == "current_timestamp" || word == "current_date" || word == "current_time") {
        value.kind = ops::ServerDefault::Kind::expression;
        value.expression = word;
    } else {
        value.kind = ops::ServerDefault::Kind::sql;
        value.sql = text;
    }
    return value;
}

ops::Column CatalogOps::column(const schema::Table& table, const schema::Column& column) const {
    ops::Column out;
    out.name = column.name;
    if (column.enum_values.empty()) {
        out.type = type(column.type);
    } else {
        out.type.kind = ColumnType::Kind::enumeration;
        out.type.enum_name = unquoted_name(column.type);
        out.type.enum_values = column.enum_values;
    }
    out.nullable = column.nullable;
    out.server_default = server_default(column);
    out.comment = column.comment;
    const bool whole_key = table.primary_key.size() == 1 && table.primary_key[0] == column.name;
    if (is_identity(column) && whole_key) {
        out.primary_key = true;
        out.autoincrement = true;
        out.nullable = false;
    }
    return out;
}

ops::CreateTable CatalogOps::table_without_keys(const schema::Table& table) const {
    ops::CreateTable op;
    op.name = table.name;
    for (const auto& read : table.columns) {
        auto c = column(table, read);
        c.primary_key = false; // the key goes in op.primary_key
        op.columns.push_back(std::move(c));
    }
    if (!table.primary_key.empty())
        op.primary_key = ops::PrimaryKey{ops::primary_key_name(table.name), table.primary_key};
    op.comment = table.comment;
    for (const auto& constraint : table.constraints) {
        if (constraint.kind == schema::Constraint::Kind::unique)
            op.unique.push_back(unique(table, constraint));
        else
            op.checks.push_back(check(table, constraint));
    }
    return op;
}

ops::Execute CatalogOps::table_comment(const schema::Table& table) const {
    ops::Execute op;
    op.by_dialect.emplace(std::string(m_compiler.dialect_name()),
                          m_compiler.comment_on_table("", table.name, table.comment));
    return op;
}

ops::ForeignKey CatalogOps::foreign_key(const schema::Table& table,
                                        const schema::ForeignKey& key) const {
    ops::ForeignKey out;
    out.name = foreign_key_name(table, key);
    out.columns = key.columns;
    out.referred_table = key.referred_table;
    out.referred_columns = key.referred_columns;
    // NO ACTION is what no clause means: written only when it is another.
    if (key.on_delete != "NO ACTION") out.ondelete = key.on_delete;
    if (key.on_update != "NO ACTION") out.onupdate = key.on_update;
    return out;
}

ops::CreateIndex CatalogOps::create_index(const schema::Table& table,
                                          const schema::Index& index) const {
    ops::CreateIndex op;
    op.name = index.name;
    op.table = table.name;
    op.unique = index.unique;
    op.where = index.where;
    for (const auto& part : index.columns) {
        const bool is_column = std::any_of(table.columns.begin(), table.columns.end(),
                                           [&](const schema::Column& c) { return c.name == part; });
        op.columns.push_back(is_column ? ops::IndexPart{part, ""} : ops::IndexPart{"", part});
    }
    return op;
}

ops::UniqueConstraint CatalogOps::unique(const schema::Table& table,
                                         const schema::Constraint& constraint) const {
    return {constraint_name(table, constraint), constraint.columns};
}

ops::CheckConstraint CatalogOps::check(const schema::Table& table,
                                       const schema::Constraint& constraint) const {
    return {constraint_name(table, constraint), constraint.definition};
}

std::string constraint_name(const schema::Table& table, const schema::Constraint& constraint) {
    if (!constraint.name.empty()) return constraint.name;
    if (constraint.kind == schema::Constraint::Kind::unique)
        return ops::unique_name(table.name,
                                constraint.columns.empty() ? "" : constraint.columns.front());
    return ops::check_name(table.name, constraint.definition);
}

std::string foreign_key_name(const schema::Table& table, const schema::ForeignKey& key) {
    if (!key.name.empty()) return key.name;
    return ops::foreign_key_name(table.name, key.columns.empty() ? "" : key.columns.front(),
                                 key.referred_table);
}

} // namespace fleet::engine::autogen
