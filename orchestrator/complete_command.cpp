#include "orchestrator/complete_command.hpp"

#include "engine/error.hpp"
#include "inventory/config_source.hpp"
#include "inventory/inventory.hpp"

#include <optional>
#include <set>
#include <vector>

namespace fleet::orchestrator {

namespace {

bool visible(const CLI::App* command) { return !command->get_group().empty(); }

void print_commands(const CLI::App& app, std::ostream& out) {
    for (const auto* command : app.get_subcommands(visible))
        out << command->get_name() << "\n";
}

// An option that takes a value is printed with a trailing '=' (as CLI11 also
// accepts it: --config=FILE), so the scripts know the next word is its value
// and not the command. A name the command shares with the top level (-h) is
// printed once.
void print_option_names(const CLI::App& app, std::set<std::string>& printed, std::ostream& out) {
    for (const auto* option : app.get_options()) {
        const char* value = option->get_expected_max() > 0 ? "=" : "";
        std::vector<std::string> names;
        for (const auto& name : option->get_snames())
            names.push_back("-" + name + value);
        for (const auto& name : option->get_lnames())
            names.push_back("--" + name + value);
        for (const auto& name : names) {
            if (printed.insert(name).second) out << name << "\n";
        }
    }
}

// The inventory as the command line finds it, or nothing. A ${VAR} left unset
// in the shell that presses TAB (a password given only to the real run) must
// not hide every name: such a file is read again with unset variables
// standing for a placeholder.
std::optional<inventory::Inventory> load_quietly(const GlobalOptions& global) {
    try {
        auto source = inventory::discover_config(
            global.config.empty() ? std::nullopt : std::optional(global.config));
        if (!source.found()) return std::nullopt;
        inventory::LoadOptions options;
        options.run_query = [](const std::string&, const std::string&) {
            return std::vector<std::string>{};
        };
        try {
            return inventory::Inventory::load(source.path, options);
        } catch (const Error&) {
            auto real = inventory::process_environment();
            options.env = [real](const std::string& name) { return real(name).value_or("unset"); };
            return inventory::Inventory::load(source.path, options);
        }
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void print_names(const inventory::Inventory& fleet, bool databases, std::ostream& out) {
    for (const auto& environment : fleet.environments())
        out << environment.name << "\n";
    if (!databases) return;
    // A database name shared by several environments (app in dev and in
    // staging) is one word for -n.
    std::set<std::string> printed;
    for (const auto& target : fleet.targets()) {
        if (printed.insert(target.name).second) out << target.name << "\n";
    }
    for (const auto& target : fleet.targets())
        out << target.full_name() << "\n";
}

} // namespace

CLI::App* add_complete_command(CLI::App& app, CompleteOptions& options) {
    auto* complete = app.add_subcommand("complete", "words for the shell completion scripts");
    complete->group(""); // hidden: neither --help nor the man page lists it
    complete->add_option("what", options.what, "commands, options, names or environments")
        ->required()
        ->check(CLI::IsMember({"commands", "options", "names", "environments"}));
    complete->add_option("command", options.command, "for options: the command");
    return complete;
}

void run_complete(const CLI::App& app, const GlobalOptions& global, const CompleteOptions& options,
                  std::ostream& out) {
    if (options.what == "commands") {
        print_commands(app, out);
    } else if (options.what == "options") {
        auto named = [&](const CLI::App* command) {
            return visible(command) && command->get_name() == options.command;
        };
        std::set<std::string> printed;
        for (const auto* command : app.get_subcommands(named))
            print_option_names(*command, printed, out);
        print_option_names(app, printed, out);
    } else if (auto fleet = load_quietly(global)) {
        print_names(*fleet, options.what == "names", out);
    }
}

} // namespace fleet::orchestrator
