#include "plugins/reporters/diff_report.hpp"

#include "engine/schema/schema_groups.hpp"

namespace fleet::plugins::reporters {

namespace schema = engine::schema;

namespace {

DiffSide make_side(DiffSideInput input) {
    DiffSide side{std::move(input.name), input.environment, std::move(input.targets), {}};
    std::vector<const schema::Schema*> read;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < side.targets.size(); ++i) {
        if (!side.targets[i].schema) continue;
        read.push_back(&*side.targets[i].schema);
        positions.push_back(i);
    }
    for (const auto& group : schema::group_schemas(read)) {
        std::vector<std::size_t> members;
        for (std::size_t member : group.members)
            members.push_back(positions[member]);
        side.schemas.push_back(std::move(members));
    }
    return side;
}

// How a side is named in descriptions: as the user named it; the table's
// header says which target's schema stands for an environment.
std::string label(const DiffSide& side) { return side.name; }

void add_drift(const DiffSide& side, std::vector<DriftedTarget>& drift) {
    const TargetSchema* reference = side.reference();
    if (!reference) return;
    for (std::size_t g = 1; g < side.schemas.size(); ++g) {
        for (std::size_t member : side.schemas[g]) {
            const auto& target = side.targets[member];
            drift.push_back({target.name, reference->name,
                             schema::compare(*reference->schema, *target.schema,
                                             {reference->name, target.name})});
        }
    }
}

} // namespace

const TargetSchema* DiffSide::reference() const {
    if (schemas.empty()) return nullptr;
    return &targets[schemas.front().front()];
}

std::size_t DiffSide::unreadable() const {
    std::size_t count = 0;
    for (const auto& target : targets)
        if (!target.schema) ++count;
    return count;
}

DiffReport make_diff_report(DiffSideInput left, DiffSideInput right) {
    DiffReport report;
    report.left = make_side(std::move(left));
    report.right = make_side(std::move(right));
    const TargetSchema* a = report.left.reference();
    const TargetSchema* b = report.right.reference();
    if (a && b) {
        report.compared = true;
        report.differences =
            schema::compare(*a->schema, *b->schema, {label(report.left), label(report.right)});
    }
    if (report.left.environment) add_drift(report.left, report.drift);
    if (report.right.environment) add_drift(report.right, report.drift);
    return report;
}

ExitCode diff_exit_code(const DiffReport& report) {
    if (report.left.unreadable() > 0 || report.right.unreadable() > 0) return ExitCode::failed;
    if (!report.differences.empty() || !report.drift.empty()) return ExitCode::out_of_sync;
    return ExitCode::ok;
}

} // namespace fleet::plugins::reporters
