#include "engine/lint/type_change.hpp"

#include <fmt/format.h>

#include <array>

namespace fleet::engine::lint {

namespace {

// Types whose modifier is a length or precision that may only grow without
// a rewrite (PostgreSQL's varchar_support, numeric_support, varbit_support,
// timestamp_support: a larger or removed limit is a no-op).
bool limit_may_grow(const std::string& name) {
    static constexpr std::array<std::string_view, 8> k_names{
        "varchar", "varbit", "numeric", "timestamp", "timestamptz", "time", "timetz", "interval"};
    for (auto n : k_names)
        if (n == name) return true;
    return false;
}

// The rank of an integer or floating type by width; 0 for other types.
int width_rank(const std::string& name) {
    if (name == "int2") return 1;
    if (name == "int4") return 2;
    if (name == "int8") return 3;
    if (name == "float4") return 11;
    if (name == "float8") return 12;
    return 0;
}

bool is_string(const std::string& name) { return name == "text" || name == "varchar"; }

// A change between two limits of one type: the limit raised or removed
// relabels; lowered or added, every value is checked and rewritten.
TypeChange limit_change(const TypeFacts& from, const TypeFacts& to) {
    if (to.modifiers.empty()) return {false, false};
    if (from.modifiers.empty()) return {true, true};
    if (from.name == "numeric") {
        const int from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
        const int to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
        const bool same_scale = from_scale == to_scale;
        const bool narrows =
            to.modifiers[0] - to_scale < from.modifiers[0] - from_scale || to_scale < from_scale;
        return {!(same_scale && to.modifiers[0] >= from.modifiers[0]), narrows};
    }
    const bool grows = to.modifiers[0] >= from.modifiers[0];
    return {!grows, !grows};
}

} // namespace

TypeChange type_change(const TypeFacts& from, const TypeFacts& to) {
    if (from == to) return {false, false};
    if (from.array != to.array) return {true, false};
    if (from.name == to.name && limit_may_grow(from.name)) return limit_change(from, to);
    if (is_string(from.name) && is_string(to.name)) {
        // varchar(n) or varchar to text or varchar: a relabel. text to
        // varchar(n) checks each value's length.
        if (to.name == "text" || to.modifiers.empty()) return {false, false};
        return {true, true};
    }
    if (from.name == "cidr" && to.name == "inet") return {false, false};
    if (from.name == "bpchar" && to.name == "bpchar") {
        const bool shorter =
            !from.modifiers.empty() && !to.modifiers.empty() && to.modifiers[0] < from.modifiers[0];
        return {true, shorter};
    }
    const int from_rank = width_rank(from.name);
    const int to_rank = width_rank(to.name);
    const bool narrows =
        from_rank != 0 && to_rank != 0 && to_rank < from_rank && (from_rank > 10) == (to_rank > 10);
    const bool float_to_int = from_rank > 10 && to_rank != 0 && to_rank < 10;
    return {true, narrows || float_to_int};
}

std::optional<TypeFacts> type_facts_of(const ops::ColumnType& type) {
    using Kind = ops::ColumnType::Kind;
    auto limit = [](const char* name, const std::optional<int>& length) {
        return length ? fmt::format("{}({})", name, *length) : std::string(name);
    };
    std::string text;
    switch (type.kind) {
    case Kind::smallint:
        text = "smallint";
        break;
    case Kind::integer:
        text = "integer";
        break;
    case Kind::bigint:
        text = "bigint";
        break;
    case Kind::boolean:
        text = "boolean";
        break;
    case Kind::text:
        text = "text";
        break;
    case Kind::varchar:
        text = limit("varchar", type.length);
        break;
    case Kind::fixed_char:
        text = limit("char", type.length);
        break;
    case Kind::numeric:
        text = !type.precision ? std::string("numeric")
               : type.scale    ? fmt::format("numeric({}, {})", *type.precision, *type.scale)
                               : fmt::format("numeric({})", *type.precision);
        break;
    case Kind::real:
        text = "real";
        break;
    case Kind::double_precision:
        text = "double precision";
        break;
    case Kind::date:
        text = "date";
        break;
    case Kind::time:
        text = "time";
        break;
    case Kind::timestamp:
        text = "timestamp";
        break;
    case Kind::timestamptz:
        text = "timestamptz";
        break;
    case Kind::json:
        text = "json";
        break;
    case Kind::uuid:
        text = "uuid";
        break;
    case Kind::binary:
        text = "bytea";
        break;
    case Kind::enumeration:
        text = type.enum_name;
        break;
    case Kind::per_dialect: {
        const auto own = type.by_dialect.find("postgresql");
        if (own == type.by_dialect.end()) return std::nullopt;
        text = own->second;
        break;
    }
    case Kind::raw:
        text = type.raw;
        break;
    }
    if (text.empty()) return std::nullopt;
    return lint::type_facts_of(std::string_view(text));
}

} // namespace fleet::engine::lint
