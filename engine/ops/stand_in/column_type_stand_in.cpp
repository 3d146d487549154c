// STAND-IN, built only while engine/ops/column_type.cpp is missing (see
// ../CMakeLists.txt): the functions helper "yamlops" defines, so the compiler
// links and is tested before that lands. Not the real thing.
#include "engine/ops/column_type.hpp"

namespace fleet::engine::ops {

std::optional<ColumnType> parse_column_type(std::string_view text, std::string*) {
    ColumnType type;
    type.raw = std::string(text);
    return type;
}

std::string portable_name(const ColumnType& type) {
    if (type.kind == ColumnType::Kind::enumeration) return "enum " + type.enum_name;
    if (type.kind == ColumnType::Kind::per_dialect) return "{per dialect}";
    return type.raw;
}

bool is_integer(const ColumnType& type) {
    using K = ColumnType::Kind;
    return type.kind == K::smallint || type.kind == K::integer || type.kind == K::bigint;
}

} // namespace fleet::engine::ops
