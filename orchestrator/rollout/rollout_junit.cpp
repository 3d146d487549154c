#include "orchestrator/rollout/rollout_junit.hpp"

#include "plugins/reporters/junit_xml.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <ostream>

namespace fleet::orchestrator::rollout {

namespace {

using plugins::reporters::JunitCase;

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// One line for the message attribute, which the viewers show in a list:
// the first line ("revision a1c0ffee0001 failed") and, when the message has
// one, its "error:" line, the server's words ("table accounts already
// exists"); the statement stays in the text.
std::string headline(const std::string& message) {
    std::string line = first_line(message);
    for (std::size_t at = message.find('\n'); at != std::string::npos;
         at = message.find('\n', at + 1)) {
        auto next = message.substr(at + 1, message.find('\n', at + 1) - at - 1);
        next.erase(0, next.find_first_not_of(' '));
        if (next.starts_with("error: ")) return line + ": " + next.substr(7);
    }
    return line;
}

// The error's facts, one per line, then its whole message: what a reader of
// the CI page needs to find the statement without the job's log.
std::string details_of(const TargetOutcome& outcome) {
    std::string details;
    const auto& e = outcome.error;
    if (!e.revision.empty()) details += "revision: " + e.revision + "\n";
    if (!e.statement.empty()) details += "statement: " + e.statement + "\n";
    if (!e.sqlstate.empty()) details += "sqlstate: " + e.sqlstate + "\n";
    if (!e.file.empty())
        details += "file: " + e.file + (e.line > 0 ? fmt::format(", line {}", e.line) : "") + "\n";
    details += outcome.message;
    if (!details.ends_with('\n')) details += "\n";
    return details;
}

JunitCase case_of(const TargetOutcome& outcome) {
    JunitCase test;
    const auto slash = outcome.target.find('/');
    test.classname = outcome.target.substr(0, slash);
    test.name = slash == std::string::npos ? outcome.target : outcome.target.substr(slash + 1);
    test.seconds = static_cast<double>(outcome.duration.count()) / 1000.0;
    switch (outcome.state) {
    case TargetState::done:
        test.output = fmt::format("{} step(s) committed\n", outcome.steps_run);
        break;
    case TargetState::failed:
        test.result = JunitCase::Result::failure;
        test.message = headline(outcome.message);
        test.type = outcome.error.kind.empty() ? "error" : outcome.error.kind;
        test.details = details_of(outcome);
        test.output = fmt::format("{} step(s) committed\n", outcome.steps_run);
        break;
    case TargetState::cancelled:
        test.result = JunitCase::Result::error;
        test.message = headline(outcome.message);
        test.type = "cancelled";
        test.details = details_of(outcome);
        test.output = fmt::format("{} step(s) committed\n", outcome.steps_run);
        break;
    case TargetState::skipped:
        test.result = JunitCase::Result::skipped;
        test.message = first_line(outcome.message);
        break;
    }
    return test;
}

} // namespace

void write_rollout_junit(const RolloutDocument& document, std::ostream& out) {
    plugins::reporters::JunitReport junit;
    junit.name = "fleet " + document.command;
    if (!document.revision.empty()) junit.name += " " + document.revision;
    if (document.shard) junit.name += fmt::format(" (shard {})", *document.shard);
    for (const auto& outcome : document.report.outcomes) {
        auto test = case_of(outcome);
        auto suite = std::find_if(junit.suites.begin(), junit.suites.end(),
                                  [&](const auto& s) { return s.name == test.classname; });
        if (suite == junit.suites.end()) {
            junit.suites.push_back({test.classname, {}, ""});
            suite = std::prev(junit.suites.end());
        }
        suite->cases.push_back(std::move(test));
    }
    plugins::reporters::write_junit_xml(junit, out);
}

} // namespace fleet::orchestrator::rollout
