#include "engine/util/text_table.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace fleet::engine::util {

namespace {
constexpr std::string_view k_gap = "  ";
} // namespace

std::size_t display_width(std::string_view text) noexcept {
    std::size_t width = 0;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        utf8proc_ssize_t length = utf8proc_iterate(bytes, left, &code_point);
        if (length <= 0) {
            // Not UTF-8: a terminal shows one replacement character per byte.
            ++width;
            length = 1;
        } else {
            width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code_point)));
        }
        bytes += length;
        left -= length;
    }
    return width;
}

void TextTable::add_row(std::vector<Cell> row) { m_rows.push_back({std::move(row), false}); }

void TextTable::add_heading(std::string text) { m_rows.push_back({{Cell(std::move(text))}, true}); }

std::string TextTable::render() const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
        if (row.heading) continue;
        if (widths.size() < row.cells.size()) widths.resize(row.cells.size(), 0);
        for (std::size_t i = 0; i < row.cells.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row.cells[i].text()));
    }

    std::string out;
    for (const auto& row : m_rows) {
        std::string line;
        if (row.heading) {
            line = row.cells.front().text();
        } else {
            for (std::size_t i = 0; i < widths.size(); ++i) {
                const bool last = i + 1 == widths.size();
                const Cell empty("");
                const Cell& cell = i < row.cells.size() ? row.cells[i] : empty;
                const std::size_t padding = widths[i] - display_width(cell.text());
                if (cell.right_aligned()) {
                    line.append(padding, ' ');
                    line += cell.text();
                } else {
                    line += cell.text();
                    if (!last) line.append(padding, ' ');
                }
                if (!last) line += k_gap;
            }
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace fleet::engine::util
