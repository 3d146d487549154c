// Fuzzes the statement splitter against the databases' own tokenizers:
// every input is split per dialect and compared with SQLite's
// sqlite3_complete() and PostgreSQL's lexer (libpg_query), as
// tests/engine/script/test_sql_splitter_oracles.cpp does for its corpus. A
// disagreement is a finding: the input is printed and the process aborts.
#include "fuzz/fuzz_input.hpp"
#include "tests/engine/script/sql_oracles.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The oracles read C strings: a NUL would end the text early for them
    // and not for the splitter.
    std::string sql(fleet::fuzz::text_of(data, size));
    std::replace(sql.begin(), sql.end(), '\0', ' ');
    const std::string disagreement = fleet::testing::splitter_disagreement(sql);
    if (!disagreement.empty()) {
        std::fprintf(stderr, "the SQL splitter disagrees with a database: %s\n",
                     disagreement.c_str());
        std::abort();
    }
    return 0;
}
