#include "inventory/env_expand.hpp"

#include "engine/error.hpp"
#include "tests/inventory/inventory_testing.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace fleet::inventory;
using fleet::inventory::testing::env_of;

namespace {

const SourceLocation k_here{"fleet.yaml", 7};

std::string expand(std::string_view text, const EnvLookup& env,
                   const Placeholders& placeholders = {}) {
    return env_expand(text, env, k_here, placeholders);
}

} // namespace

TEST_CASE("a ${VAR} is replaced by the variable's value") {
    EnvLookup env = env_of({{"HOST", "db.internal"}, {"EMPTY", ""}});
    CHECK(expand("postgresql://app@${HOST}/core", env) == "postgresql://app@db.internal/core");
    CHECK(expand("${HOST}${HOST}", env) == "db.internal"
                                           "db.internal");
    CHECK(expand("no variables here", env) == "no variables here");

    SUBCASE("a variable set to nothing expands to nothing") {
        CHECK(expand("[${EMPTY}]", env) == "[]");
    }
}

TEST_CASE("a ${VAR:-default} falls back to the default when the variable is unset or empty") {
    EnvLookup env = env_of({{"SET", "value"}, {"EMPTY", ""}});
    CHECK(expand("${SET:-other}", env) == "value");
    CHECK(expand("${UNSET:-other}", env) == "other");
    CHECK(expand("${EMPTY:-other}", env) == "other");
    CHECK(expand("${UNSET:-}", env) == "");

    SUBCASE("the default may hold ':', '/' and '-' of a URL") {
        CHECK(expand("${URL:-postgresql://app@localhost:5432/x-y}", env) ==
              "postgresql://app@localhost:5432/x-y");
    }
    SUBCASE("the default may hold for_each placeholders") {
        CHECK(expand("${URL:-sqlite:///{tenant}.db}", env, {{"tenant", "acme"}}) ==
              "sqlite:///acme.db");
    }
}

TEST_CASE("an unset ${VAR} without default is an error naming file, line and variable") {
    CHECK_THROWS_WITH_AS(expand("postgresql://${REGISTRY_URL}", env_of({})),
                         "fleet.yaml:7: environment variable 'REGISTRY_URL' is not set",
                         fleet::InputError);
}

TEST_CASE("dollar signs that do not start ${ are left as written") {
    EnvLookup env = env_of({{"HOME", "/home/me"}});
    CHECK(expand("pa$$word", env) == "pa$$word");
    CHECK(expand("$HOME/x", env) == "$HOME/x");
    CHECK(expand("costs 5$", env) == "costs 5$");
    CHECK(expand("$", env) == "$");

    SUBCASE("$${ is the escape for a literal ${") {
        CHECK(expand("$${HOME}", env) == "${HOME}");
        CHECK(expand("a$${b}c${HOME}", env) == "a${b}c/home/me");
    }
}

TEST_CASE("a malformed ${...} is an error") {
    EnvLookup env = env_of({});
    CHECK_THROWS_WITH_AS(expand("x${HOST", env), "fleet.yaml:7: '${' without its closing '}'",
                         fleet::InputError);
    const std::string advice = "in this value is not followed by a variable name: write ${NAME} or "
                               "${NAME:-default}, or $${ for a literal '${'";
    CHECK_THROWS_WITH_AS(expand("${1HOST}", env), ("fleet.yaml:7: '${' number 1 " + advice).c_str(),
                         fleet::InputError);
    CHECK_THROWS_WITH_AS(expand("${}", env), ("fleet.yaml:7: '${' number 1 " + advice).c_str(),
                         fleet::InputError);
    CHECK_THROWS_WITH_AS(expand("${A}/${HOST-x}", env_of({{"A", "a"}})),
                         ("fleet.yaml:7: '${' number 2 " + advice).c_str(), fleet::InputError);
}

