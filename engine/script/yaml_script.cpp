#include "engine/script/yaml_script.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"
#include "engine/script/yaml_steps.hpp"
#include "engine/yaml/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

namespace fleet::engine::script {

namespace {

class YamlScriptParser {
  public:
    YamlScriptParser(std::string_view text, const std::string& file, Body* body)
        : m_source{file, text}, m_file(file), m_body(body) {}

    Script parse() {
        const YAML::Node root = yaml::load_one_document(m_source.text, m_file, "a revision file");
        if (!root.IsNull() && !root.IsMap()) {
            throw InputError(m_file, line_of(root, 1),
                             fmt::format("a YAML revision must be a map of keys (revision, "
                                         "upgrade, ...), not {}",
                                         kind_of(root)));
        }
        if (root.IsMap()) {
            for (auto it = root.begin(); it != root.end(); ++it)
                entry(it->first, it->second);
        }
        if (m_script.revision.id.empty()) throw InputError(m_file, 0, "no 'revision' in the file");
        if (!m_has_upgrade) throw InputError(m_file, 0, "no 'upgrade' in the file");
        return std::move(m_script);
    }

  private:
    void entry(const YAML::Node& key_node, const YAML::Node& value) {
        const std::string key = key_node.Scalar();
        const int line = line_of(key_node, 0);
        const auto handler = keys().find(key);
        if (handler == keys().end()) {
            throw InputError(m_file, line,
                             fmt::format("unknown key '{}' (expected revision, down_revision, "
                                         "branch_labels, depends_on, message, create_date, "
                                         "transactional, allow, upgrade or downgrade)",
                                         key));
        }
        if (auto [seen, inserted] = m_key_lines.emplace(key, line); !inserted) {
            throw InputError(
                m_file, line,
                fmt::format("key '{}' appears twice (first on line {})", key, seen->second));
        }
        handler->second(*this, key, value, line);
    }

    void check(const std::string& problem, int line) const {
        if (!problem.empty()) throw InputError(m_file, line, problem);
    }

    // A scalar as text; null as empty. Anything else is `expected`'s error.
    std::string text(std::string_view key, const YAML::Node& value, int line,
                     std::string_view expected) const {
        if (value.IsNull()) return {};
        if (!value.IsScalar()) {
            throw InputError(m_file, line_of(value, line),
                             fmt::format("'{}' must be {}, not {}", key, expected, kind_of(value)));
        }
        return value.Scalar();
    }

    // null -> {}; a scalar -> one entry; a list of scalars -> its entries.
    std::vector<std::string> list(std::string_view key, const YAML::Node& value, int line,
                                  std::string_view expected) const {
        std::vector<std::string> entries;
        if (value.IsSequence()) {
            for (const YAML::Node& item : value) {
                if (!item.IsScalar()) {
                    throw InputError(m_file, line_of(item, line),
                                     fmt::format("'{}' must be {}, but an entry is {}", key,
                                                 expected, kind_of(item)));
                }
                entries.push_back(item.Scalar());
            }
        } else if (!value.IsNull()) {
            entries.push_back(text(key, value, line, expected));
        }
        return entries;
    }

    std::vector<std::string> labels(std::string_view key, const YAML::Node& value, int line,
                                    std::string_view what) const {
        std::vector<std::string> entries =
            list(key, value, line, fmt::format("a {} or a list of them", what));
        for (const std::string& entry : entries)
            check(label_problem(entry, what), line);
        return entries;
    }

