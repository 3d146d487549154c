#include "plugins/reporters/lint_json.hpp"

#include "engine/util/text.hpp"

#include <fmt/format.h>

// GitHub Actions' workflow commands: `::error file=F,line=L,title=T::MESSAGE`
// on standard output becomes an annotation on that line of the pull request.
namespace fleet::plugins::reporters {

namespace {

// The runner reads a command up to the line's end and splits properties at
// ',' and ':', so those are percent-encoded (as the Actions toolkit does).
std::string escape_data(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out += c;
    }
    return out;
}

std::string escape_property(const std::string& text) {
    std::string out;
    for (char c : escape_data(text)) {
        if (c == ':')
            out += "%3A";
        else if (c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

} // namespace

void render_lint_github(const LintReport& report, std::ostream& out) {
    for (const auto& group : report.groups) {
        const auto& f = group.finding;
        if (!f.waived.empty()) continue;
        std::string message = f.what;
        if (group.targets.size() > 1)
            message += fmt::format(" (on {} targets: {})", group.targets.size(),
                                   engine::util::name_list(group.targets, 3));
        if (!f.safe.empty()) message += "\nSafe: " + f.safe;
        out << fmt::format("::{} file={},line={},title={}::{}\n",
                           engine::lint::severity_name(f.severity), escape_property(f.file),
                           f.line > 0 ? f.line : 1, escape_property("fleet lint: " + f.rule),
                           escape_data(message));
    }
}

} // namespace fleet::plugins::reporters
