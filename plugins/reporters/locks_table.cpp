#include "plugins/reporters/locks_table.hpp"

#include "engine/util/text.hpp"
#include "engine/util/text_table.hpp"
#include "plugins/reporters/text_format.hpp"

#include <array>
#include <fmt/format.h>

namespace fleet::plugins::reporters {

namespace util = engine::util;

namespace {

using Cells = std::array<std::string, 6>;
using TableRow = std::vector<engine::util::TextTable::Cell>;
const Cells k_header = {"TARGET", "PID", "APPLICATION", "CLIENT", "SINCE", "ACTIVITY"};

std::string or_dash(const std::string& text) { return text.empty() ? "-" : util::one_line(text); }

} // namespace

void render_locks_table(const std::vector<LocksRow>& rows, std::ostream& out) {
    std::vector<Cells> held;
    for (const auto& row : rows) {
        for (const auto& h : row.locks.holders) {
            held.push_back({row.locks.name, h.pid > 0 ? std::to_string(h.pid) : "-",
                            or_dash(h.application), or_dash(h.client), or_dash(h.since),
                            or_dash(h.activity)});
        }
    }
    bool printed = false;
    if (!held.empty()) {
        util::TextTable table;
        table.add_row(TableRow(k_header.begin(), k_header.end()));
        for (const auto& cells : held)
            table.add_row(TableRow(cells.begin(), cells.end()));
        out << table.render();
        printed = true;
    }
    bool trouble = false;
    for (const auto& row : rows) {
        const auto& l = row.locks;
        if (l.state != LockState::unreachable && l.state != LockState::error) continue;
        if (printed && !trouble) out << "\n";
        trouble = true;
        out << engine::command::lock_state_name(l.state) << ": " << l.name << ": "
            << util::one_line(l.detail) << "\n";
    }
    printed = printed || trouble;
    auto counts = count_locks(rows);
    if (printed) out << "\n";
    out << fmt::format("{} of {} {}: no migration lock held", counts.free, counts.targets,
                       counts.targets == 1 ? "target" : "targets");
    if (counts.held > 0) out << fmt::format("; {} held", counts.held);
    if (counts.failed > 0) out << fmt::format("; {} could not be asked", counts.failed);
    out << "\n";
}

} // namespace fleet::plugins::reporters
