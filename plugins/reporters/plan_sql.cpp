#include "plugins/reporters/plan_sql.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::plugins::reporters {

namespace {

// A reason as SQL comment lines: a driver message may span lines, and an
// uncommented line would be SQL to whoever runs the script.
std::string commented(const std::string& text) {
    std::string out = "-- ";
    for (char c : text) {
        out += c;
        if (c == '\n') out += "-- ";
    }
    return out;
}

} // namespace

void render_plan_sql(const PlanReport& report, std::ostream& out) {
    for (const auto& row : report.rows) {
        const auto& p = row.plan;
        out << "-- fleet target: " << p.name << "\n\n";
        switch (p.state) {
        case PlanState::would_run:
            out << p.sql;
            break;
        case PlanState::up_to_date:
            out << fmt::format("-- nothing to do: at {}\n\n",
                               p.current.empty() ? std::string("base")
                                                 : fmt::format("{}", fmt::join(p.current, ", ")));
            break;
        case PlanState::unreachable:
        case PlanState::error:
            out << commented(std::string(engine::command::plan_state_name(p.state)) + ": " +
                             p.detail)
                << "\n\n";
            break;
        }
    }
}

} // namespace fleet::plugins::reporters
