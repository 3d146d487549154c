#include "engine/lint/statement_facts.hpp"

#include "engine/util/text.hpp"

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include <algorithm>
#include <array>
#include <cctype>

// read_statements over libpg_query's JSON parse tree. The node and field
// names are PostgreSQL's own (parsenodes.h): CreateStmt, AlterTableCmd with
// subtype AT_AddColumn, Constraint with contype CONSTR_FOREIGN, ...
namespace fleet::engine::lint {

namespace {

using Json = nlohmann::json;

// PostgreSQL functions that give each call its own value (provolatile 'v'):
// a default using one is evaluated per row, so adding the column rewrites
// the table. now(), current_timestamp and the like are stable: evaluated
// once per statement, stored once from PostgreSQL 11.
constexpr std::array<std::string_view, 18> k_volatile_functions{
    "random",
    "random_normal",
    "setseed",
    "clock_timestamp",
    "timeofday",
    "gen_random_uuid",
    "uuidv4",
    "uuidv7",
    "gen_random_bytes",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "nextval",
    "setval",
    "currval",
    "lastval",
    "txid_current",
    "pg_current_xact_id",
};

// Types that are an integer with a sequence behind it: nextval() per row.
constexpr std::array<std::string_view, 6> k_serial_types{"serial",  "serial4",     "bigserial",
                                                         "serial8", "smallserial", "serial2"};

const Json& field(const Json& node, const char* name) {
    static const Json k_null;
    if (!node.is_object()) return k_null;
    const auto found = node.find(name);
    return found == node.end() ? k_null : *found;
}

std::string text(const Json& node, const char* name) {
    const Json& value = field(node, name);
    return value.is_string() ? value.get<std::string>() : std::string();
}

bool flag(const Json& node, const char* name) {
    const Json& value = field(node, name);
    return value.is_boolean() && value.get<bool>();
}

// The names of a list of String nodes ([{"String": {"sval": "a"}}, ...]).
std::vector<std::string> names(const Json& list) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const Json& item : list)
        out.push_back(text(field(item, "String"), "sval"));
    return out;
}

std::string last_name(const Json& list) {
    const auto all = names(list);
    return all.empty() ? std::string() : all.back();
}

// An A_Const's integer, 0 when the constant holds none (the tree leaves an
// integer 0 as an empty object).
int integer_of(const Json& constant) {
    const Json& value = field(field(constant, "ival"), "ival");
    return value.is_number_integer() ? value.get<int>() : 0;
}

TypeFacts type_of(const Json& type_name) {
    TypeFacts type;
    type.name = last_name(field(type_name, "names"));
    const Json& modifiers = field(type_name, "typmods");
    if (modifiers.is_array())
        for (const Json& modifier : modifiers)
            type.modifiers.push_back(integer_of(field(modifier, "A_Const")));
    type.array = field(type_name, "arrayBounds").is_array();
    return type;
}

bool is_serial(const TypeFacts& type) {
    return std::find(k_serial_types.begin(), k_serial_types.end(), type.name) !=
           k_serial_types.end();
}

// The worst behaviour of any function call within `node`.
DefaultKind expression_kind(const Json& node) {
    DefaultKind worst = DefaultKind::constant;
    auto raise = [&worst](DefaultKind kind) { worst = std::max(worst, kind); };
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "FuncCall") {
                const std::string function = util::lower(last_name(field(value, "funcname")));
                const bool per_row =
                    std::find(k_volatile_functions.begin(), k_volatile_functions.end(), function) !=
                    k_volatile_functions.end();
                raise(per_row ? DefaultKind::volatile_per_row : DefaultKind::stable);
            } else if (key == "SQLValueFunction") {
                raise(DefaultKind::stable); // current_timestamp, current_user, ...
            } else if (key == "SubLink") {
                raise(DefaultKind::volatile_per_row);
            }
            raise(expression_kind(value));
        }
    } else if (node.is_array()) {
        for (const Json& item : node)
            raise(expression_kind(item));
    }
    return worst;
}

// CHECK (column IS NOT NULL): the column; else "".
std::string not_null_column(const Json& expression) {
    const Json& test = field(expression, "NullTest");
    if (text(test, "nulltesttype") != "IS_NOT_NULL") return {};
    return last_name(field(field(field(test, "arg"), "ColumnRef"), "fields"));
}

