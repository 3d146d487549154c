#include "engine/script/revision_names.hpp"

#include "engine/util/text.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace fleet::engine::script {

namespace {

constexpr std::array<std::string_view, 6> k_reserved{"head",    "heads", "base",
                                                     "current", "none",  "null"};

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_reserved(std::string_view name) {
    return std::find(k_reserved.begin(), k_reserved.end(), util::lower(name)) != k_reserved.end();
}

} // namespace

std::string revision_id_problem(std::string_view id) {
    if (id.empty()) return "a revision id is empty";
    if (!std::all_of(id.begin(), id.end(), is_token_char)) {
        return fmt::format("revision id '{}' may hold only letters, digits and '_'", id);
    }
    if (id.size() > k_max_revision_id_length) {
        return fmt::format("revision id '{}' is longer than {} characters, the width of "
                           "alembic_version.version_num",
                           id, k_max_revision_id_length);
    }
    if (is_reserved(id)) return fmt::format("revision id '{}' is a reserved word", id);
    return {};
}

std::string label_problem(std::string_view label, std::string_view what) {
    if (label.empty()) return fmt::format("a {} is empty", what);
    const bool plain = is_token_char(label.front()) &&
                       std::all_of(label.begin(), label.end(),
                                   [](char c) { return is_token_char(c) || c == '.' || c == '-'; });
    if (!plain) {
        return fmt::format("{} '{}' may hold only letters, digits, '_', '.' and '-' (and start "
                           "with a letter, digit or '_')",
                           what, label);
    }
    if (is_reserved(label)) return fmt::format("{} '{}' is a reserved word", what, label);
    return {};
}

std::vector<std::string> split_comma_list(std::string_view text) {
    std::vector<std::string> entries;
    if (util::trim(text).empty()) return entries;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        entries.emplace_back(util::trim(text.substr(start, comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return entries;
}

} // namespace fleet::engine::script
