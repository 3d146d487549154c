#include "orchestrator/autogen/declared_sql_hints.hpp"

#include "engine/autogen/sql_rename_hints.hpp"
#include "engine/error.hpp"
#include "engine/script/sql_splitter.hpp"

#include <fstream>
#include <sstream>

namespace fleet::orchestrator::autogen {

engine::autogen::RenameHints
read_declared_sql_hints(const std::vector<std::filesystem::path>& files,
                        const std::string& dialect) {
    engine::autogen::RenameHints hints;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw InputError(file.string(), 0, "cannot read the declared schema");
        std::ostringstream text;
        text << in.rdbuf();
        for (const auto& statement : engine::script::split_sql(
                 text.str(), file.string(), 1, engine::script::sql_dialect_named(dialect)))
            engine::autogen::read_sql_rename_hints(statement.text, file.string(), statement.line,
                                                   hints);
    }
    return hints;
}

} // namespace fleet::orchestrator::autogen
