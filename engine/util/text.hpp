#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Small text helpers every layer uses (ccache's util/string.hpp). ASCII
// only: fleet's own words, identifiers and driver messages need no locale.
namespace fleet::engine::util {

// C's isspace in the "C" locale: space, \t, \n, \v, \f, \r. Never throws.
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A byte of an unquoted SQL identifier past its first: an ASCII letter or
// digit, '_' or '$' (PostgreSQL's rule; SQLite accepts the same). Never throws.
constexpr bool is_identifier_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

// Whether names holds name, compared exactly. Never throws.
bool contains(const std::vector<std::string>& names, std::string_view name) noexcept;

// bytes as lower-case hex, two digits a byte: how digests are written.
// Never throws but std::bad_alloc.
std::string hex(const unsigned char* bytes, std::size_t size);

// text without leading and trailing is_space characters; a view into text.
// Never throws.
std::string_view trim(std::string_view text) noexcept;

// text with A-Z lowered; other bytes (UTF-8 included) unchanged. Never throws
// but std::bad_alloc.
std::string lower(std::string_view text);

// text on one line: each run of is_space characters (line breaks included)
// becomes one space, and leading and trailing ones go. Driver messages and
// queries span lines; a table cell, a log line or a header line must not.
// Never throws but std::bad_alloc.
std::string one_line(std::string_view text);

// "a, b, c", or the first `shown` names and ", ... (N in all)" when there are
// more: how a message lists targets without flooding the terminal. Never
// throws but std::bad_alloc.
std::string name_list(const std::vector<std::string>& names, std::size_t shown);

// "a, b", or "base" for none: a set of revisions as tables and plans show it.
// Never throws but std::bad_alloc.
std::string revision_list(const std::vector<std::string>& revisions);

} // namespace fleet::engine::util
