#include "inventory/detail/yaml_reader.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace fleet::inventory::detail {

namespace {

// Levenshtein distance, for "did you mean" on a misspelt key.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::string kind_name(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a mapping";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar:
        return "a single value";
    default:
        return "empty";
    }
}

YamlReader::YamlReader(std::string file, EnvLookup env, Placeholders placeholders)
    : m_file(std::move(file)), m_env(std::move(env)), m_placeholders(std::move(placeholders)) {}

YamlReader YamlReader::with_placeholders(Placeholders placeholders) const {
    return YamlReader(m_file, m_env, std::move(placeholders));
}

int YamlReader::line(const YAML::Node& node) {
    YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

int YamlReader::line(const Entry& entry) {
    return entry.value.IsNull() ? entry.line : line(entry.value);
}

void YamlReader::fail(int line, const std::string& problem) const {
    throw InputError(m_file, line, problem);
}

void YamlReader::unknown_key(const Entry& entry, std::string_view where,
                             const std::vector<std::string_view>& known) const {
    std::string problem = fmt::format("unknown key '{}' in {}", entry.key, where);
    std::string_view best;
    std::size_t best_distance = 3; // farther than 2 edits is no longer a typo
    for (std::string_view candidate : known) {
        std::size_t distance = edit_distance(entry.key, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    if (!best.empty()) problem += fmt::format(" (did you mean '{}'?)", best);
    fail(entry.line, problem);
}

std::vector<Entry> YamlReader::entries(const YAML::Node& node, std::string_view what,
                                       int key_line) const {
    if (!node.IsMap())
        fail(node.IsNull() && key_line > 0 ? key_line : line(node),
             fmt::format("{} must be a mapping, not {}", what, kind_name(node)));
    std::vector<Entry> result;
    std::map<std::string, int> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        // Copies: yaml-cpp's iterator hands out a temporary pair, and a
        // reference into it dangles once the statement ends.
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        if (!key.IsScalar())
            fail(line(key),
                 fmt::format("a key in {} must be a single word, not {}", what, kind_name(key)));
        auto [previous, inserted] = seen.emplace(key.Scalar(), line(key));
        if (!inserted)
            fail(line(key), fmt::format("duplicate key '{}' in {} (first on line {})", key.Scalar(),
                                        what, previous->second));
        result.push_back(Entry{key.Scalar(), line(key), value});
    }
    return result;
}

std::vector<YAML::Node> YamlReader::items(const YAML::Node& node, std::string_view what,
                                          int key_line) const {
    if (!node.IsSequence())
        fail(node.IsNull() && key_line > 0 ? key_line : line(node),
             fmt::format("{} must be a list, not {}", what, kind_name(node)));
    return std::vector<YAML::Node>(node.begin(), node.end());
}

std::string YamlReader::raw_scalar(const YAML::Node& node, std::string_view what,
                                   int key_line) const {
    if (node.IsNull())
        fail(key_line > 0 ? key_line : line(node), fmt::format("{} must not be empty", what));
    if (!node.IsScalar())
        fail(line(node), fmt::format("{} must be a single value, not {}", what, kind_name(node)));
    return node.Scalar();
}

std::string YamlReader::scalar(const YAML::Node& node, std::string_view what, int key_line) const {
    return env_expand(raw_scalar(node, what, key_line), m_env, SourceLocation{m_file, line(node)},
                      m_placeholders);
}

std::optional<std::string> YamlReader::optional_scalar(const YAML::Node& node,
                                                       std::string_view what, int key_line) const {
    if (node.IsNull()) return std::nullopt;
    std::string text = scalar(node, what, key_line);
    if (text.empty()) return std::nullopt;
    return text;
}

} // namespace fleet::inventory::detail
