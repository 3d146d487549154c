#include "engine/autogen/sql_rename_hints.hpp"

#include "engine/error.hpp"
#include "engine/util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

namespace fleet::engine::autogen {

namespace {

constexpr std::string_view k_marker = "fleet:renamed_from";

// The names in a piece of SQL text, in order: a "quoted" identifier as
// written inside the quotes, a bare word folded to lower case as the
// catalogs fold it (PostgreSQL does; SQLite compares names without case).
// Other characters separate names and are dropped, except that "." is kept
// as its own token so a qualified name can be cut.
std::vector<std::string> names_in(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : c;
            std::string name;
            std::size_t j = i + 1;
            for (; j < text.size(); ++j) {
                if (text[j] == close) {
                    if (close != ']' && j + 1 < text.size() && text[j + 1] == close) {
                        name += close;
                        ++j;
                        continue;
                    }
                    break;
                }
                name += text[j];
            }
            out.push_back(name);
            i = j + 1;
        } else if (util::is_identifier_char(c)) {
            std::size_t j = i;
            while (j < text.size() && util::is_identifier_char(text[j]))
                ++j;
            out.push_back(util::lower(text.substr(i, j - i)));
            i = j;
        } else {
            if (c == '.') out.emplace_back(".");
            ++i;
        }
    }
    return out;
}

// One hint as read: the old name and the line of its comment.
struct Hint {
    std::string old_name;
    int line = 0;
};

// The text of a CREATE TABLE cut where the hints attach: the header before
// the opening parenthesis, and each top-level element between it and the
// closing one, with the hints met after each.
struct Cut {
    std::string header;
    std::optional<Hint> table_hint;
    struct Element {
        std::string text;
        std::optional<Hint> hint;
    };
    std::vector<Element> elements;
};

class Reader {
  public:
    Reader(std::string_view text, const std::string& file, int line)
        : m_text(text), m_file(file), m_line(line) {}

    Cut cut() {
        Cut out;
        int depth = 0;
        bool opened = false;
        for (m_pos = 0; m_pos < m_text.size();) {
            const char c = m_text[m_pos];
            if (c == '-' && next_is('-')) {
                if (auto hint = comment()) attach(out, depth, opened, std::move(*hint));
                continue;
            }
            const auto start = m_pos;
            if (c == '/' && next_is('*'))
                skip_block_comment();
            else if (c == '\'' || c == '"' || c == '`' || c == '[')
                skip_quoted(c == '[' ? ']' : c);
            else if (c == '$' && dollar_tag())
                skip_dollar_quote();
            else
                advance();
            const auto piece = m_text.substr(start, m_pos - start);
            if (c == '(' && piece.size() == 1) {
                ++depth;
                if (depth == 1 && !opened) {
                    opened = true;
                    out.elements.push_back({"", std::nullopt});
                    continue;
                }
            } else if (c == ')' && piece.size() == 1) {
                --depth;
            } else if (c == ',' && depth == 1) {
                out.elements.push_back({"", std::nullopt});
                continue;
            }
            if (!opened)
                out.header += piece;
            else if (depth >= 1 && !out.elements.empty())
                out.elements.back().text += piece;
        }
        return out;
    }

  private:
    bool next_is(char c) const { return m_pos + 1 < m_text.size() && m_text[m_pos + 1] == c; }

    void advance() {
        if (m_text[m_pos] == '\n') ++m_line;
        ++m_pos;
    }

    // A -- comment, up to the end of its line: the hint it holds, if any.
    std::optional<Hint> comment() {
        const int line = m_line;
        const auto start = m_pos + 2;
        while (m_pos < m_text.size() && m_text[m_pos] != '\n')
            ++m_pos;
        const auto body = util::trim(m_text.substr(start, m_pos - start));
        if (body.substr(0, k_marker.size()) != k_marker) return std::nullopt;
        const auto rest = body.substr(k_marker.size());
        if (!rest.empty() && !std::isspace(static_cast<unsigned char>(rest.front())))
            return std::nullopt; // fleet:renamed_fromage: some other word
        const auto names = names_in(rest);
        if (names.size() != 1 || names.front() == ".")
            throw InputError(m_file, line,
                             "`-- fleet:renamed_from` takes one name: the table's or column's "
                             "name before");
        return Hint{names.front(), line};
    }

