#pragma once

#include <string>
#include <string_view>

// Redaction of passwords in text that is not a parsed URL: driver messages,
// other sessions' query text, SQL statements shown under -v, a URL too broken
// to parse. Pure functions, safe from any thread.
namespace fleet::engine::url {

// Replaces any password in a URL-looking text with ***: for free text (a
// driver's error message, another session's query text) that may quote a
// connection string. Masks the password of scheme://user:password@host,
// libpq's password=value (also password = 'quoted value') and SQL's
// PASSWORD 'literal' (CREATE/ALTER ROLE). Never throws but std::bad_alloc.
std::string mask_passwords(std::string_view text);

// text, known to be meant as one URL (maybe a typo of one), for the message
// saying it does not parse: everything from the first ':' after the scheme
// (or after the start, when there is no "://") to the last '@' becomes ***,
// and the rest goes through mask_passwords(). Never throws but std::bad_alloc.
std::string mask_url_text(std::string_view text);

} // namespace fleet::engine::url