ConstraintFacts constraint_of(const Json& node) {
    ConstraintFacts c;
    const std::string type = text(node, "contype");
    c.name = text(node, "conname");
    c.not_valid = flag(node, "skip_validation");
    if (type == "CONSTR_CHECK") {
        c.kind = ConstraintFacts::Kind::check;
        c.proves_not_null = not_null_column(field(node, "raw_expr"));
    } else if (type == "CONSTR_FOREIGN") {
        c.kind = ConstraintFacts::Kind::foreign_key;
        c.columns = names(field(node, "fk_attrs"));
        c.referred_table = text(field(node, "pktable"), "relname");
    } else if (type == "CONSTR_UNIQUE" || type == "CONSTR_PRIMARY") {
        c.kind = type == "CONSTR_UNIQUE" ? ConstraintFacts::Kind::unique
                                         : ConstraintFacts::Kind::primary_key;
        c.columns = names(field(node, "keys"));
        c.using_index = !text(node, "indexname").empty();
    }
    return c;
}

ColumnFacts column_of(const Json& definition) {
    ColumnFacts column;
    column.name = text(definition, "colname");
    column.type = type_of(field(definition, "typeName"));
    if (is_serial(column.type)) column.default_kind = DefaultKind::volatile_per_row;
    const Json& constraints = field(definition, "constraints");
    if (!constraints.is_array()) return column;
    for (const Json& item : constraints) {
        const Json& node = field(item, "Constraint");
        const std::string type = text(node, "contype");
        if (type == "CONSTR_DEFAULT") {
            column.default_kind =
                std::max(column.default_kind, expression_kind(field(node, "raw_expr")));
        } else if (type == "CONSTR_IDENTITY" || type == "CONSTR_GENERATED") {
            // An identity column takes nextval() per row; a stored generated
            // column computes every row: both fill existing rows one by one.
            column.default_kind = DefaultKind::volatile_per_row;
        } else if (type == "CONSTR_NOTNULL") {
            column.not_null = true;
        } else if (type == "CONSTR_CHECK" || type == "CONSTR_FOREIGN" || type == "CONSTR_UNIQUE" ||
                   type == "CONSTR_PRIMARY") {
            ConstraintFacts c = constraint_of(node);
            if (c.columns.empty()) c.columns = {column.name};
            column.not_null = column.not_null || type == "CONSTR_PRIMARY";
            column.constraints.push_back(std::move(c));
        }
    }
    return column;
}

AlterAction action_of(const Json& command) {
    using Kind = AlterAction::Kind;
    AlterAction action;
    const std::string subtype = text(command, "subtype");
    action.column = text(command, "name");
    const Json& definition = field(command, "def");
    if (subtype == "AT_AddColumn") {
        action.kind = Kind::add_column;
        action.added = column_of(field(definition, "ColumnDef"));
        action.column = action.added.name;
    } else if (subtype == "AT_DropColumn") {
        action.kind = Kind::drop_column;
    } else if (subtype == "AT_AlterColumnType") {
        action.kind = Kind::alter_type;
        const Json& column = field(definition, "ColumnDef");
        action.type = type_of(field(column, "typeName"));
        action.using_expression = !field(column, "raw_default").is_null();
    } else if (subtype == "AT_SetNotNull") {
        action.kind = Kind::set_not_null;
    } else if (subtype == "AT_DropNotNull") {
        action.kind = Kind::drop_not_null;
    } else if (subtype == "AT_ColumnDefault") {
        action.kind = definition.is_null() ? Kind::drop_default : Kind::set_default;
        if (!definition.is_null()) action.default_kind = expression_kind(definition);
    } else if (subtype == "AT_AddConstraint") {
        action.kind = Kind::add_constraint;
        action.constraint = constraint_of(field(definition, "Constraint"));
    } else if (subtype == "AT_ValidateConstraint") {
        action.kind = Kind::validate_constraint;
    } else if (subtype == "AT_DropConstraint") {
        action.kind = Kind::drop_constraint;
    } else if (subtype == "AT_SetTableSpace") {
        action.kind = Kind::set_tablespace;
    }
    return action;
}

// The last name of each object of a DROP ([[schema, name], ...]), but for
// those in schema temp or pg_temp: a session's own, which no target holds.
std::vector<std::string> dropped_names(const Json& objects) {
    std::vector<std::string> out;
    if (!objects.is_array()) return out;
    for (const Json& object : objects) {
        const auto parts = names(field(field(object, "List"), "items"));
        if (parts.empty()) continue;
        if (parts.size() > 1) {
            const std::string schema = util::lower(parts[parts.size() - 2]);
            if (schema == "temp" || schema == "pg_temp") continue;
        }
        out.push_back(parts.back());
    }
    return out;
}

