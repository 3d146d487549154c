// Portable types (engine/ops/column_type.hpp) and the naming convention
// (engine/ops/naming.hpp) that the YAML operation reader fills names with.
#include "engine/ops/column_type.hpp"
#include "engine/ops/naming.hpp"

#include <doctest/doctest.h>

// Designated initializers name only the fields a case sets; the others keep
// their defaults, which is the point.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <string>

using namespace fleet::engine::ops;
using Kind = ColumnType::Kind;

namespace {

std::string type_error(std::string_view text) {
    std::string error;
    CHECK_FALSE(parse_column_type(text, &error).has_value());
    return error;
}

} // namespace

TEST_CASE("every portable type name reads into its kind, any case, and writes back the same") {
    const std::pair<std::string_view, Kind> names[] = {
        {"smallint", Kind::smallint},   {"integer", Kind::integer},
        {"bigint", Kind::bigint},       {"boolean", Kind::boolean},
        {"text", Kind::text},           {"varchar", Kind::varchar},
        {"char", Kind::fixed_char},     {"numeric", Kind::numeric},
        {"real", Kind::real},           {"double", Kind::double_precision},
        {"date", Kind::date},           {"time", Kind::time},
        {"timestamp", Kind::timestamp}, {"timestamptz", Kind::timestamptz},
        {"json", Kind::json},           {"uuid", Kind::uuid},
        {"binary", Kind::binary},
    };
    for (const auto& [name, kind] : names) {
        CAPTURE(name);
        const auto type = parse_column_type(name, nullptr);
        REQUIRE(type);
        CHECK(type->kind == kind);
        CHECK(portable_name(*type) == name);
        std::string upper(name);
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(parse_column_type(upper, nullptr) == type);
    }
}

TEST_CASE("lengths, precision and scale are read and written back") {
    CHECK(parse_column_type("varchar(255)", nullptr) ==
          ColumnType{.kind = Kind::varchar, .length = 255});
    CHECK(parse_column_type(" CHAR ( 3 ) ", nullptr) ==
          ColumnType{.kind = Kind::fixed_char, .length = 3});
    CHECK(parse_column_type("numeric(10, 2)", nullptr) ==
          ColumnType{.kind = Kind::numeric, .precision = 10, .scale = 2});
    CHECK(parse_column_type("numeric(7)", nullptr) ==
          ColumnType{.kind = Kind::numeric, .precision = 7});
    CHECK(portable_name(*parse_column_type("numeric(10, 2)", nullptr)) == "numeric(10,2)");
    CHECK(portable_name(*parse_column_type("Varchar(20)", nullptr)) == "varchar(20)");
}

TEST_CASE("any other type name passes through as written") {
    CHECK(parse_column_type(" double precision ", nullptr) ==
          ColumnType{.kind = Kind::raw, .raw = "double precision"});
    CHECK(parse_column_type("geometry(Point, 4326)", nullptr) ==
          ColumnType{.kind = Kind::raw, .raw = "geometry(Point, 4326)"});
    CHECK(portable_name(ColumnType{.kind = Kind::raw, .raw = "inet"}) == "inet");
}

TEST_CASE("enum and per-dialect types have a one-line portable name") {
    CHECK(portable_name(ColumnType{.kind = Kind::enumeration,
                                   .enum_name = "mood",
                                   .enum_values = {"happy", "sad"}}) == "enum mood (happy, sad)");
    CHECK(portable_name(ColumnType{.kind = Kind::per_dialect,
                                   .by_dialect = {{"postgresql", "inet"}, {"sqlite", "text"}}}) ==
          "{postgresql: inet, sqlite: text}");
}

