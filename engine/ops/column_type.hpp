#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The portable column types of a YAML revision (INTERFACE.md, "A YAML
// revision: portable operations"), as values. A dialect's compiler turns each
// into its own spelling; anything fleet does not know is kept as written.
namespace fleet::engine::ops {

struct ColumnType {
    enum class Kind {
        smallint,
        integer,
        bigint,
        boolean,
        text,
        varchar,    // length
        fixed_char, // char(N): length
        numeric,    // precision and scale, both optional
        real,
        double_precision,
        date,
        time,
        timestamp,
        timestamptz,
        json,
        uuid,
        binary,
        enumeration, // enum_name, enum_values
        per_dialect, // by_dialect: dialect name -> type text as written
        raw,         // raw: any other name, passed through as written
    };
    Kind kind = Kind::raw;
    std::optional<int> length;    // varchar, fixed_char
    std::optional<int> precision; // numeric
    std::optional<int> scale;     // numeric
    std::string enum_name;
    std::vector<std::string> enum_values;
    std::map<std::string, std::string> by_dialect;
    std::string raw;

    bool operator==(const ColumnType&) const = default;
};

// Reads a portable type name ("bigint", "varchar(255)", "numeric(10,2)",
// "double", anything else as raw). Case-insensitive for the portable names;
// nullopt with `error` set when a portable name has bad arguments
// ("varchar(x)", "numeric(1,2,3)"). Never throws but bad_alloc.
std::optional<ColumnType> parse_column_type(std::string_view text, std::string* error);

// The type as a YAML revision writes it ("varchar(255)", "double"); for an
// enum or per-dialect type, a one-line description ("enum mood (happy, sad)",
// "{postgresql: inet, sqlite: text}"). For messages and derived downgrades.
std::string portable_name(const ColumnType& type);

// Whether the kind is one of the integer kinds (smallint, integer, bigint):
// those an autoincrement primary key may have.
bool is_integer(const ColumnType& type);

} // namespace fleet::engine::ops
