#include "plugins/reporters/check_json.hpp"

#include "engine/autogen/ops_yaml.hpp"
#include "engine/script/yaml_values.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

// A scalar typed as the revision reader types it (engine/script's
// literal_of): a quoted one is always a string, so "0" stays a string
// default and 0 a number; ~ is null.
Json scalar_json(const YAML::Node& node) {
    const auto literal = engine::script::literal_of(node);
    switch (literal->kind) {
    case engine::ops::Literal::Kind::null:
        return nullptr;
    case engine::ops::Literal::Kind::boolean:
        return literal->text == "true";
    case engine::ops::Literal::Kind::number: {
        auto number = Json::parse(literal->text, nullptr, false);
        return number.is_number() ? number : Json(literal->text);
    }
    case engine::ops::Literal::Kind::string:
        break;
    }
    return literal->text;
}

Json node_json(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json map = Json::object();
        for (const auto& entry : node)
            map[entry.first.Scalar()] = node_json(entry.second);
        return map;
    }
    case YAML::NodeType::Sequence: {
        Json list = Json::array();
        for (const auto& item : node)
            list.push_back(node_json(item));
        return list;
    }
    case YAML::NodeType::Scalar:
    case YAML::NodeType::Null:
        return scalar_json(node);
    default:
        return nullptr;
    }
}

// The object a step is about, so a script needs no table of which key holds
// it: the table for table steps, the column for column steps (add_column
// carries a whole column), else the index's or constraint's name.
Json object_of(const std::string& op, const Json& body) {
    if (op.ends_with("_column") && body.contains("column")) {
        const auto& column = body["column"];
        return column.is_object() ? column.value("name", Json(nullptr)) : column;
    }
    if (body.contains("name")) return body["name"];
    if (body.contains("table")) return body["table"];
    return nullptr;
}

// {"op", "table", "object", ...the step's keys}. A create_table or
// drop_table step names its table "name"; "table" is added so every
// operation has it. A step whose body is no map (a plain execute) keeps it as
// "sql".
Json operation_json(const std::string& op, const YAML::Node& body) {
    Json step = node_json(body);
    if (!step.is_object()) step = Json{{"sql", step}};
    Json item;
    item["op"] = op;
    const bool names_table = op == "create_table" || op == "drop_table";
    item["table"] =
        names_table ? step.value("name", Json(nullptr)) : step.value("table", Json(nullptr));
    item["object"] = object_of(op, step);
    for (const auto& [key, value] : step.items())
        if (!item.contains(key)) item[key] = value;
    return item;
}

} // namespace

void render_check_json(const std::vector<engine::ops::Operation>& operations, int exit_code,
                       std::ostream& out) {
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = exit_code;
    doc["operations"] = Json::array();
    // The YAML steps are the one spelling of an operation: read back, they
    // give the same keys and values the revision file would hold.
    const auto steps = YAML::Load(engine::autogen::yaml_steps(operations));
    for (const auto& step : steps)
        for (const auto& entry : step)
            doc["operations"].push_back(operation_json(entry.first.Scalar(), entry.second));
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