void read_create_table(const Json& node, StatementFacts& facts) {
    facts.kind = StatementFacts::Kind::create_table;
    facts.table = text(field(node, "relation"), "relname");
    const Json& elements = field(node, "tableElts");
    if (!elements.is_array()) return;
    for (const Json& element : elements) {
        if (element.contains("ColumnDef")) facts.columns.push_back(column_of(element["ColumnDef"]));
        if (element.contains("Constraint"))
            facts.constraints.push_back(constraint_of(element["Constraint"]));
    }
}

void read_alter_table(const Json& node, StatementFacts& facts) {
    const std::string object = text(node, "objtype");
    if (!object.empty() && object != "OBJECT_TABLE") return; // an index, a sequence, ...
    facts.kind = StatementFacts::Kind::alter_table;
    facts.table = text(field(node, "relation"), "relname");
    const Json& commands = field(node, "cmds");
    if (!commands.is_array()) return;
    for (const Json& command : commands)
        facts.actions.push_back(action_of(field(command, "AlterTableCmd")));
}

// REINDEX [ (CONCURRENTLY) ] INDEX | TABLE name, or REINDEX ... CONCURRENTLY:
// from PostgreSQL 14 the option sits in the parameter list either way.
void read_reindex(const Json& node, StatementFacts& facts) {
    facts.kind = StatementFacts::Kind::reindex;
    const std::string object = text(node, "kind");
    const std::string name = text(field(node, "relation"), "relname");
    if (object == "REINDEX_OBJECT_INDEX") {
        facts.index = name;
    } else if (object == "REINDEX_OBJECT_TABLE") {
        facts.table = name;
    }
    const Json& parameters = field(node, "params");
    if (parameters.is_array())
        for (const Json& parameter : parameters)
            if (util::lower(text(field(parameter, "DefElem"), "defname")) == "concurrently")
                facts.concurrently = true;
}

void read_create_index(const Json& node, StatementFacts& facts) {
    facts.kind = StatementFacts::Kind::create_index;
    facts.table = text(field(node, "relation"), "relname");
    facts.index = text(node, "idxname");
    facts.concurrently = flag(node, "concurrent");
    facts.unique = flag(node, "unique");
    const Json& parts = field(node, "indexParams");
    if (!parts.is_array()) return;
    for (const Json& part : parts) {
        const std::string column = text(field(part, "IndexElem"), "name");
        if (column.empty()) break; // an expression: the leading plain columns end here
        facts.index_columns.push_back(column);
    }
}

void read_drop(const Json& node, StatementFacts& facts) {
    const std::string type = text(node, "removeType");
    if (type == "OBJECT_TABLE") {
        facts.kind = StatementFacts::Kind::drop_table;
        facts.tables = dropped_names(field(node, "objects"));
        if (!facts.tables.empty()) facts.table = facts.tables.front();
    } else if (type == "OBJECT_INDEX") {
        facts.kind = StatementFacts::Kind::drop_index;
        facts.indexes = dropped_names(field(node, "objects"));
        if (!facts.indexes.empty()) facts.index = facts.indexes.front();
        facts.concurrently = flag(node, "concurrent");
    }
}

void read_rename(const Json& node, StatementFacts& facts) {
    const std::string type = text(node, "renameType");
    facts.table = text(field(node, "relation"), "relname");
    facts.new_name = text(node, "newname");
    if (type == "OBJECT_TABLE") {
        facts.kind = StatementFacts::Kind::rename_table;
    } else if (type == "OBJECT_COLUMN" && text(node, "relationType") == "OBJECT_TABLE") {
        facts.kind = StatementFacts::Kind::rename_column;
        facts.column = text(node, "subname");
    }
}

