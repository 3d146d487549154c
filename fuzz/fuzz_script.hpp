#pragma once

#include "engine/error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/script/script_file.hpp"

#include <string_view>

namespace fleet::fuzz {

// The SQL and YAML harnesses' one body: parse the text as a revision file of
// that format, then use what came out as fleet would (read every operation
// list, link the revision into a map). A fleet::Error is rejected input.
inline void check_script(std::string_view text, const char* file,
                         engine::script::ScriptFormat format) {
    using namespace fleet::engine;
    try {
        script::Script parsed = script::parse_script(text, file, format);
        for (auto direction : {script::Direction::upgrade, script::Direction::downgrade})
            for (auto dialect : {"sqlite", "postgresql"})
                (void)parsed.operations(direction, dialect).size();
        revision::RevisionMap map({parsed.revision});
        (void)map.heads();
    } catch (const fleet::Error&) {
        // Rejected input, as expected.
    }
}

} // namespace fleet::fuzz
