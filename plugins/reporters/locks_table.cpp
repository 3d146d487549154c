#include "plugins/reporters/locks_table.hpp"

#include "plugins/reporters/text_format.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace fleet::plugins::reporters {

namespace {

using Cells = std::array<std::string, 6>;
const Cells k_header = {"TARGET", "PID", "APPLICATION", "CLIENT", "SINCE", "ACTIVITY"};

std::string or_dash(const std::string& text) { return text.empty() ? "-" : one_line(text); }

void print(std::ostream& out, const Cells& row, const std::array<std::size_t, 6>& widths) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
        line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}}  ", row[i], widths[i]);
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    out << line << "\n";
}

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
        std::array<std::size_t, 6> widths{};
        for (std::size_t i = 0; i < widths.size(); ++i)
            widths[i] = k_header[i].size();
        for (const auto& cells : held)
            for (std::size_t i = 0; i < widths.size(); ++i)
                widths[i] = std::max(widths[i], cells[i].size());
        print(out, k_header, widths);
        for (const auto& cells : held)
            print(out, cells, widths);
        printed = true;
    }
    bool trouble = false;
    for (const auto& row : rows) {
        const auto& l = row.locks;
        if (l.state != LockState::unreachable && l.state != LockState::error) continue;
        if (printed && !trouble) out << "\n";
        trouble = true;
        out << engine::command::lock_state_name(l.state) << ": " << l.name << ": "
            << one_line(l.detail) << "\n";
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