void read_vacuum(const Json& node, StatementFacts& facts) {
    if (!flag(node, "is_vacuumcmd")) return; // ANALYZE
    bool full = false;
    const Json& options = field(node, "options");
    if (options.is_array()) {
        for (const Json& option : options) {
            const Json& element = field(option, "DefElem");
            if (text(element, "defname") != "full") continue;
            // FULL alone, or FULL true/on/1; FULL false turns it off.
            const Json& argument = field(element, "arg");
            const std::string value =
                util::lower(text(field(argument, "String"), "sval") +
                            text(field(field(argument, "A_Const"), "sval"), "sval"));
            full = value != "false" && value != "off" && value != "0";
        }
    }
    if (!full) return;
    facts.kind = StatementFacts::Kind::vacuum_full;
    const Json& relations = field(node, "rels");
    if (relations.is_array() && !relations.empty())
        facts.table = text(field(field(relations[0], "VacuumRelation"), "relation"), "relname");
}

void read_set(const Json& node, StatementFacts& facts) {
    if (text(node, "name") != "lock_timeout") return;
    facts.kind = StatementFacts::Kind::set_lock_timeout;
    facts.lock_timeout_ms = 0; // RESET and DEFAULT: the server's, usually none
    if (text(node, "kind") != "VAR_SET_VALUE") return;
    const Json& arguments = field(node, "args");
    if (!arguments.is_array() || arguments.empty()) return;
    const Json& constant = field(arguments[0], "A_Const");
    if (constant.contains("sval")) {
        facts.lock_timeout_ms = timeout_ms(text(field(constant, "sval"), "sval")).value_or(0);
    } else if (constant.contains("fval")) {
        facts.lock_timeout_ms = timeout_ms(text(field(constant, "fval"), "fval")).value_or(0);
    } else {
        facts.lock_timeout_ms = integer_of(constant);
    }
}

void read_transaction(const Json& node, StatementFacts& facts) {
    const std::string kind = text(node, "kind");
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
        facts.kind = StatementFacts::Kind::begin;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") {
        facts.kind = StatementFacts::Kind::commit;
    }
}

StatementFacts read_one(const Json& statement) {
    StatementFacts facts;
    facts.kind = StatementFacts::Kind::other;
    if (!statement.is_object() || statement.empty()) return facts;
    // The statement's one key names its kind. Read through an iterator of the
    // object itself: items().begin() is a temporary proxy, and a reference
    // bound to what it points at dangles at the end of the line.
    const auto first = statement.begin();
    const std::string& kind = first.key();
    const Json& node = first.value();
    if (kind == "CreateStmt") {
        read_create_table(node, facts);
    } else if (kind == "AlterTableStmt") {
        read_alter_table(node, facts);
    } else if (kind == "IndexStmt") {
        read_create_index(node, facts);
    } else if (kind == "DropStmt") {
        read_drop(node, facts);
    } else if (kind == "RenameStmt") {
        read_rename(node, facts);
    } else if (kind == "UpdateStmt" || kind == "DeleteStmt") {
        facts.kind =
            kind == "UpdateStmt" ? StatementFacts::Kind::update : StatementFacts::Kind::delete_rows;
        facts.table = text(field(node, "relation"), "relname");
        facts.has_where = !field(node, "whereClause").is_null();
    } else if (kind == "VacuumStmt") {
        read_vacuum(node, facts);
    } else if (kind == "ReindexStmt") {
        read_reindex(node, facts);
    } else if (kind == "ClusterStmt") {
        facts.kind = StatementFacts::Kind::cluster;
        facts.table = text(field(node, "relation"), "relname");
    } else if (kind == "TruncateStmt") {
        facts.kind = StatementFacts::Kind::truncate;
        const Json& relations = field(node, "relations");
        if (relations.is_array())
            for (const Json& relation : relations)
                facts.tables.push_back(text(field(relation, "RangeVar"), "relname"));
        if (!facts.tables.empty()) facts.table = facts.tables.front();
    } else if (kind == "VariableSetStmt") {
        read_set(node, facts);
    } else if (kind == "TransactionStmt") {
        read_transaction(node, facts);
    } else if (kind == "DoStmt") {
        facts.kind = StatementFacts::Kind::do_block;
    }
    return facts;
}

// libpg_query's result, freed however the reading ends.
class ParseResult {
  public:
    explicit ParseResult(const std::string& sql) : m_result(pg_query_parse(sql.c_str())) {}
    ~ParseResult() { pg_query_free_parse_result(m_result); }
    ParseResult(const ParseResult&) = delete;
    ParseResult& operator=(const ParseResult&) = delete;
    const PgQueryParseResult& operator*() const { return m_result; }

  private:
    PgQueryParseResult m_result;
};

