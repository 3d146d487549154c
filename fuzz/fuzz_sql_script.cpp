// Fuzzes the SQL revision parser (engine/script/sql_script.cpp and the
// statement splitter under it) through parse_script, as a .sql file's text
// reaches it, then links the parsed revision into a one-revision map.
#include "engine/error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/script/script_file.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace fleet::engine;
    try {
        script::Script parsed =
            script::parse_script(fleet::fuzz::text_of(data, size), "fuzz.sql", script::ScriptFormat::sql);
        // A parsed script must be usable: read every operation list once.
        for (auto direction : {script::Direction::upgrade, script::Direction::downgrade})
            for (auto dialect : {"sqlite", "postgresql"})
                (void)parsed.operations(direction, dialect).size();
        revision::RevisionMap map({parsed.revision});
        (void)map.heads();
    } catch (const fleet::Error&) {
        // Rejected input, as expected.
    }
    return 0;
}
