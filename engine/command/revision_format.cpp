#include "engine/command/revision_format.hpp"

#include <fmt/format.h>
#include <sstream>

namespace fleet::engine::command {

namespace {

std::string comma_list(const std::vector<std::string>& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

std::string down_revisions(const revision::Revision& rev) {
    if (rev.down_revisions.empty()) return "<base>";
    return comma_list(rev.down_revisions);
}

// A real head has nothing after it, not even a revision depending on it; a
// revision that is only depended upon is an "effective head".
bool is_real_head(const revision::Revision& rev) {
    return rev.nextrev.empty() && rev.dependents.empty();
}

// Alembic's longdoc: the docstring its revision template writes, which fleet
// rebuilds from the file's header.
std::string long_doc(const script::Script& script) {
    const auto& rev = script.revision;
    std::string doc = rev.message;
    doc += fmt::format("\n\nRevision ID: {}\nRevises: {}", rev.id, comma_list(rev.down_revisions));
    if (!script.create_date.empty()) doc += "\nCreate Date: " + script.create_date;
    return doc;
}

} // namespace

std::string doc_line(const script::Script& script) {
    const auto& message = script.revision.message;
    auto end = message.find("\n\n");
    return end == std::string::npos ? message : message.substr(0, end);
}

std::string log_entry(const revision::Revision& rev, const script::Script& script, bool current) {
    std::string entry =
        fmt::format("Rev: {}{}{}{}{}\n", rev.id, rev.is_head() ? " (head)" : "",
                    rev.is_branch_point() ? " (branchpoint)" : "",
                    rev.is_merge_point() ? " (mergepoint)" : "", current ? " (current)" : "");
    entry +=
        fmt::format("{}: {}\n", rev.is_merge_point() ? "Merges" : "Parent", down_revisions(rev));
    // depends_on as the file writes it (a label stays a label), as Alembic prints it.
    if (!rev.depends_on.empty())
        entry += fmt::format("Also depends on: {}\n", comma_list(rev.depends_on));
    if (rev.is_branch_point()) entry += fmt::format("Branches into: {}\n", comma_list(rev.nextrev));
    if (!rev.all_branch_labels.empty())
        entry += fmt::format("Branch names: {}\n", comma_list(rev.all_branch_labels));
    entry += fmt::format("Path: {}\n\n", script.path);
    std::istringstream lines(long_doc(script));
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
        entry += (first ? "    " : "\n    ") + line;
        first = false;
    }
    return entry + "\n";
}

std::string format_revision(const revision::Revision& rev, const script::Script& script,
                            const FormatOptions& options) {
    if (options.verbose) return log_entry(rev, script, options.current);
    std::string text = rev.id;
    if (options.include_parents) {
        if (!rev.depends_on.empty())
            text =
                fmt::format("{} ({}) -> {}", down_revisions(rev), comma_list(rev.depends_on), text);
        else
            text = fmt::format("{} -> {}", down_revisions(rev), text);
    }
    if (options.include_branches && !rev.all_branch_labels.empty())
        text += fmt::format(" ({})", comma_list(rev.all_branch_labels));
    text += is_real_head(rev) ? " (head)" : "";
    text += rev.is_head() && !is_real_head(rev) ? " (effective head)" : "";
    text += options.current ? " (current)" : "";
    if (options.tree_indicators) {
        text += rev.is_branch_point() ? " (branchpoint)" : "";
        text += rev.is_merge_point() ? " (mergepoint)" : "";
    }
    if (options.include_doc) text += ", " + doc_line(script);
    return text;
}

} // namespace fleet::engine::command
