#include "plugins/reporters/audit_table.hpp"

#include "engine/util/text.hpp"
#include "plugins/reporters/diff_table.hpp"
#include "plugins/reporters/text_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <map>

namespace fleet::plugins::reporters {

namespace {
void edited_section(const AuditReport& report, std::ostream& out) {
    std::vector<std::string> no_history;
    std::vector<std::string> lines;
    for (const auto& row : report.rows) {
        if (row.audit.history == engine::command::HistoryState::no_history &&
            row.audit.status.database_exists)
            no_history.push_back(row.name());
        for (const auto& edited : row.audit.edited)
            lines.push_back(fmt::format(
                "  {}: edited after it ran: {} ({}, ran {})", row.name(), edited.revision,
                std::filesystem::path(edited.file).filename().string(), edited.ran_at));
    }
    if (lines.empty()) {
        out << "Edited scripts: none\n";
    } else {
        out << "Edited scripts (changed since they ran):\n";
        for (const auto& line : lines)
            out << line << "\n";
    }
    if (!no_history.empty())
        out << fmt::format("  not checked, no fleet_history: {}\n",
                           engine::util::name_list(no_history, 5));
}

// The targets whose revisions could not be replayed, by reason: they were
// compared with their peers only.
void not_replayed_lines(const AuditReport& report, std::ostream& out) {
    std::map<std::string, std::vector<std::string>> by_reason;
    for (const auto& row : report.rows)
        if (!row.not_replayed.empty()) by_reason[row.not_replayed].push_back(row.name());
    for (const auto& [reason, names] : by_reason)
        out << fmt::format("  compared with their peers only ({}): {}\n", reason,
                           engine::util::name_list(names, 5));
}

void drift_section(const AuditReport& report, std::ostream& out, const AuditTableOptions& options) {
    if (report.drift.empty()) {
        out << "Schema drift: none\n";
        not_replayed_lines(report, out);
        return;
    }
    out << "Schema drift (a target's schema against what its revisions build, or against "
           "its peers at the same revisions):\n";
    for (const auto& drift : report.drift) {
        std::string revisions = drift.revisions.empty()
                                    ? std::string("base")
                                    : fmt::format("{}", fmt::join(drift.revisions, ", "));
        if (drift.reference.empty())
            out << fmt::format("  {} differs from what its revisions build (at {}, replayed): ",
                               drift.target, revisions);
        else
            out << fmt::format("  {} differs from {} (at {}, {} compared): ", drift.target,
                               drift.reference, revisions, plural(drift.group_size, "target"));
        std::vector<std::string> shown;
        for (std::size_t i = 0; i < drift.differences.size() && i < options.differences_shown; ++i)
            shown.push_back(difference_line(drift.differences[i]));
        out << fmt::format("{}", fmt::join(shown, "; "));
        if (drift.differences.size() > options.differences_shown)
            out << fmt::format("; and {} more",
                               drift.differences.size() - options.differences_shown);
        out << "\n";
    }
    not_replayed_lines(report, out);
}

void failed_section(const AuditReport& report, std::ostream& out) {
    std::vector<std::string> lines;
    for (const auto& row : report.rows)
        if (!row.audit.error.empty())
            lines.push_back(fmt::format("  {}: {}", row.name(), row.audit.error));
    if (lines.empty()) return;
    out << "Checks that could not run:\n";
    for (const auto& line : lines)
        out << line << "\n";
}

} // namespace

void render_audit_table(const AuditReport& report, std::ostream& out,
                        const AuditTableOptions& options) {
    render_status_table(report.status, out, options.status);
    out << "\n";
    edited_section(report, out);
    out << "\n";
    drift_section(report, out, options);
    failed_section(report, out);
    auto counts = count_audit(report);
    out << "\n"
        << fmt::format("audit: {}, {} not up to date, {} unreadable, {}, {} drifted\n",
                       plural(counts.targets, "target"), counts.unhealthy, counts.unreadable,
                       plural(counts.edited_scripts, "edited script"), counts.drifted);
}

} // namespace fleet::plugins::reporters
