#pragma once

#include "engine/script/script.hpp"
#include "engine/script/script_format.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace fleet::engine::script {

// Reads one revision file (.sql, .yaml or .yml) into a Script: its revision
// (with source = the file's path), header, path, format and source (the
// bytes, from which the body and checksum come). `parse` says whether the
// body is parsed now or on first use (script.hpp).
// Throws InputError naming the file: it cannot be read, its extension is
// neither, or parse_script() rejects it.
Script load_script_file(const std::filesystem::path& file, Parse parse = Parse::everything);

// Parses a revision file's text, already read. `file` names it in errors and
// becomes Script::path and Revision::source. A UTF-8 byte order mark is
// skipped; the checksum still covers it.
// Throws InputError: the text is empty or blank, or the format's parser
// (sql_script.hpp, yaml_script.hpp) rejects its header, or with
// Parse::everything its body.
Script parse_script(std::string_view text, const std::string& file, ScriptFormat format,
                    Parse parse = Parse::everything);

// The body of a revision file's text (a byte order mark skipped): what
// Script::body() parses on first use.
// Throws InputError as parse_script() with Parse::everything does.
Body parse_body(std::string_view text, const std::string& file, ScriptFormat format);

} // namespace fleet::engine::script
