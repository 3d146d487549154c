#include "plugins/reporters/diff_json.hpp"

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

Json optional_text(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

Json side_json(const DiffSide& side) {
    Json s;
    s["name"] = side.name;
    s["kind"] = side.environment ? "environment" : "target";
    const auto* reference = side.reference();
    s["reference"] = reference ? Json(reference->name) : Json(nullptr);
    s["targets"] = Json::array();
    for (const auto& target : side.targets) {
        Json t;
        t["name"] = target.name;
        t["url"] = target.display_url;
        t["exists"] = target.database_exists;
        t["read"] = target.schema.has_value();
        t["error"] = target.schema ? Json(nullptr) : Json(target.error);
        s["targets"].push_back(std::move(t));
    }
    s["schemas"] = Json::array();
    for (const auto& group : side.schemas) {
        Json names = Json::array();
        for (std::size_t member : group)
            names.push_back(side.targets[member].name);
        s["schemas"].push_back({{"count", group.size()}, {"targets", std::move(names)}});
    }
    return s;
}

} // namespace

Json differences_json(const std::vector<Difference>& differences) {
    Json list = Json::array();
    for (const auto& d : differences) {
        Json item;
        item["change"] = engine::schema::change_name(d.change);
        item["sign"] = engine::schema::change_sign(d.change);
        item["object"] = engine::schema::kind_name(d.kind);
        item["table"] = d.table;
        item["name"] = d.name.empty() ? Json(nullptr) : Json(d.name);
        item["left"] = optional_text(d.left);
        item["right"] = optional_text(d.right);
        item["description"] = d.description;
        list.push_back(std::move(item));
    }
    return list;
}

void render_diff_json(const DiffReport& report, std::ostream& out) {
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = static_cast<int>(diff_exit_code(report));
    doc["left"] = side_json(report.left);
    doc["right"] = side_json(report.right);
    doc["compared"] = report.compared;
    doc["differences"] = differences_json(report.differences);
    doc["drift"] = Json::array();
    for (const auto& drifted : report.drift)
        doc["drift"].push_back({{"target", drifted.target},
                                {"reference", drifted.reference},
                                {"differences", differences_json(drifted.differences)}});
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
