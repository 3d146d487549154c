#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

// Private to engine/script (it exposes yaml-cpp types), like yaml_steps.hpp.
namespace fleet::engine::script {

// The one YAML document of a revision file's text (a null node for an empty
// file). Used instead of YAML::LoadAll, which in yaml-cpp 0.7 never returns
// on a document that starts with a token no node can start with (a stray
// ',' or ']'): its parser reports an empty document without consuming the
// token, again and again, growing memory until the process dies
// (jbeder/yaml-cpp#1040; fixed upstream after 0.7). Found by fuzz/.
// Throws InputError (file, line) "more than one YAML document; a revision
// file holds one"; YAML::ParserException for a document that cannot start
// (and yaml-cpp's own exceptions), which the caller translates.
YAML::Node load_one_document(std::string_view text, const std::string& file);

} // namespace fleet::engine::script