    void attach(Cut& out, int depth, bool opened, Hint hint) const {
        // After the table's name, or on the line that opens its columns
        // before the first one starts: the table's hint.
        if (!opened || (depth == 1 && out.elements.size() == 1 &&
                        util::trim(out.elements.front().text).empty())) {
            if (out.table_hint) duplicate(hint);
            out.table_hint = std::move(hint);
            return;
        }
        // Else the element in progress, or, when it has not started (the
        // comment follows the comma that ended one), the one before.
        auto* element = &out.elements.back();
        if (util::trim(element->text).empty() && out.elements.size() > 1)
            element = &out.elements[out.elements.size() - 2];
        if (element->hint) duplicate(hint);
        element->hint = std::move(hint);
    }

    [[noreturn]] void duplicate(const Hint& hint) const {
        throw InputError(m_file, hint.line,
                         "a second `-- fleet:renamed_from` for the same table or column");
    }

    void skip_block_comment() {
        advance();
        advance();
        while (m_pos < m_text.size() && !(m_text[m_pos] == '*' && next_is('/')))
            advance();
        if (m_pos < m_text.size()) {
            advance();
            advance();
        }
    }

    void skip_quoted(char close) {
        advance();
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            advance();
            if (c != close) continue;
            if (close != ']' && m_pos < m_text.size() && m_text[m_pos] == close) {
                advance(); // a doubled quote inside
                continue;
            }
            return;
        }
    }

    // At a '$' that opens a dollar quote ($$ or $tag$, not after a word
    // character): its tag, with both dollars.
    std::optional<std::string_view> dollar_tag() const {
        if (m_pos > 0 && util::is_identifier_char(m_text[m_pos - 1])) return std::nullopt;
        auto end = m_pos + 1;
        while (end < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[end])) || m_text[end] == '_'))
            ++end;
        if (end >= m_text.size() || m_text[end] != '$') return std::nullopt;
        return m_text.substr(m_pos, end - m_pos + 1);
    }

    void skip_dollar_quote() {
        const auto tag = *dollar_tag();
        for (std::size_t i = 0; i < tag.size(); ++i)
            advance();
        while (m_pos < m_text.size() && m_text.substr(m_pos, tag.size()) != tag)
            advance();
        for (std::size_t i = 0; i < tag.size() && m_pos < m_text.size(); ++i)
            advance();
    }

    std::string_view m_text;
    const std::string& m_file;
    int m_line;
    std::size_t m_pos = 0;
};

// The table a CREATE TABLE header creates, unqualified; nullopt when the
// header is not one.
std::optional<std::string> created_table(const std::string& header) {
    const auto names = names_in(header);
    if (names.size() < 3 || names.front() != "create") return std::nullopt;
    const auto table = std::find(names.begin(), names.end(), "table");
    if (table == names.end() || table + 1 == names.end()) return std::nullopt;
    return names.back();
}

bool is_table_constraint(const std::string& first_word) {
    static constexpr std::array<std::string_view, 7> k_words = {
        "constraint", "primary", "unique", "check", "foreign", "exclude", "like"};
    return std::find(k_words.begin(), k_words.end(), first_word) != k_words.end();
}

} // namespace

void read_sql_rename_hints(std::string_view statement, const std::string& file, int line,
                           RenameHints& hints) {
    if (statement.find(k_marker) == std::string_view::npos) return;
    const Cut cut = Reader(statement, file, line).cut();
    const bool any =
        cut.table_hint || std::any_of(cut.elements.begin(), cut.elements.end(),
                                      [](const auto& e) { return e.hint.has_value(); });
    if (!any) return;
    const auto table = created_table(cut.header);
    if (!table) {
        const int where = cut.table_hint ? cut.table_hint->line : line;
        throw InputError(file, where,
                         "`-- fleet:renamed_from` goes after a table or a column of a CREATE "
                         "TABLE; this statement is not one");
    }
    if (cut.table_hint) {
        if (cut.table_hint->old_name == *table)
            throw InputError(file, cut.table_hint->line,
                             "`-- fleet:renamed_from` names the table's own name");
        hints.tables[*table] = cut.table_hint->old_name;
    }
    for (const auto& element : cut.elements) {
        if (!element.hint) continue;
        const auto names = names_in(element.text);
        if (names.empty() || is_table_constraint(names.front()))
            throw InputError(file, element.hint->line,
                             "`-- fleet:renamed_from` goes after a column or the table's name, "
                             "not after a table constraint");
        if (element.hint->old_name == names.front())
            throw InputError(file, element.hint->line,
                             "`-- fleet:renamed_from` names the column's own name");
        hints.columns[{*table, names.front()}] = element.hint->old_name;
    }
}

} // namespace fleet::engine::autogen
