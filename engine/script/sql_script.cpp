#include "engine/script/sql_script.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"
#include "engine/script/sql_splitter.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace fleet::engine::script {

namespace {

struct Line {
    std::string_view text; // without its end of line
    int number = 0;
};

// Calls on_line for every line of text, in order (a last line without an end
// of line included; a text ending in one has an empty last line).
template <typename OnLine> void for_each_line(std::string_view text, OnLine on_line) {
    int number = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        on_line(Line{line, number++});
        start = end + 1;
    }
}

// The text after "--" when `line` is a line comment, else nullopt.
std::optional<std::string_view> comment_body(std::string_view line) {
    const std::string_view trimmed = util::trim(line);
    if (trimmed.substr(0, 2) != "--") return std::nullopt;
    return util::trim(trimmed.substr(2));
}

bool is_marker(std::string_view line) {
    const auto body = comment_body(line);
    return body && !body->empty() && body->front() == '+';
}

std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (true) {
        pos = text.find_first_not_of(" \t", pos);
        if (pos == std::string_view::npos) return words;
        const std::size_t end = std::min(text.find_first_of(" \t", pos), text.size());
        words.push_back(text.substr(pos, end - pos));
        pos = end;
    }
}

bool is_key_char(char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && c >= '0' && c <= '9');
}

// One section of the file, before its SQL is split.
struct Section {
    Direction direction;
    std::string dialect;
    int first_line = 0; // the line after its marker
    std::string text;
};

class SqlScriptParser {
  public:
    SqlScriptParser(std::string_view text, const std::string& file) : m_text(text), m_file(file) {}

    // The header always; the sections split into `body` when it is given.
    Script parse(Body* body) {
        std::string outside; // the header's non-comment text, lines kept in place
        bool stray = false;  // whether `outside` holds more than blanks
        bool in_header = true;
        for_each_line(m_text, [&](const Line& line) {
            const bool waiver = waiver_line(line);
            if (is_marker(line.text)) {
                in_header = false;
                open_section(line);
            } else if (in_header) {
                if (!waiver) header_line(line);
                if (!comment_body(line.text)) {
                    outside += line.text;
                    stray = stray || !util::trim(line.text).empty();
                }
                outside += '\n';
            } else if (body) {
                m_sections.back().text.append(line.text).append("\n");
            }
        });
        if (stray) reject_sql_outside_sections(outside);
        if (m_script.revision.id.empty()) {
            throw InputError(m_file, 0, "no 'revision' in the header");
        }
        bool has_upgrade = false;
        for (const Section& section : m_sections) {
            has_upgrade = has_upgrade || section.direction == Direction::upgrade;
            m_script.downgradable =
                m_script.downgradable || section.direction == Direction::downgrade;
        }
        if (!has_upgrade) throw InputError(m_file, 0, "no '-- +upgrade' section");
        if (body) {
            for (const Section& section : m_sections) {
                Sections& sections =
                    section.direction == Direction::upgrade ? body->upgrade : body->downgrade;
                std::vector<ops::Operation>& operations = sections[section.dialect];
                for (SqlStatement& statement : split_sql(section.text, m_file, section.first_line,
                                                         sql_dialect_named(section.dialect))) {
                    operations.push_back(
                        ops::Execute{std::move(statement.text), {}, statement.line});
                }
            }
        }
        return std::move(m_script);
    }

  private:
    // `-- fleet:allow RULE reason`: a waiver, kept with its line (a section
    // keeps the line too: it is a comment to the SQL). Whether
    // RULE is in the catalog is lint's to say; a rule and a reason must be
    // there, since a waiver is read by people deciding whether it may stay.
    bool waiver_line(const Line& line) {
        static constexpr std::string_view k_prefix = "fleet:allow";
        const auto body = comment_body(line.text);
        if (!body || body->substr(0, k_prefix.size()) != k_prefix) return false;
        const std::string_view rest = body->substr(k_prefix.size());
        if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') return false;
        const std::string_view words = util::trim(rest);
        const std::size_t end = std::min(words.find_first_of(" \t"), words.size());
        Waiver waiver{std::string(words.substr(0, end)), std::string(util::trim(words.substr(end))),
                      line.number};
        if (waiver.rule.empty()) {
            throw InputError(m_file, line.number,
                             "'-- fleet:allow' names no rule: write '-- fleet:allow RULE why it "
                             "is safe here'");
        }
        if (waiver.reason.empty()) {
            throw InputError(m_file, line.number,
                             fmt::format("the waiver of '{}' gives no reason: write '-- "
                                         "fleet:allow {} why it is safe here'",
                                         waiver.rule, waiver.rule));
        }
        m_script.waivers.push_back(std::move(waiver));
        return true;
    }

