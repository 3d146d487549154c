#include "plugins/reporters/lint_table.hpp"

#include "engine/util/text.hpp"
#include "plugins/reporters/text_format.hpp"

#include <fmt/format.h>

namespace fleet::plugins::reporters {

namespace {

constexpr std::size_t k_statement_width = 100;
constexpr std::size_t k_targets_named = 3;

std::string label(const engine::lint::Finding& finding) {
    if (!finding.waived.empty()) return "WAIVED";
    return finding.severity == engine::lint::Severity::error ? "ERROR" : "WARNING";
}

std::string shortened(const std::string& statement) {
    auto line = engine::util::one_line(statement);
    if (line.size() <= k_statement_width) return line;
    return line.substr(0, k_statement_width - 3) + "...";
}

void render_group(const LintGroup& group, std::ostream& out) {
    const auto& f = group.finding;
    out << fmt::format("{:<8} {}  {}:{}  (revision {})\n", label(f), f.rule, f.file, f.line,
                       f.revision);
    if (!f.statement.empty()) out << "         " << shortened(f.statement) << "\n";
    out << "         " << f.what << "\n";
    if (group.targets.size() > 1) {
        out << "         on " << plural(group.targets.size(), "target") << ": "
            << engine::util::name_list(group.targets, k_targets_named) << "\n";
    }
    if (!f.waived.empty()) out << "         waived: " << f.waived << "\n";
    if (!f.safe.empty()) out << "         safe: " << f.safe << "\n";
}

} // namespace

void render_lint_table(const LintReport& report, std::ostream& out) {
    for (const auto& group : report.groups) {
        render_group(group, out);
        out << "\n";
    }
    auto summary =
        fmt::format("{}, {}", plural(report.errors, "error"), plural(report.warnings, "warning"));
    if (report.waived > 0) summary += fmt::format(", {} waived", report.waived);
    summary += fmt::format(" in {}", plural(report.revisions, "revision"));
    if (report.targets > 0)
        summary += fmt::format("; facts of {}", plural(report.targets, "target"));
    out << summary << "\n";
    for (const auto& note : report.notes)
        out << "note: " << note << "\n";
}

} // namespace fleet::plugins::reporters