    // allow: [{rule: RULE, reason: ...}]: the lint rules the revision waives,
    // each with why. Whether RULE is in the catalog is lint's to say; a
    // rule and a reason must be there.
    void allow(std::string_view key, const YAML::Node& value, int line) {
        if (value.IsNull()) return;
        if (!value.IsSequence()) {
            throw InputError(m_file, line_of(value, line),
                             fmt::format("'{}' must be a list of {{rule, reason}}, not {}", key,
                                         kind_of(value)));
        }
        for (const YAML::Node& entry : value) {
            const int at = line_of(entry, line);
            if (!entry.IsMap()) {
                throw InputError(m_file, at,
                                 fmt::format("each entry of '{}' must be a map {{rule, reason}}, "
                                             "not {}",
                                             key, kind_of(entry)));
            }
            Waiver waiver{{}, {}, at};
            for (auto it = entry.begin(); it != entry.end(); ++it) {
                const std::string name = it->first.Scalar();
                if (name != "rule" && name != "reason") {
                    throw InputError(m_file, line_of(it->first, at),
                                     fmt::format("unknown key '{}' in '{}' (expected rule and "
                                                 "reason)",
                                                 name, key));
                }
                const std::string given = text(name, it->second, at, "text");
                (name == "rule" ? waiver.rule : waiver.reason) = given;
            }
            if (waiver.rule.empty()) {
                throw InputError(m_file, at,
                                 fmt::format("an entry of '{}' names no rule: write {{rule: "
                                             "RULE, reason: why it is safe here}}",
                                             key));
            }
            if (waiver.reason.find_first_not_of(" \t\n") == std::string::npos) {
                throw InputError(m_file, at,
                                 fmt::format("the waiver of '{}' gives no reason: write {{rule: "
                                             "{}, reason: why it is safe here}}",
                                             waiver.rule, waiver.rule));
            }
            m_script.waivers.push_back(std::move(waiver));
        }
    }

    using KeyHandler = void (*)(YamlScriptParser&, std::string_view key, const YAML::Node& value,
                                int line);

    // The keys of a YAML revision, each with what it does to the script.
    static const std::map<std::string, KeyHandler, std::less<>>& keys() {
        static const std::map<std::string, KeyHandler, std::less<>> k_keys{
            {"revision",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 std::string id = p.text(key, value, line, "a revision id");
                 p.check(revision_id_problem(id), line);
                 p.m_script.revision.id = std::move(id);
             }},
            {"down_revision",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 std::vector<std::string> ids =
                     p.list(key, value, line, "null, a revision id or a list of them");
                 if (ids.size() == 1 && (ids[0] == "none" || ids[0] == "None")) return;
                 for (const std::string& id : ids)
                     p.check(revision_id_problem(id), line);
                 p.m_script.revision.down_revisions = std::move(ids);
             }},
            {"branch_labels",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_script.revision.branch_labels = p.labels(key, value, line, "branch label");
             }},
            {"depends_on",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_script.revision.depends_on = p.labels(key, value, line, "depends_on entry");
             }},
            {"message",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_script.revision.message = p.text(key, value, line, "text");
             }},
            {"create_date",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_script.create_date = p.text(key, value, line, "a date");
             }},
            {"transactional",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 const std::string flag = p.text(key, value, line, "true or false");
                 if (flag == "true" || flag == "True" || flag == "TRUE") {
                     p.m_script.transactional = true;
                 } else if (flag == "false" || flag == "False" || flag == "FALSE") {
                     p.m_script.transactional = false;
                 } else {
                     throw InputError(
                         p.m_file, line_of(value, line),
                         fmt::format("'transactional' must be true or false, not '{}'", flag));
                 }
             }},
            {"allow", [](YamlScriptParser& p, std::string_view key, const YAML::Node& value,
                         int line) { p.allow(key, value, line); }},
            {"upgrade",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_has_upgrade = true;
                 if (p.m_body) p.m_body->upgrade[""] = parse_steps(value, key, line, p.m_source);
             }},
            {"downgrade",
             [](YamlScriptParser& p, std::string_view key, const YAML::Node& value, int line) {
                 p.m_script.downgradable = true;
                 if (p.m_body) p.m_body->downgrade[""] = parse_steps(value, key, line, p.m_source);
             }},
        };
        return k_keys;
    }

    StepSource m_source;
    const std::string& m_file;
    Body* m_body; // the steps go here; null: they are not read
    Script m_script;
    bool m_has_upgrade = false;
    std::map<std::string, int> m_key_lines; // key -> its line
};

} // namespace

Script parse_yaml_script(std::string_view text, const std::string& file, Body* body) {
    // The one place yaml-cpp's exceptions become fleet's: whatever yaml-cpp
    // throws while reading a revision names the file and yaml-cpp's line.
    try {
        return YamlScriptParser(text, file, body).parse();
    } catch (const YAML::Exception& error) {
        throw InputError(file, error.mark.is_null() ? 0 : error.mark.line + 1, error.msg);
    }
}

} // namespace fleet::engine::script