    void open_section(const Line& line) {
        const std::string_view marker = util::trim(line.text);
        const std::vector<std::string_view> words = words_of(comment_body(line.text)->substr(1));
        const bool known = !words.empty() && words.size() <= 2 &&
                           (words[0] == "upgrade" || words[0] == "downgrade");
        if (!known) {
            throw InputError(m_file, line.number,
                             fmt::format("unknown section marker '{}' (expected '-- +upgrade' or "
                                         "'-- +downgrade', optionally followed by a dialect)",
                                         marker));
        }
        const std::string dialect = words.size() == 2 ? std::string(words[1]) : std::string();
        if (!dialect.empty() && !is_dialect_name(dialect)) {
            throw InputError(m_file, line.number,
                             fmt::format("unknown dialect '{}' in '{}' (expected {})", dialect,
                                         marker, fmt::join(k_dialect_names, " or ")));
        }
        const std::string key = fmt::format("{} {}", words[0], dialect);
        if (auto [seen, inserted] = m_section_lines.emplace(key, line.number); !inserted) {
            throw InputError(
                m_file, line.number,
                fmt::format("section '{}' appears twice (first on line {})", marker, seen->second));
        }
        m_sections.push_back({words[0] == "upgrade" ? Direction::upgrade : Direction::downgrade,
                              dialect,
                              line.number + 1,
                              {}});
    }

    void header_line(const Line& line) {
        const auto body = comment_body(line.text);
        if (!body || body->empty() || !is_key_char(body->front(), true)) return;
        std::size_t end = 1;
        while (end < body->size() && is_key_char((*body)[end], false))
            ++end;
        if (end == body->size() || (*body)[end] != ':') return; // a plain comment
        const std::string key(body->substr(0, end));
        const std::string_view value = util::trim(body->substr(end + 1));

        const auto handler = header_keys().find(key);
        if (handler == header_keys().end()) {
            throw InputError(m_file, line.number,
                             fmt::format("unknown header key '{}' (expected revision, "
                                         "down_revision, branch_labels, depends_on, message, "
                                         "create_date or transactional)",
                                         key));
        }
        if (auto [seen, inserted] = m_key_lines.emplace(key, line.number); !inserted) {
            throw InputError(
                m_file, line.number,
                fmt::format("header key '{}' appears twice (first on line {})", key, seen->second));
        }
        handler->second(*this, value, line.number);
    }

    void reject_sql_outside_sections(const std::string& outside) const {
        const std::vector<SqlStatement> stray = split_sql(outside, m_file, 1);
        if (!stray.empty()) {
            throw InputError(m_file, stray.front().line,
                             "SQL outside any section: put it under '-- +upgrade' or "
                             "'-- +downgrade'");
        }
    }

    void check(const std::string& problem, int line) const {
        if (!problem.empty()) throw InputError(m_file, line, problem);
    }

    std::vector<std::string> labels(std::string_view value, std::string_view what, int line) const {
        std::vector<std::string> entries = split_comma_list(value);
        for (const std::string& entry : entries)
            check(label_problem(entry, what), line);
        return entries;
    }

    using KeyHandler = void (*)(SqlScriptParser&, std::string_view value, int line);

    // The header keys, each with what it does to the script.
    static const std::map<std::string, KeyHandler, std::less<>>& header_keys() {
        static const std::map<std::string, KeyHandler, std::less<>> k_keys{
            {"revision",
             [](SqlScriptParser& p, std::string_view value, int line) {
                 p.check(revision_id_problem(value), line);
                 p.m_script.revision.id = value;
             }},
            {"down_revision",
             [](SqlScriptParser& p, std::string_view value, int line) {
                 if (value == "none" || value == "None" || value == "NONE") return;
                 for (std::string& id : split_comma_list(value)) {
                     p.check(revision_id_problem(id), line);
                     p.m_script.revision.down_revisions.push_back(std::move(id));
                 }
             }},
            {"branch_labels",
             [](SqlScriptParser& p, std::string_view value, int line) {
                 p.m_script.revision.branch_labels = p.labels(value, "branch label", line);
             }},
            {"depends_on",
             [](SqlScriptParser& p, std::string_view value, int line) {
                 p.m_script.revision.depends_on = p.labels(value, "depends_on entry", line);
             }},
            {"message", [](SqlScriptParser& p, std::string_view value,
                           int) { p.m_script.revision.message = value; }},
            {"create_date", [](SqlScriptParser& p, std::string_view value,
                               int) { p.m_script.create_date = value; }},
            {"transactional",
             [](SqlScriptParser& p, std::string_view value, int line) {
                 if (value == "true" || value == "True" || value == "TRUE") {
                     p.m_script.transactional = true;
                 } else if (value == "false" || value == "False" || value == "FALSE") {
                     p.m_script.transactional = false;
                 } else {
                     throw InputError(
                         p.m_file, line,
                         fmt::format("'transactional' must be true or false, not '{}'", value));
                 }
             }},
        };
        return k_keys;
    }

    std::string_view m_text;
    const std::string& m_file;
    Script m_script;
    std::vector<Section> m_sections;
    std::map<std::string, int> m_section_lines; // "upgrade sqlite" -> its marker's line
    std::map<std::string, int> m_key_lines;     // header key -> its line
};

} // namespace

Script parse_sql_script(std::string_view text, const std::string& file, Body* body) {
    return SqlScriptParser(text, file).parse(body);
}

} // namespace fleet::engine::script
