#pragma once

#include <string>
#include <string_view>

// One spelling for a CHECK condition as pg_get_constraintdef prints it, where
// PostgreSQL prints one condition two ways. Pure, safe from any thread.
namespace fleet::plugins::postgres {

// `definition` with each `ARRAY[e1, e2]::T[]` whose elements are plain (a
// literal, a number or a name, with casts) written `ARRAY[e1::T, e2::T]`
// (an element already cast to T is left so). A column IN a list of strings
// (`plan IN ('free', 'pro')` on a varchar column) prints as the first; that
// text, run again, as the second: so a condition autogenerate copied from a
// catalog reads back differently from the one declared. Anything else, and
// what is inside quotes, is kept as it is.
std::string normalize_check(std::string_view definition);

} // namespace fleet::plugins::postgres
