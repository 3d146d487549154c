#include "engine/script/yaml_steps.hpp"

#include "engine/error.hpp"
#include "engine/script/script.hpp"
#include "engine/script/sql_splitter.hpp"
#include "engine/script/yaml_ops.hpp"

#include <fmt/format.h>

#include <map>

namespace fleet::engine::script {

namespace {

// Reads one step's value (what follows `- name:`) into `out`. `line` is the
// line of the operation's name.
using StepParser = void (*)(const YAML::Node& value, int line, const StepSource& source,
                            std::vector<ops::Operation>& out);

// The line the text of a scalar starts on: a block scalar (| or >) starts on
// the line after its indicator.
int text_line(const YAML::Node& scalar, int fallback, const StepSource& source) {
    const YAML::Mark mark = scalar.Mark();
    if (mark.is_null()) return fallback;
    const auto pos = static_cast<std::size_t>(mark.pos);
    const bool block =
        pos < source.text.size() && (source.text[pos] == '|' || source.text[pos] == '>');
    return mark.line + (block ? 2 : 1);
}

std::vector<SqlStatement> statements_of(const YAML::Node& scalar, int line,
                                        const StepSource& source, std::string_view what,
                                        SqlDialect dialect = SqlDialect::any) {
    std::vector<SqlStatement> statements =
        split_sql(scalar.Scalar(), source.file, text_line(scalar, line, source), dialect);
    if (statements.empty()) {
        throw InputError(source.file, line_of(scalar, line), fmt::format("{} holds no SQL", what));
    }
    return statements;
}

// execute: "SQL; SQL"                      one operation per statement
// execute: {sql: "...", sqlite: "..."}     one statement, per dialect
void parse_execute(const YAML::Node& value, int line, const StepSource& source,
                   std::vector<ops::Operation>& out) {
    if (value.IsScalar()) {
        for (SqlStatement& statement : statements_of(value, line, source, "'execute'")) {
            out.push_back(ops::Execute{std::move(statement.text), {}, statement.line});
        }
        return;
    }
    if (!value.IsMap()) {
        throw InputError(source.file, line_of(value, line),
                         fmt::format("'execute' must be SQL text or a map of sql, {} to SQL "
                                     "text, not {}",
                                     fmt::join(k_dialect_names, ", "), kind_of(value)));
    }
    ops::Execute execute;
    execute.line = line;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string key = it->first.Scalar();
        const int key_line = line_of(it->first, line);
        if (key != "sql" && !is_dialect_name(key)) {
            throw InputError(source.file, key_line,
                             fmt::format("unknown key '{}' in 'execute' (expected sql, {})", key,
                                         fmt::join(k_dialect_names, ", ")));
        }
        if (!it->second.IsScalar()) {
            throw InputError(source.file, line_of(it->second, key_line),
                             fmt::format("'{}' in 'execute' must be SQL text, not {}", key,
                                         kind_of(it->second)));
        }
        const std::string what = fmt::format("'execute' {}", key);
        std::vector<SqlStatement> statements =
            statements_of(it->second, key_line, source, what, sql_dialect_named(key));
        if (statements.size() > 1) {
            throw InputError(source.file, statements[1].line,
                             fmt::format("{} holds {} statements; a per-dialect execute takes "
                                         "one (write one step per statement)",
                                         what, statements.size()));
        }
        std::string& slot = key == "sql" ? execute.sql : execute.by_dialect[key];
        if (!slot.empty()) {
            throw InputError(source.file, key_line,
                             fmt::format("key '{}' appears twice in 'execute'", key));
        }
        slot = std::move(statements.front().text);
    }
    if (execute.sql.empty() && execute.by_dialect.empty()) {
        throw InputError(
            source.file, line,
            fmt::format("'execute' needs sql or a dialect ({})", fmt::join(k_dialect_names, ", ")));
    }
    out.push_back(std::move(execute));
}

// Alembic's op.* names, each with its reader (yaml_ops.hpp).
const std::map<std::string_view, StepParser>& step_parsers() {
    static const std::map<std::string_view, StepParser> k_parsers{
        {"execute", parse_execute},
        {"create_table", parse_create_table},
        {"drop_table", parse_drop_table},
        {"rename_table", parse_rename_table},
        {"add_column", parse_add_column},
        {"drop_column", parse_drop_column},
        {"alter_column", parse_alter_column},
        {"create_index", parse_create_index},
        {"drop_index", parse_drop_index},
        {"create_primary_key", parse_create_primary_key},
        {"create_unique_constraint", parse_create_unique_constraint},
        {"create_foreign_key", parse_create_foreign_key},
        {"create_check_constraint", parse_create_check_constraint},
        {"drop_constraint", parse_drop_constraint},
        {"bulk_insert", parse_bulk_insert},
    };
    return k_parsers;
}

void parse_step(const YAML::Node& step, int list_line, const StepSource& source,
                std::vector<ops::Operation>& out) {
    const int step_line = line_of(step, list_line);
    if (!step.IsMap() || step.size() == 0) {
        throw InputError(source.file, step_line,
                         fmt::format("a step must be a map of one operation to its arguments, "
                                     "like '- execute: SQL', not {}",
                                     kind_of(step)));
    }
    if (step.size() > 1) {
        std::vector<std::string> names;
        for (auto it = step.begin(); it != step.end(); ++it) {
            names.push_back(fmt::format("'{}'", it->first.Scalar()));
        }
        throw InputError(source.file, step_line,
                         fmt::format("a step holds {} keys ({}); each step is one operation "
                                     "(check the indentation of its arguments)",
                                     names.size(), fmt::join(names, ", ")));
    }
    const auto entry = step.begin();
    const std::string name = entry->first.Scalar();
    const int line = line_of(entry->first, step_line);
    const auto parser = step_parsers().find(name);
    if (parser == step_parsers().end()) {
        std::vector<std::string_view> known;
        for (const auto& [known_name, parse] : step_parsers())
            known.push_back(known_name);
        throw InputError(
            source.file, line,
            fmt::format("unknown operation '{}' (expected {})", name, fmt::join(known, ", ")));
    }
    parser->second(entry->second, line, source, out);
}

} // namespace

std::vector<ops::Operation> parse_steps(const YAML::Node& steps, std::string_view key, int key_line,
                                        const StepSource& source) {
    std::vector<ops::Operation> operations;
    if (steps.IsNull()) return operations;
    if (!steps.IsSequence()) {
        throw InputError(source.file, line_of(steps, key_line),
                         fmt::format("'{}' must be a list of steps, not {}", key, kind_of(steps)));
    }
    for (const YAML::Node& step : steps)
        parse_step(step, key_line, source, operations);
    return operations;
}

int line_of(const YAML::Node& node, int fallback) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() || node.IsNull() ? fallback : mark.line + 1;
}

std::string_view kind_of(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
        return "null";
    case YAML::NodeType::Scalar:
        return "text";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

} // namespace fleet::engine::script