TEST_CASE("{key} placeholders are replaced by for_each values") {
    EnvLookup env = env_of({{"HOST", "h"}});
    Placeholders tenant{{"tenant", "acme"}, {"region", "eu"}};
    CHECK(expand("t_{tenant}_{region}", env, tenant) == "t_acme_eu");
    CHECK(expand("postgresql://${HOST}/{tenant}", env, tenant) == "postgresql://h/acme");

    SUBCASE("braces that are not a placeholder stay") {
        CHECK(expand("{ x }{1}{}{a-b}", env, tenant) == "{ x }{1}{}{a-b}");
    }
    SUBCASE("without for_each, {word} stays as written") {
        CHECK(expand("{tenant}", env) == "{tenant}");
    }
    SUBCASE("an unknown placeholder is an error counting it and listing the keys") {
        CHECK_THROWS_WITH_AS(expand("t_{tenant}_{tennant}", env, tenant),
                             "fleet.yaml:7: {word} number 2 in this value is not a for_each key "
                             "(for_each defines {region}, {tenant}); it is not shown, as it may "
                             "be part of a password (braces in a password can come from ${VAR})",
                             fleet::InputError);
    }
}

TEST_CASE("no error quotes any part of the value, which may hold a password") {
    // Each value holds a password with a fragment an error could quote.
    EnvLookup env = env_of({{"HOST", "h"}});
    Placeholders tenant{{"tenant", "acme"}};
    auto message_of = [&](std::string_view text) {
        try {
            expand(text, env, tenant);
        } catch (const fleet::InputError& error) {
            return std::string(error.what());
        }
        FAIL("no error for ", text);
        return std::string();
    };
    SUBCASE("braces in the password of a for_each database's URL") {
        const std::string message = message_of("postgresql://app:Pw{hunter2}x@${HOST}/t_{tenant}");
        CHECK(message.find("hunter2") == std::string::npos);
        CHECK(message.find("{word} number 1 in this value") != std::string::npos);
    }
    SUBCASE("braces in a password inside a ${VAR:-default}") {
        const std::string message = message_of("${URL:-postgresql://app:{hunter2}@h/t_{tenant}}");
        CHECK(message.find("hunter2") == std::string::npos);
        CHECK(message.find("{word} number 1 in this value") != std::string::npos);
    }
    SUBCASE("a '${' in a password") {
        const std::string message = message_of("postgresql://app:x${hunter2!}@h/t_{tenant}");
        CHECK(message.find("hunter2") == std::string::npos);
        CHECK(message.find("'${' number 1") != std::string::npos);
    }
}

TEST_CASE("what an expansion inserts is never expanded again") {
    SUBCASE("an environment value keeps its braces") {
        CHECK(expand("${PASSWORD}", env_of({{"PASSWORD", "p{tenant}"}}), {{"tenant", "acme"}}) ==
              "p{tenant}");
    }
    SUBCASE("a for_each value never reads the environment") {
        CHECK(expand("{slug}", env_of({{"SECRET", "s"}}), {{"slug", "${SECRET}"}}) == "${SECRET}");
    }
}

TEST_CASE("placeholder_names lists the {key}s outside ${...}") {
    CHECK(placeholder_names("t-{tenant}-{region}") == std::vector<std::string>{"tenant", "region"});
    CHECK(placeholder_names("${HOST}/{db}") == std::vector<std::string>{"db"});
    CHECK(placeholder_names("$${x}{y}") == std::vector<std::string>{"y"});
    CHECK(placeholder_names("core").empty());
}

TEST_CASE("process_environment reads the real environment") {
    ::setenv("FLEET_INVENTORY_TEST_VARIABLE", "from the process", 1);
    ::unsetenv("FLEET_INVENTORY_TEST_UNSET");
    EnvLookup env = process_environment();
    CHECK(env("FLEET_INVENTORY_TEST_VARIABLE") == std::optional<std::string>("from the process"));
    CHECK_FALSE(env("FLEET_INVENTORY_TEST_UNSET").has_value());
}
