#pragma once

#include <string>
#include <string_view>

// One spelling for a SQLite column default, as the catalog compares it.
// SQLite keeps a default as typed (pragma table_info's dflt_value), and
// several spellings give the same stored value: `(0)` and `0`, `TRUE` and
// `1`, `'0'` and `0` in a column of numeric affinity (SQLite converts the
// text on insert). Alembic reports these as changes; fleet reads them alike.
namespace fleet::plugins::sqlite {

// `dflt_value` through normalize_expression (blanks, keyword case, outer
// parentheses), then TRUE/FALSE as 1/0 and, when `declared_type` gives the
// column INTEGER, REAL or NUMERIC affinity (SQLite's rules in "Datatypes In
// SQLite", 3.1), a quoted plain number as the number. Other defaults keep
// their text. Throws InputError on an unterminated string or quoted name.
std::string normalize_default(std::string_view dflt_value, std::string_view declared_type);

} // namespace fleet::plugins::sqlite
