#include "engine/script/yaml_fields.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::script {

namespace {

// Longest scalar quoted in a message: enough to recognise it, never a page.
constexpr std::size_t k_quoted_bytes = 40;

} // namespace

std::string described(const YAML::Node& value) {
    if (!value.IsScalar()) return std::string(kind_of(value));
    const std::string& text = value.Scalar();
    if (text.size() > k_quoted_bytes) return fmt::format("'{}...'", text.substr(0, k_quoted_bytes));
    return fmt::format("'{}'", text);
}

YamlFields::YamlFields(const YAML::Node& node, int line, std::string what,
                       std::initializer_list<std::string_view> known, const StepSource& source)
    : m_what(std::move(what)), m_line(line), m_source(source) {
    if (!node.IsMap()) {
        fail(line_of(node, line), fmt::format("{} must be a map of {}, not {}", m_what,
                                              fmt::join(known, ", "), described(node)));
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        const int key_line = line_of(it->first, line);
        if (!it->first.IsScalar()) {
            fail(key_line,
                 fmt::format("a key of {} must be a name, not {}", m_what, kind_of(it->first)));
        }
        const std::string key = it->first.Scalar();
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            fail(key_line, fmt::format("unknown key '{}' in {} (expected {})", key, m_what,
                                       fmt::join(known, ", ")));
        }
        if (has(key)) {
            fail(key_line, fmt::format("key '{}' appears twice in {} (first on line {})", key,
                                       m_what, this->key_line(key)));
        }
        m_entries.push_back({key, it->second, key_line});
    }
}

const YAML::Node* YamlFields::find(std::string_view key) const {
    for (const Entry& entry : m_entries)
        if (entry.key == key) return &entry.value;
    return nullptr;
}

const YAML::Node& YamlFields::need(std::string_view key) const {
    const YAML::Node* value = find(key);
    if (!value) fail(m_line, fmt::format("{} needs '{}'", m_what, key));
    return *value;
}

int YamlFields::key_line(std::string_view key) const {
    for (const Entry& entry : m_entries)
        if (entry.key == key) return entry.line;
    return m_line;
}

int YamlFields::value_line(std::string_view key) const {
    const YAML::Node* value = find(key);
    return value ? line_of(*value, key_line(key)) : m_line;
}

std::string YamlFields::name(std::string_view key) const {
    const YAML::Node& value = need(key);
    if (!value.IsScalar() || value.Scalar().empty()) {
        wrong(key, value, value_line(key), "a name");
    }
    return value.Scalar();
}

std::string YamlFields::optional_name(std::string_view key) const {
    const YAML::Node* value = find(key);
    if (!value || value->IsNull()) return {};
    return name(key);
}

std::string YamlFields::text(std::string_view key) const {
    const YAML::Node* value = find(key);
    if (!value || value->IsNull()) return {};
    if (!value->IsScalar()) wrong(key, *value, value_line(key), "text");
    return value->Scalar();
}

bool YamlFields::flag(std::string_view key, bool fallback) const {
    const YAML::Node* value = find(key);
    if (!value) return fallback;
    if (value->IsScalar()) {
        const std::string& text = value->Scalar();
        if (text == "true" || text == "True" || text == "TRUE") return true;
        if (text == "false" || text == "False" || text == "FALSE") return false;
    }
    wrong(key, *value, value_line(key), "true or false");
}

std::vector<std::string> YamlFields::names(std::string_view key) const {
    const YAML::Node& value = need(key);
    const int line = value_line(key);
    if (!value.IsSequence()) wrong(key, value, line, "a list of names");
    if (value.size() == 0) fail(line, fmt::format("'{}' in {} names nothing", key, m_what));
    std::vector<std::string> names;
    for (const YAML::Node& item : value) {
        const int item_line = line_of(item, line);
        if (!item.IsScalar() || item.Scalar().empty()) {
            fail(item_line, fmt::format("'{}' in {} must be a list of names, but an entry is {}",
                                        key, m_what, described(item)));
        }
        if (std::find(names.begin(), names.end(), item.Scalar()) != names.end()) {
            fail(item_line, fmt::format("'{}' in {} names '{}' twice", key, m_what, item.Scalar()));
        }
        names.push_back(item.Scalar());
    }
    return names;
}

void YamlFields::wrong(std::string_view key, const YAML::Node& value, int line,
                       std::string_view expected) const {
    fail(line,
         fmt::format("'{}' in {} must be {}, not {}", key, m_what, expected,
                     value.IsScalar() && value.Scalar().empty() ? "empty text" : described(value)));
}

void YamlFields::fail(int line, const std::string& message) const {
    throw InputError(m_source.file, line, message);
}

} // namespace fleet::engine::script
