#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Tables for people (ccache's util/texttable.hpp): what `fleet status` and
// `fleet locks` print. Columns are measured in terminal columns, not bytes,
// so an environment named "προϊόν" or "本番" lines up like an ASCII one.
namespace fleet::engine::util {

// How many terminal columns text takes: UTF-8 decoded, a wide (East Asian)
// character counts 2, a combining mark or control character 0, a byte that is
// not UTF-8 1. Never throws.
std::size_t display_width(std::string_view text) noexcept;

// Rows of cells rendered in aligned columns, two spaces apart. A plain value;
// not thread-safe.
class TextTable {
  public:
    // One cell: its text, left-aligned unless right_align() says otherwise.
    class Cell {
      public:
        Cell(std::string text) : m_text(std::move(text)) {} // NOLINT: implicit on purpose
        Cell(const char* text) : m_text(text) {}            // NOLINT: implicit on purpose
        // Pads on the left, for numbers. Returns *this.
        Cell& right_align() noexcept {
            m_right_align = true;
            return *this;
        }
        const std::string& text() const noexcept { return m_text; }
        bool right_aligned() const noexcept { return m_right_align; }

      private:
        std::string m_text;
        bool m_right_align = false;
    };

    // Adds a row. Rows may have fewer cells than others: the missing ones
    // are empty.
    void add_row(std::vector<Cell> row);
    // Adds a line of its own between the rows (a title); printed as is, it
    // does not widen any column.
    void add_heading(std::string text);
    // True until a row or heading is added.
    bool empty() const noexcept { return m_rows.empty(); }

    // The table: each column as wide as its widest cell, cells two spaces
    // apart, the last column of a line unpadded and no trailing spaces; each
    // line ends with "\n". "" for an empty table. Never throws but std::bad_alloc.
    std::string render() const;

  private:
    struct Row {
        std::vector<Cell> cells;
        bool heading = false;
    };
    std::vector<Row> m_rows;
};

} // namespace fleet::engine::util
