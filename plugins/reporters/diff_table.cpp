#include "plugins/reporters/diff_table.hpp"

#include "engine/util/text.hpp"
#include "plugins/reporters/text_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::plugins::reporters {

namespace {
void side_summary(const DiffSide& side, std::ostream& out, const DiffTableOptions& options) {
    out << fmt::format("{}: {}, {}", side.name, plural(side.targets.size(), "target"),
                       plural(side.schemas.size(), "distinct schema"));
    if (side.schemas.size() > 1) out << " (drift)";
    out << "\n";
    for (std::size_t g = 0; g < side.schemas.size(); ++g) {
        std::vector<std::string> names;
        for (std::size_t member : side.schemas[g])
            names.push_back(side.targets[member].name);
        out << fmt::format("  schema {}{}: {} ({})\n", g + 1, g == 0 ? " (most common)" : "",
                           plural(names.size(), "target"),
                           engine::util::name_list(names, options.targets_shown));
    }
}

void unreadable(const DiffSide& side, std::ostream& out) {
    for (const auto& target : side.targets)
        if (!target.schema) out << fmt::format("cannot read {}: {}\n", target.name, target.error);
}

} // namespace

std::string difference_line(const Difference& difference) {
    return fmt::format("{} {}", engine::schema::change_sign(difference.change),
                       difference.description);
}

void render_diff_table(const DiffReport& report, std::ostream& out,
                       const DiffTableOptions& options) {
    const bool environments = report.left.environment || report.right.environment;
    if (environments) {
        side_summary(report.left, out, options);
        side_summary(report.right, out, options);
        out << "\n";
    }
    unreadable(report.left, out);
    unreadable(report.right, out);
    if (report.compared) {
        const auto* left = report.left.reference();
        const auto* right = report.right.reference();
        auto header = [](const DiffSide& side, const TargetSchema& reference) {
            return side.environment
                       ? fmt::format("{} (most common schema, as on {})", side.name, reference.name)
                       : side.name;
        };
        out << "--- " << header(report.left, *left) << "\n";
        out << "+++ " << header(report.right, *right) << "\n";
        if (report.differences.empty()) {
            out << fmt::format("no schema differences between {} and {}\n", report.left.name,
                               report.right.name);
        } else {
            for (const auto& difference : report.differences)
                out << difference_line(difference) << "\n";
            out << fmt::format("{} (-: only in {}, +: only in {}, ~: differs)\n",
                               plural(report.differences.size(), "difference"), report.left.name,
                               report.right.name);
        }
    } else {
        out << fmt::format("not compared: no schema could be read on {}\n",
                           report.left.reference() ? report.right.name : report.left.name);
    }
    if (environments) {
        out << "\n";
        if (report.drift.empty()) {
            out << "no drift inside an environment\n";
        } else {
            out << "drift inside an environment:\n";
            for (const auto& drifted : report.drift) {
                out << fmt::format("{} differs from {} ({}):\n", drifted.target, drifted.reference,
                                   plural(drifted.differences.size(), "difference"));
                for (const auto& difference : drifted.differences)
                    out << "  " << difference_line(difference) << "\n";
            }
        }
    }
}

} // namespace fleet::plugins::reporters
