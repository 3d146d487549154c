#include "plugins/reporters/check_junit.hpp"

#include "engine/autogen/ops_yaml.hpp"
#include "plugins/reporters/junit_xml.hpp"

#include <yaml-cpp/yaml.h>

namespace fleet::plugins::reporters {

namespace {

std::string scalar(const YAML::Node& map, const char* key) {
    if (!map.IsMap() || !map[key] || !map[key].IsScalar()) return {};
    return map[key].Scalar();
}

// "add_column accounts.plan", "create_table orgs", "create_index
// accounts.ix_accounts_email": the step's name, its table, and the column,
// index or constraint it is about.
std::string case_name(const std::string& step_text) {
    YAML::Node steps;
    try {
        steps = YAML::Load(step_text);
    } catch (const YAML::Exception&) {
        return step_text;
    }
    if (!steps.IsSequence() || steps.size() == 0 || !steps[0].IsMap()) return step_text;
    const auto entry = *steps[0].begin();
    const auto op = entry.first.Scalar();
    const auto& body = entry.second;
    const bool names_table = op == "create_table" || op == "drop_table";
    std::string table = scalar(body, names_table ? "name" : "table");
    std::string object;
    if (op.ends_with("_column") && body.IsMap() && body["column"]) {
        object = body["column"].IsMap() ? scalar(body["column"], "name") : body["column"].Scalar();
    } else if (!names_table) {
        object = scalar(body, "name");
    }
    std::string name = op;
    if (!table.empty()) name += " " + table;
    if (!object.empty()) name += (table.empty() ? " " : ".") + object;
    return name;
}

} // namespace

void render_check_junit(const std::vector<engine::ops::Operation>& operations,
                        const engine::autogen::Notes& notes, const std::string& compared,
                        std::ostream& out) {
    JunitSuite suite;
    suite.name = "check";
    for (std::size_t i = 0; i < operations.size(); ++i) {
        engine::autogen::Notes note;
        if (auto found = notes.find(i); found != notes.end()) note[0] = found->second;
        const auto text = engine::autogen::yaml_steps({operations[i]}, note);
        JunitCase test;
        test.classname = compared;
        test.name = case_name(text);
        test.result = JunitCase::Result::failure;
        test.message = "the declared schema differs: autogenerate would write " + test.name;
        test.type = "schema-difference";
        test.details = text;
        suite.cases.push_back(std::move(test));
    }
    if (suite.cases.empty()) {
        JunitCase clean;
        clean.classname = compared;
        clean.name = "schema in sync";
        suite.cases.push_back(std::move(clean));
    }
    write_junit_xml({"fleet check", {std::move(suite)}}, out);
}

} // namespace fleet::plugins::reporters
