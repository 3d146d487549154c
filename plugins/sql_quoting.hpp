#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

// Quoting shared by the dialects: SQLAlchemy's
// IdentifierPreparer rule with a per-dialect reserved-word set. Pure
// functions, safe from any thread.
namespace fleet::plugins {

using ReservedWords = std::set<std::string_view>;

// Whether name must be quoted to keep its spelling: it is empty, holds a
// character other than [A-Za-z0-9_$], starts with a digit or '$', has an
// upper-case letter, or is (in lower case) one of reserved.
bool requires_quotes(std::string_view name, const ReservedWords& reserved);

// name in double quotes, inner double quotes doubled; always quoted.
std::string double_quoted(std::string_view name);

// name as SQLAlchemy writes it: bare when it can be, else double_quoted().
std::string quote_identifier(std::string_view name, const ReservedWords& reserved);

// 'value' with inner single quotes doubled (standard SQL; PostgreSQL with
// standard_conforming_strings, its default since 9.1).
std::string single_quoted(std::string_view value);

} // namespace fleet::plugins
