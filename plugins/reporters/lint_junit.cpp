#include "plugins/reporters/lint_junit.hpp"

#include "plugins/reporters/junit_xml.hpp"
#include "plugins/reporters/text_format.hpp"

#include <fmt/format.h>

namespace fleet::plugins::reporters {

namespace {

std::string details_of(const LintGroup& group) {
    const auto& f = group.finding;
    std::string text =
        fmt::format("{} {} at {}:{} (revision {})\n", engine::lint::severity_name(f.severity),
                    f.rule, f.file, f.line, f.revision);
    if (!f.statement.empty()) text += "statement: " + f.statement + "\n";
    text += f.what + "\n";
    if (!group.targets.empty()) {
        text += "on " + plural(group.targets.size(), "target") + ":";
        for (const auto& target : group.targets)
            text += " " + target;
        text += "\n";
    }
    if (!f.safe.empty()) text += "safe: " + f.safe + "\n";
    if (!f.waived.empty()) text += "waived: " + f.waived + "\n";
    return text;
}

JunitCase case_of(const LintGroup& group, engine::lint::Severity fail_on) {
    const auto& f = group.finding;
    JunitCase test;
    test.classname = f.revision;
    test.name = fmt::format("{} at line {}", f.rule, f.line);
    test.file = f.file;
    if (!f.waived.empty()) {
        test.result = JunitCase::Result::skipped;
        test.message = "waived: " + f.waived;
    } else if (lint_blocks(group, fail_on)) {
        test.result = JunitCase::Result::failure;
        test.message = f.what;
        test.type = f.rule;
        test.details = details_of(group);
    } else {
        test.output = details_of(group);
    }
    return test;
}

} // namespace

void render_lint_junit(const LintReport& report, engine::lint::Severity fail_on,
                       std::ostream& out) {
    JunitSuite suite;
    suite.name = "lint";
    for (const auto& group : report.groups)
        suite.cases.push_back(case_of(group, fail_on));
    if (suite.cases.empty()) {
        JunitCase clean;
        clean.classname = "lint";
        clean.name = fmt::format("{} checked: no finding", plural(report.revisions, "revision"));
        suite.cases.push_back(std::move(clean));
    }
    for (const auto& note : report.notes)
        suite.output += "note: " + note + "\n";
    write_junit_xml({"fleet lint", {std::move(suite)}}, out);
}

} // namespace fleet::plugins::reporters
