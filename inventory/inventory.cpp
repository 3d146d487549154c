#include "inventory/inventory.hpp"

#include "engine/error.hpp"
#include "engine/url/database_url.hpp"
#include "engine/yaml/yaml_document.hpp"
#include "inventory/detail/inventory_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace fleet::inventory {

namespace {

std::string read_text(const std::filesystem::path& path, const std::string& file) {
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw InputError(file, 0, "the inventory does not exist");
    if (std::filesystem::is_directory(path, error))
        throw InputError(file, 0, "the inventory is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw InputError(file, 0, "the inventory cannot be read");
    return text.str();
}

std::filesystem::path folder_of(const std::filesystem::path& path) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(path, error);
    if (error) absolute = path;
    return absolute.lexically_normal().parent_path();
}

} // namespace

Inventory Inventory::load(const std::filesystem::path& path, const LoadOptions& options) {
    const std::string file = path.string();
    return parse(read_text(path, file), file, folder_of(path), options);
}

Inventory Inventory::parse(std::string_view text, const std::string& file,
                           const std::filesystem::path& base_dir, const LoadOptions& options) {
    try {
        // One document: a second one's environments must not vanish unread.
        YAML::Node root = engine::yaml::load_one_document(text, file, "an inventory");
        return detail::InventoryReader(file, base_dir, options).read(root);
    } catch (const YAML::Exception& error) {
        // The one place yaml-cpp's exceptions become fleet's: the reader
        // lets them through from the parser and from every node access.
        throw InputError(file, error.mark.is_null() ? 0 : error.mark.line + 1,
                         "invalid YAML: " + error.msg);
    }
}

Inventory Inventory::from_url(std::string url_text, std::filesystem::path script_location) {
    (void)engine::url::DatabaseUrl::parse(url_text); // a bad URL fails here, not mid-run
    Settings settings = default_settings({});
    if (!script_location.empty()) settings.script_location = std::move(script_location);

    TargetSpec target;
    target.environment = "default";
    target.name = "default";
    target.url_text = std::move(url_text);
    target.settings = settings;
    Environment environment{"default", settings, {std::move(target)}, 0};
    return Inventory({}, {}, std::move(settings), {std::move(environment)});
}

Inventory::Inventory(std::string file, std::filesystem::path base_dir, Settings settings,
                     std::vector<Environment> environments)
    : m_file(std::move(file)), m_base_dir(std::move(base_dir)), m_settings(std::move(settings)),
      m_environments(std::move(environments)) {}

std::vector<std::string> Inventory::environment_names() const {
    std::vector<std::string> names;
    for (const Environment& environment : m_environments)
        names.push_back(environment.name);
    return names;
}

std::vector<TargetSpec> Inventory::targets() const {
    std::vector<TargetSpec> all;
    for (const Environment& environment : m_environments)
        all.insert(all.end(), environment.databases.begin(), environment.databases.end());
    return all;
}

} // namespace fleet::inventory
