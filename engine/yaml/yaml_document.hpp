#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

// Shared by the two YAML readers, revision files (engine/script) and the
// inventory; each keeps it private, since it exposes yaml-cpp types.
namespace fleet::engine::yaml {

// The one YAML document of a file's text (a null node for an empty file):
// a second document is an error, never silently dropped. Used instead of YAML::LoadAll, which in
// yaml-cpp 0.7 never returns on a document that starts with a token no node can start with (a stray
// ',' or ']'): its parser reports an empty document without consuming the
// token, again and again, growing memory until the process dies
// (jbeder/yaml-cpp#1040; fixed upstream after 0.7). Found by fuzz/.
// `holder` names the kind of file in the message ("a revision file").
// Throws InputError (file, line of the second document) "more than one YAML
// document; <holder> holds one"; YAML::ParserException for a document that
// cannot start (and yaml-cpp's own exceptions), which the caller translates.
YAML::Node load_one_document(std::string_view text, const std::string& file,
                             std::string_view holder);

} // namespace fleet::engine::yaml
