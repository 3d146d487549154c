#pragma once

#include "engine/script/script.hpp"
#include "engine/script/script_format.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace fleet::engine::script {

// Reads one revision file (.sql, .yaml or .yml) into a Script: its revision
// (with source = the file's path), sections, checksum (SHA-256 of the bytes
// as read), path and format.
// Throws InputError naming the file: it cannot be read, its extension is
// neither, or parse_script() rejects it.
Script load_script_file(const std::filesystem::path& file);

// Parses a revision file's text, already read. `file` names it in errors and
// becomes Script::path and Revision::source. A UTF-8 byte order mark is
// skipped; the checksum still covers it.
// Throws InputError: the text is empty or blank, or the format's parser
// (sql_script.hpp, yaml_script.hpp) rejects it.
Script parse_script(std::string_view text, const std::string& file, ScriptFormat format);

} // namespace fleet::engine::script
