#pragma once

#include "engine/script/yaml_steps.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// One YAML map of keys an operation reads (its arguments, a column, a
// reference), checked once for unknown and repeated keys and then read key
// by key with the value's kind checked. Every message names the map
// (`what`), the key and the line: an unknown or repeated key at that key's
// line, a missing key at the map's line, a wrong value at the value's line.
// Private to engine/script.
namespace fleet::engine::script {

class YamlFields {
  public:
    // `node` must be a map whose keys are all in `known`. `what` names it in
    // messages ("'create_table'", "a column"); `line` is where it starts.
    // Throws InputError: not a map, an unknown key (listing `known`), a key
    // given twice.
    YamlFields(const YAML::Node& node, int line, std::string what,
               std::initializer_list<std::string_view> known, const StepSource& source);

    const std::string& what() const { return m_what; }
    int line() const { return m_line; }
    const StepSource& source() const { return m_source; }

    // The key's value; nullptr when the key is absent.
    const YAML::Node* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }
    // The key's value. Throws InputError "<what> needs '<key>'" when absent.
    const YAML::Node& need(std::string_view key) const;
    // The line of the key (the map's line when absent) and of its value.
    int key_line(std::string_view key) const;
    int value_line(std::string_view key) const;

    // A non-empty scalar: a table, column or constraint name.
    // Throws InputError: absent, null, empty or not a scalar.
    std::string name(std::string_view key) const;
    // As name(), "" when absent or null.
    std::string optional_name(std::string_view key) const;
    // Text (SQL, a comment): "" when absent or null. Throws: not a scalar.
    std::string text(std::string_view key) const;
    // true or false (True, TRUE, False, FALSE); `fallback` when absent.
    // Throws InputError: null, another scalar, not a scalar.
    bool flag(std::string_view key, bool fallback) const;
    // A list of names, at least one, none twice. Throws InputError: absent,
    // not a list, empty, an entry that is not a non-empty scalar, a repeat.
    std::vector<std::string> names(std::string_view key) const;

    // Throws InputError at `line` with "'<key>' in <what> must be
    // <expected>, not <what the value is>".
    [[noreturn]] void wrong(std::string_view key, const YAML::Node& value, int line,
                            std::string_view expected) const;
    // Throws InputError(file, line, message).
    [[noreturn]] void fail(int line, const std::string& message) const;

  private:
    struct Entry {
        std::string key;
        YAML::Node value;
        int line;
    };
    std::vector<Entry> m_entries;
    std::string m_what;
    int m_line;
    const StepSource& m_source;
};

// What a value is, for "must be X, not Y": 'maybe' for a scalar, else
// kind_of's words ("a list", "null").
std::string described(const YAML::Node& value);

} // namespace fleet::engine::script
