#include "engine/script/script_file.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"
#include "engine/script/sha256.hpp"
#include "engine/script/sql_script.hpp"
#include "engine/script/yaml_script.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fleet::engine::script {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

std::string read_bytes(const std::filesystem::path& file) {
    // A folder opens as a stream that reads nothing: say so rather than
    // calling it an empty file.
    std::error_code ignored;
    if (std::filesystem::is_directory(file, ignored)) {
        throw InputError(file.string(), 0, "cannot read the file: it is a folder");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in || in.bad()) {
        throw InputError(file.string(), 0,
                         std::string("cannot read the file: ") + std::strerror(errno));
    }
    return std::move(bytes).str();
}

} // namespace

Script load_script_file(const std::filesystem::path& file) {
    const auto format = format_of(file);
    if (!format) {
        throw InputError(file.string(), 0,
                         "not a revision file: the name must end in .sql, .yaml or .yml");
    }
    return parse_script(read_bytes(file), file.string(), *format);
}

Script parse_script(std::string_view text, const std::string& file, ScriptFormat format) {
    std::string_view body = text;
    if (body.substr(0, k_utf8_bom.size()) == k_utf8_bom) body.remove_prefix(k_utf8_bom.size());
    if (trim(body).empty()) throw InputError(file, 0, "the file is empty");

    Script script =
        format == ScriptFormat::sql ? parse_sql_script(body, file) : parse_yaml_script(body, file);
    script.revision.source = file;
    script.path = file;
    script.format = format_name(format);
    script.checksum = sha256_hex(text);
    return script;
}

} // namespace fleet::engine::script
