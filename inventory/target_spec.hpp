#pragma once

#include "engine/url/database_url.hpp"
#include "inventory/settings.hpp"

#include <filesystem>
#include <string>

namespace fleet::inventory {

// One database of the fleet, as the inventory describes it (the engine's
// command::Target is what one is turned into to run a command): a plain value,
// safe to copy and to hand to another thread.
struct TargetSpec {
    std::string environment; // the environment's name
    std::string name;        // unique within the environment, without '/'
    // The URL with ${VAR} and {key} expanded. It may hold a password: show it
    // only through engine::url::DatabaseUrl::masked().
    std::string url_text;
    // The folder a relative SQLite path in url_text is relative to: the
    // inventory's folder, or empty (the current directory) for --url.
    std::filesystem::path base_dir;
    Settings settings; // resolved: top, environment, database; nearest wins
    std::string file;  // the inventory it came from; empty for --url
    int line = 0;      // the line of its database entry; 0 for --url

    // "ENV/NAME", the name selectors, shards and reports use.
    std::string full_name() const { return environment + "/" + name; }

    // url_text parsed, a relative SQLite path resolved against base_dir.
    // Throws fleet::UsageError for a bad URL, which Inventory::load has
    // already ruled out for the targets it makes.
    engine::url::DatabaseUrl database_url() const {
        return engine::url::DatabaseUrl::parse(url_text, base_dir.string());
    }
};

} // namespace fleet::inventory
