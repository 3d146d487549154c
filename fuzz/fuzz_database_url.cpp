// Fuzzes the database URL parser (engine/url/database_url.cpp) and the
// free-text password masker. Beyond "no crash", two promises of
// database_url.hpp are checked on every URL that parses: full() parses back
// to the same URL (the driver is given full()), and masked() parses back with
// no password in it (what every message shows).
#include "engine/error.hpp"
#include "engine/url/database_url.hpp"
#include "engine/url/redact.hpp"
#include "fuzz/fuzz_input.hpp"

#include <cstdio>
#include <cstdlib>

namespace {

using fleet::engine::url::DatabaseUrl;

[[noreturn]] void broken(const char* promise, std::string_view input) {
    std::fprintf(stderr, "database_url: %s broken for input of %zu bytes\n", promise, input.size());
    std::abort();
}

void check(std::string_view text, const std::string& base_dir) {
    DatabaseUrl url;
    try {
        url = DatabaseUrl::parse(text, base_dir);
    } catch (const fleet::Error&) {
        return; // rejected, as expected
    }
    (void)url.host_port();
    (void)url.in_memory();

    DatabaseUrl again;
    try {
        again = DatabaseUrl::parse(url.full());
    } catch (const fleet::Error&) {
        broken("parse(full()) accepts", text);
    }
    again.driver = url.driver; // full() drops the driver suffix on purpose
    if (!(again == url)) broken("parse(full()) == url", text);

    try {
        DatabaseUrl shown = DatabaseUrl::parse(url.masked());
        if (!url.password.empty() && shown.password != "***")
            broken("masked() hides the password", text);
    } catch (const fleet::Error&) {
        broken("parse(masked()) accepts", text);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fleet::fuzz::text_of(data, size);
    check(text, {});
    check(text, "/srv/fleet");
    (void)fleet::engine::url::mask_passwords(text);
    return 0;
}
