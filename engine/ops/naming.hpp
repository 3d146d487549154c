#pragma once

#include "engine/ops/operation.hpp"

#include <cstddef>
#include <string>
#include <string_view>

// The names fleet gives an index or constraint that a YAML revision leaves
// unnamed (INTERFACE.md, "Names"): SQLAlchemy's recommended naming
// convention, so every object can later be dropped, and a step reversed, by
// name, and a schema built by Alembic with that convention has the same names:
//   index        ix_<table>_<column>                 (SQLAlchemy: ix_%(column_0_label)s)
//   unique       uq_<table>_<column>                 (uq_%(table_name)s_%(column_0_name)s)
//   foreign key  fk_<table>_<column>_<referred table>
//   primary key  pk_<table>
//   check        ck_<table>_<column>                 (see below)
// <column> is the first column (SQLAlchemy's column_0); <table> is the table's
// name without its schema, as SQLAlchemy's table_name.
//
// Choices SQLAlchemy leaves open:
// - A check has no column list, and SQLAlchemy's ck_%(table_name)s_
//   %(constraint_name)s refuses a check without a name. fleet names it after
//   the first column its condition names: the first identifier (bare or
//   "quoted") outside string literals that is neither an SQL keyword nor a
//   function name (followed by '('): `plan IN ('free', 'pro')` gives
//   ck_accounts_plan. A condition that names no column (`1 = 1`) gives
//   ck_<table>_check. The rule reads only the condition's text, so the same
//   revision names the same check on every dialect and on every replay.
// - An index part that is an expression ({expr: lower(email)}) counts as
//   the first column its expression names by the same rule (ix_accounts_email);
//   one that names none gives ix_<table>_expr.
// - A name longer than PostgreSQL's 63 bytes (NAMEDATALEN - 1) is cut as
//   SQLAlchemy cuts a convention name for PostgreSQL (compiler.py,
//   _truncate_and_render_maxlen_name): its first 55 bytes, '_', and the last
//   4 hex digits of the MD5 of the whole name (60 bytes in all). fleet does
//   it on every dialect, so a name is the same on SQLite and PostgreSQL.
//   SQLAlchemy counts characters, fleet bytes (PostgreSQL's limit is in
//   bytes); the cut backs off to a UTF-8 character boundary, so the two agree
//   on ASCII names. Names written in the revision are used as written.
// - Two unnamed objects of one kind on the same first column get the same
//   name; the YAML reader refuses that within one create_table, and the
//   database refuses it across steps: name one of them.
namespace fleet::engine::ops {

// PostgreSQL's longest identifier, in bytes.
inline constexpr std::size_t k_max_name_bytes = 63;

// ix_<table>_<first part>. `first_part` is a column or an expression.
std::string index_name(std::string_view table, const IndexPart& first_part);

// uq_<table>_<first column>.
std::string unique_name(std::string_view table, std::string_view first_column);

// fk_<table>_<first column>_<referred table>.
std::string foreign_key_name(std::string_view table, std::string_view first_column,
                             std::string_view referred_table);

// pk_<table>.
std::string primary_key_name(std::string_view table);

// ck_<table>_<first column the condition names>, or ck_<table>_check.
std::string check_name(std::string_view table, std::string_view condition);

// The first column an SQL condition or expression names, by the rule above;
// "" when it names none. Unquotes a "quoted" name ("" inside it is one ").
std::string first_column_named(std::string_view sql);

// `name` when it fits in k_max_name_bytes, else cut by the rule above.
std::string fitted_name(std::string name);

} // namespace fleet::engine::ops
