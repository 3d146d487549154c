#include "inventory/selection.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fnmatch.h>

#include <algorithm>
#include <set>

namespace fleet::inventory {

namespace {

bool matches(const std::string& pattern, const std::string& name) {
    return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

bool is_literal(const std::string& pattern) {
    return pattern.find_first_of("*?[\\") == std::string::npos;
}

void add_once(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

class Selector {
  public:
    explicit Selector(const Inventory& inventory)
        : m_inventory(inventory),
          m_known(fmt::format("{}", fmt::join(inventory.environment_names(), ", "))) {}

    // --env PATTERN: the environments it matches.
    void add_environment(const std::string& pattern) {
        bool any = false;
        for (const Environment& environment : m_inventory.environments()) {
            if (!matches(pattern, environment.name)) continue;
            any = true;
            m_environments.insert(environment.name);
        }
        if (!any)
            throw UsageError(fmt::format("--env '{}' matches no environment; the inventory has: {}",
                                         pattern, m_known));
        if (is_literal(pattern)) add_once(m_named, pattern);
    }

    // -n PATTERN: full names of the targets it chooses.
    void add_name(const std::string& pattern) {
        std::size_t slash = pattern.find('/');
        if (slash != std::string::npos) {
            add_qualified(pattern, pattern.substr(0, slash), pattern.substr(slash + 1));
            return;
        }
        bool any_environment = false;
        for (const Environment& environment : m_inventory.environments()) {
            if (!matches(pattern, environment.name)) continue;
            any_environment = true;
            for (const TargetSpec& target : environment.databases)
                m_names.insert(target.full_name());
        }
        if (any_environment) {
            if (is_literal(pattern)) add_once(m_named, pattern);
            return;
        }
        bool any_database = false;
        for (const Environment& environment : m_inventory.environments())
            for (const TargetSpec& target : environment.databases)
                if (matches(pattern, target.name)) {
                    any_database = true;
                    m_names.insert(target.full_name());
                }
        if (!any_database)
            throw UsageError(fmt::format("-n '{}' matches no environment and no database; the "
                                         "inventory has the environments: {}",
                                         pattern, m_known));
    }

    Selection select(const SelectOptions& options) const {
        Selection selection;
        for (const Environment& environment : m_inventory.environments()) {
            if (!options.environments.empty() && !m_environments.count(environment.name)) continue;
            for (const TargetSpec& target : environment.databases) {
                std::string full_name = target.full_name();
                if (!options.names.empty() && !m_names.count(full_name)) continue;
                selection.targets.push_back(target);
            }
        }
        if (selection.targets.empty() && !options.environments.empty() && !options.names.empty())
            throw UsageError(fmt::format("no database is both in --env {} and chosen by -n {}",
                                         fmt::join(options.environments, ", "),
                                         fmt::join(options.names, ", ")));
        if (options.shard) {
            std::erase_if(selection.targets, [&](const TargetSpec& target) {
                return !options.shard->contains(target.full_name());
            });
        }
        for (const TargetSpec& target : selection.targets)
            add_once(selection.environments, target.environment);
        selection.named_environments = m_named;
        return selection;
    }

  private:
    void add_qualified(const std::string& pattern, const std::string& environment_pattern,
                       const std::string& database_pattern) {
        bool any_environment = false;
        bool any_database = false;
        for (const Environment& environment : m_inventory.environments()) {
            if (!matches(environment_pattern, environment.name)) continue;
            any_environment = true;
            for (const TargetSpec& target : environment.databases)
                if (matches(database_pattern, target.name)) {
                    any_database = true;
                    m_names.insert(target.full_name());
                }
        }
        if (!any_environment)
            throw UsageError(fmt::format("-n '{}': no environment matches '{}'; the inventory has: "
                                         "{}",
                                         pattern, environment_pattern, m_known));
        if (!any_database)
            throw UsageError(fmt::format("-n '{}': no database of environment '{}' matches '{}'",
                                         pattern, environment_pattern, database_pattern));
        if (is_literal(environment_pattern)) add_once(m_named, environment_pattern);
    }

    const Inventory& m_inventory;
    std::string m_known; // "dev, staging, production" for messages
    std::set<std::string> m_environments;
    std::set<std::string> m_names; // full names
    std::vector<std::string> m_named;
};

} // namespace

Selection select(const Inventory& inventory, const SelectOptions& options) {
    Selector selector(inventory);
    for (const std::string& pattern : options.environments)
        selector.add_environment(pattern);
    for (const std::string& pattern : options.names)
        selector.add_name(pattern);
    return selector.select(options);
}

std::optional<std::string> unnamed_environments_error(const Selection& selection) {
    if (selection.environments.size() <= 1) return std::nullopt;
    std::vector<std::string> unnamed;
    for (const std::string& environment : selection.environments)
        if (std::find(selection.named_environments.begin(), selection.named_environments.end(),
                      environment) == selection.named_environments.end())
            unnamed.push_back(environment);
    if (unnamed.empty()) return std::nullopt;
    std::string flags;
    for (const std::string& environment : unnamed)
        flags += " --env " + environment;
    return fmt::format("refusing to change databases in {} environments ({}) at once without "
                       "naming them: add{} to confirm, or choose fewer with --env or -n",
                       selection.environments.size(), fmt::join(selection.environments, ", "),
                       flags);
}

} // namespace fleet::inventory
