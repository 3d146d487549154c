// LeakSanitizer suppressions for this test binary (scripts/test.sh runs the
// suite under ASan with detect_leaks=1).
//
// libpqxx 6.4 leaks one PGresult (about 2 KB) when a connection is lost in the
// middle of a statement: connection_base::exec() hands PQexec's result to
// make_result(), which asks for the client encoding first and throws
// "Could not obtain client encoding: not connected." before the result is
// owned by anything. The lost-connection test provokes exactly that. The
// frames of libpqxx carry no symbols (the functions are not exported), so the
// module is named. Any other program that may lose a PostgreSQL connection
// under ASan needs the same line (plugins/postgres/libpqxx.lsan.supp).
extern "C" const char* __lsan_default_suppressions() { return "leak:libpqxx-6.4.so\n"; }
