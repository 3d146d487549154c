#include "plugins/reporters/lint_report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace fleet::plugins::reporters {

namespace {

using engine::lint::Finding;
using engine::lint::Severity;

// What makes two findings the same one seen on different targets. The
// target-dependent text (`what`, sizes) is not part of it: the group keeps
// the largest case's.
using GroupKey =
    std::tuple<std::string, int, std::string, std::string, int, std::string, std::string>;

GroupKey key_of(const Finding& f) {
    return {f.file, f.line, f.rule, f.revision, static_cast<int>(f.severity), f.table, f.waived};
}

bool larger(const Finding& a, const Finding& b) {
    if (a.bytes != b.bytes) return a.bytes > b.bytes;
    return a.rows > b.rows;
}

} // namespace

LintReport make_lint_report(std::vector<Finding> findings, std::size_t revisions,
                            std::size_t targets, std::vector<std::string> notes,
                            std::map<std::string, std::string> rule_summaries) {
    LintReport report;
    report.revisions = revisions;
    report.targets = targets;
    report.notes = std::move(notes);
    report.rule_summaries = std::move(rule_summaries);

    std::map<GroupKey, std::size_t> index;
    for (auto& finding : findings) {
        auto key = key_of(finding);
        auto found = index.find(key);
        if (found == index.end()) {
            index.emplace(std::move(key), report.groups.size());
            LintGroup group;
            if (!finding.target.empty()) group.targets.push_back(finding.target);
            group.finding = std::move(finding);
            report.groups.push_back(std::move(group));
            continue;
        }
        auto& group = report.groups[found->second];
        if (!finding.target.empty()) group.targets.push_back(finding.target);
        if (larger(finding, group.finding)) group.finding = std::move(finding);
    }
    std::stable_sort(report.groups.begin(), report.groups.end(),
                     [](const LintGroup& a, const LintGroup& b) {
                         const auto& x = a.finding;
                         const auto& y = b.finding;
                         return std::tie(x.file, x.line, x.rule) < std::tie(y.file, y.line, y.rule);
                     });
    for (const auto& group : report.groups) {
        if (!group.finding.waived.empty())
            ++report.waived;
        else if (group.finding.severity == Severity::error)
            ++report.errors;
        else
            ++report.warnings;
    }
    return report;
}

bool lint_blocks(const LintGroup& group, Severity fail_on) {
    if (!group.finding.waived.empty()) return false;
    return fail_on == Severity::warning || group.finding.severity == Severity::error;
}

ExitCode lint_exit_code(const LintReport& report, Severity fail_on) {
    const bool blocked = std::any_of(report.groups.begin(), report.groups.end(),
                                     [&](const LintGroup& g) { return lint_blocks(g, fail_on); });
    return blocked ? ExitCode::out_of_sync : ExitCode::ok;
}

} // namespace fleet::plugins::reporters
