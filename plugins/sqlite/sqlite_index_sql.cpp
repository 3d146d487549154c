#include "plugins/sqlite/sqlite_index_sql.hpp"

#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_table_sql.hpp"

#include <algorithm>

namespace fleet::plugins::sqlite {

namespace {

[[noreturn]] void unreadable(std::string_view sql) {
    throw InputError({}, 0, "cannot read CREATE INDEX: " + std::string(sql));
}

} // namespace

IndexSql read_create_index(std::string_view sql) {
    const auto tokens = tokenize_sql(sql);
    const auto on = std::find_if(tokens.begin(), tokens.end(),
                                 [](const SqlToken& t) { return t.is_keyword("ON"); });
    const auto open =
        std::find_if(on, tokens.end(), [](const SqlToken& t) { return t.is_punct('('); });
    if (on == tokens.end() || open == tokens.end()) unreadable(sql);
    auto text = [&](std::size_t first, std::size_t last_exclusive) {
        return std::string(
            sql.substr(tokens[first].begin, tokens[last_exclusive - 1].end - tokens[first].begin));
    };
    IndexSql index;
    std::size_t item = static_cast<std::size_t>(open - tokens.begin()) + 1;
    int depth = 0;
    std::size_t i = item;
    for (; i < tokens.size(); ++i) {
        const bool closes = tokens[i].is_punct(')') && depth == 0;
        if ((tokens[i].is_punct(',') && depth == 0) || closes) {
            if (i == item) unreadable(sql);
            index.parts.push_back(text(item, i));
            item = i + 1;
            if (closes) break;
        }
        if (tokens[i].is_punct('(')) ++depth;
        if (tokens[i].is_punct(')')) --depth;
    }
    if (i == tokens.size()) unreadable(sql);
    std::size_t end = tokens.size();
    if (end > 0 && tokens[end - 1].is_punct(';')) --end;
    if (i + 1 < end && tokens[i + 1].is_keyword("WHERE")) index.where = text(i + 2, end);
    return index;
}

} // namespace fleet::plugins::sqlite