std::vector<StatementFacts> facts_of(const PgQueryParseResult& result) {
    const Json tree = Json::parse(result.parse_tree, nullptr, false);
    std::vector<StatementFacts> out;
    const Json& statements = field(tree, "stmts");
    if (statements.is_array())
        for (const Json& statement : statements)
            out.push_back(read_one(field(statement, "stmt")));
    return out;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `sql` without the token the parser stopped at (`position`: 1-based, as
// libpg_query gives it): the word there, the word before when it stopped
// at the end, else the one character.
std::string without_token_at(const std::string& sql, int position) {
    std::size_t at = position > 0 ? static_cast<std::size_t>(position - 1) : sql.size();
    if (at >= sql.size()) {
        at = sql.find_last_not_of(" \t\r\n;");
        if (at == std::string::npos) return sql;
    }
    if (!is_word_char(sql[at])) return sql.substr(0, at) + " " + sql.substr(at + 1);
    std::size_t begin = at;
    while (begin > 0 && is_word_char(sql[begin - 1]))
        --begin;
    std::size_t end = at;
    while (end < sql.size() && is_word_char(sql[end]))
        ++end;
    return sql.substr(0, begin) + " " + sql.substr(end);
}

// A CREATE TABLE or CREATE INDEX in SQLite's words the PostgreSQL grammar
// refuses (AUTOINCREMENT, STRICT, WITHOUT ROWID, [quoted] names): read
// again without each token the parser stops at, a few times. Kept only when
// what remains is a CREATE TABLE or CREATE INDEX, whose table, columns and
// keys the rules need to know the table is new; anything else stays
// unparsed.
std::optional<std::vector<StatementFacts>> recovered(std::string sql, int position) {
    constexpr int k_attempts = 6;
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
        sql = without_token_at(sql, position);
        const ParseResult again{sql};
        if ((*again).error) {
            position = (*again).error->cursorpos;
            continue;
        }
        auto facts = facts_of(*again);
        const bool creates =
            !facts.empty() && std::all_of(facts.begin(), facts.end(), [](const auto& f) {
                return f.kind == StatementFacts::Kind::create_table ||
                       f.kind == StatementFacts::Kind::create_index;
            });
        if (!creates) return std::nullopt;
        return facts;
    }
    return std::nullopt;
}

} // namespace

std::vector<StatementFacts> read_statements(std::string_view sql) {
    const ParseResult result{std::string(sql)};
    if (!(*result).error) return facts_of(*result);
    if (auto facts = recovered(std::string(sql), (*result).error->cursorpos)) return *facts;
    StatementFacts unparsed;
    unparsed.parse_error = (*result).error->message ? (*result).error->message : "";
    return {unparsed};
}

DefaultKind default_kind_of(std::string_view expression) {
    if (util::trim(expression).empty()) return DefaultKind::none;
    const auto facts =
        read_statements("ALTER TABLE t ADD COLUMN c text DEFAULT " + std::string(expression));
    if (facts.size() != 1 || facts[0].actions.size() != 1) return DefaultKind::volatile_per_row;
    return facts[0].actions[0].added.default_kind;
}

std::optional<TypeFacts> type_facts_of(std::string_view type) {
    const auto facts = read_statements("CREATE TABLE t (c " + std::string(type) + ")");
    if (facts.size() != 1 || facts[0].columns.size() != 1) return std::nullopt;
    return facts[0].columns[0].type;
}

std::optional<long long> timeout_ms(std::string_view setting) {
    const std::string_view value = util::trim(setting);
    std::size_t digits = 0;
    while (digits < value.size() &&
           (std::isdigit(static_cast<unsigned char>(value[digits])) || value[digits] == '.'))
        ++digits;
    if (digits == 0) return std::nullopt;
    double number = 0;
    try {
        number = std::stod(std::string(value.substr(0, digits)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const std::string unit = util::lower(util::trim(value.substr(digits)));
    double scale = 0;
    if (unit.empty() || unit == "ms") {
        scale = 1;
    } else if (unit == "us") {
        scale = 0.001;
    } else if (unit == "s") {
        scale = 1000;
    } else if (unit == "min") {
        scale = 60'000;
    } else if (unit == "h") {
        scale = 3'600'000;
    } else if (unit == "d") {
        scale = 86'400'000;
    } else {
        return std::nullopt;
    }
    return static_cast<long long>(number * scale);
}

} // namespace fleet::engine::lint