TEST_CASE("a portable type name with bad arguments is an error saying what it takes") {
    CHECK(type_error("varchar(x)") ==
          "type 'varchar' takes a length: varchar(N) with N a positive whole number");
    CHECK(type_error("char(0)") ==
          "type 'char' takes a length: char(N) with N a positive whole number");
    CHECK(type_error("numeric(1,2,3)") ==
          "type 'numeric' takes a precision and an optional scale: numeric(P) or numeric(P,S) "
          "with whole numbers, P positive");
    CHECK(type_error("numeric(2,5)") ==
          "type 'numeric(2,5)' has a scale larger than its precision");
    CHECK(type_error("integer(5)") == "type 'integer' takes no arguments (write {postgresql: T, "
                                      "sqlite: T} for a database's own spelling)");
    CHECK(type_error("varchar(5") == "type 'varchar(5' has text after its closing parenthesis "
                                     "or none");
    CHECK(type_error("  ") == "a type may not be empty");
}

TEST_CASE("the integer kinds are the ones an autoincrement key may have") {
    CHECK(is_integer(*parse_column_type("smallint", nullptr)));
    CHECK(is_integer(*parse_column_type("integer", nullptr)));
    CHECK(is_integer(*parse_column_type("bigint", nullptr)));
    CHECK_FALSE(is_integer(*parse_column_type("numeric", nullptr)));
    CHECK_FALSE(is_integer(*parse_column_type("int4", nullptr)));
}

TEST_CASE("unnamed objects get SQLAlchemy's recommended convention names") {
    CHECK(index_name("accounts", IndexPart{"org_id", ""}) == "ix_accounts_org_id");
    CHECK(unique_name("accounts", "email") == "uq_accounts_email");
    CHECK(foreign_key_name("accounts", "org_id", "orgs") == "fk_accounts_org_id_orgs");
    CHECK(primary_key_name("accounts") == "pk_accounts");
    CHECK(check_name("accounts", "plan IN ('free', 'pro')") == "ck_accounts_plan");
}

TEST_CASE("an unnamed check or expression index is named after the first column its SQL names") {
    CHECK(first_column_named("plan IN ('free', 'pro')") == "plan");
    CHECK(first_column_named("length(code) = 3") == "code");
    CHECK(first_column_named("'x' = \"Odd \"\"Name\"\"\"") == "Odd \"Name\"");
    CHECK(first_column_named("accounts.price > 0") == "price");
    CHECK(first_column_named("NOT (a IS NULL AND b IS NOT NULL)") == "a");
    CHECK(first_column_named("E'it''s' = lower(title) -- note\n") == "title");
    CHECK(first_column_named("/* c */ 1e5 < CAST(x AS integer)") == "x");
    CHECK(first_column_named("1 = 1").empty());
    CHECK(check_name("t", "1 = 1") == "ck_t_check");
    CHECK(index_name("t", IndexPart{"", "lower(email)"}) == "ix_t_email");
    CHECK(index_name("t", IndexPart{"", "(1)"}) == "ix_t_expr");
}

TEST_CASE("a name over 63 bytes is cut as SQLAlchemy cuts it for PostgreSQL") {
    const std::string table(40, 't');
    const std::string column(30, 'c');
    // Python: n = "fk_"+"t"*40+"_"+"c"*30+"_orgs"; n[:55]+"_"+md5(n).hexdigest()[-4:]
    const std::string name = foreign_key_name(table, column, "orgs");
    CHECK(name.size() == 60);
    CHECK(name == "fk_" + table + "_" + std::string(11, 'c') + "_" + "f2c0");
    CHECK(fitted_name(std::string(63, 'x')) == std::string(63, 'x'));
    // A cut inside a UTF-8 character backs off to its start: the 55th byte
    // is the first half of an e acute, so 54 bytes are kept.
    const std::string wide = "ix_" + std::string(51, 'a') + "\xc3\xa9" + std::string(20, 'b');
    const std::string cut = fitted_name(wide);
    CHECK(cut.substr(0, 55) == "ix_" + std::string(51, 'a') + "_");
    CHECK(cut.size() == 59);
}
