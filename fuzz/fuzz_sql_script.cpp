// Fuzzes the SQL revision parser (engine/script/sql_script.cpp and the
// statement splitter under it) through parse_script, as a .sql file's text
// reaches it, then links the parsed revision into a one-revision map.
#include "fuzz/fuzz_input.hpp"
#include "fuzz/fuzz_script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fleet::fuzz::check_script(fleet::fuzz::text_of(data, size), "fuzz.sql",
                              fleet::engine::script::ScriptFormat::sql);
    return 0;
}
