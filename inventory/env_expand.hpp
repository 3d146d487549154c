#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory {

// Looks a variable up in the process environment, or in a stand-in a test
// gives: nullopt when the variable is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The real process environment (getenv). Never throws.
EnvLookup process_environment();

// The values of one for_each combination, by key: "{key}" in a scalar
// becomes the value.
using Placeholders = std::map<std::string, std::string>;

// Where a scalar stands in the inventory, for error messages.
struct SourceLocation {
    std::string file;
    int line = 0; // 1-based; 0 when unknown
};

// Expands one scalar of the inventory in a single left-to-right pass:
//   ${NAME}           the variable's value; set-but-empty gives ""
//   ${NAME:-default}  the value, or default when NAME is unset or empty (as in
//                     the shell); {key} placeholders inside default are expanded
//   $${               a literal "${" (the escape for text that must keep it)
//   {key}             the for_each value of key, when placeholders is not empty
// Any other '$' (a lone "$", "$$", "$HOME") is kept as written, so passwords
// like "pa$$word" survive. What an expansion inserts is never expanded again:
// an environment value is not searched for {key}, a for_each value (a query
// row) never reads the environment.
// Throws fleet::InputError at `where`: a variable unset without default
// ("environment variable 'NAME' is not set"), a "${" without a variable name
// or its '}', or "{word}" naming no for_each key while placeholders is not
// empty. Messages never quote the scalar, which may hold a password: they
// count ("{word} number 2 in this value"). The one name they show is an unset
// variable's, which the syntax makes a reference, never a password's text.
std::string env_expand(std::string_view text, const EnvLookup& env, const SourceLocation& where,
                       const Placeholders& placeholders = {});

// The keys "{key}" names in text (identifier-shaped words in braces, not the
// "${...}" of a variable), in order of appearance. Never throws.
std::vector<std::string> placeholder_names(std::string_view text);

} // namespace fleet::inventory
