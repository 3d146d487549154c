// The clause grammar of SQLite's column-def and table-constraint
// (https://www.sqlite.org/lang_createtable.html), as sqlite_table_sql.hpp
// reads it.
#include "plugins/sqlite/sqlite_table_sql_reader.hpp"

namespace fleet::plugins::sqlite::detail {

namespace {

bool starts_clause(const SqlToken& t) {
    for (const char* k : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
                          "COLLATE", "REFERENCES", "GENERATED", "AS"})
        if (t.is_keyword(k)) return true;
    return false;
}

void conflict_clause(Reader& r) {
    if (r.peek().is_keyword("ON") && r.peek(1).is_keyword("CONFLICT")) {
        r.take();
        r.take();
        r.take_name();
    }
}

// After REFERENCES: table [(columns)] [ON DELETE|UPDATE action | MATCH
// name]... [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]
void references_tail(Reader& r, ConstraintClause& clause) {
    clause.referred_table = Reader::unquoted(r.take_name());
    if (r.peek().is_punct('(')) r.skip_group();
    for (;;) {
        if (r.peek().is_keyword("ON") &&
            (r.peek(1).is_keyword("DELETE") || r.peek(1).is_keyword("UPDATE"))) {
            r.take();
            r.take();
            if (r.accept("SET")) {
                if (!r.accept("NULL")) r.expect("DEFAULT");
            } else if (r.accept("NO")) {
                r.expect("ACTION");
            } else if (!r.accept("CASCADE")) {
                r.expect("RESTRICT");
            }
        } else if (r.accept("MATCH")) {
            r.take_name();
        } else {
            break;
        }
    }
    const bool negated = r.peek().is_keyword("NOT") && r.peek(1).is_keyword("DEFERRABLE");
    if (negated) r.take();
    if (r.accept("DEFERRABLE") && r.accept("INITIALLY")) {
        if (!r.accept("DEFERRED")) r.expect("IMMEDIATE");
    }
}

// One clause at the reader's position, CONSTRAINT name included.
} // namespace

ConstraintClause read_clause(Reader& r, bool table_level) {
    ConstraintClause clause;
    if (r.accept("CONSTRAINT")) {
        const auto& name = r.take_name();
        clause.name = Reader::unquoted(name);
        clause.name_sql =
            name.kind == SqlToken::Kind::word ? name.value : r.text(r.pos() - 1, r.pos());
    }
    const std::size_t first = r.pos();
    const auto& head = r.take();
    if (head.is_keyword("PRIMARY")) {
        clause.kind = ClauseKind::primary_key;
        r.expect("KEY");
        if (table_level) {
            clause.columns = r.name_list();
        } else if (!r.accept("ASC")) {
            r.accept("DESC");
        }
        conflict_clause(r);
        clause.autoincrement = r.accept("AUTOINCREMENT");
    } else if (head.is_keyword("NOT") && !table_level) {
        clause.kind = ClauseKind::not_null;
        r.expect("NULL");
        conflict_clause(r);
    } else if (head.is_keyword("NULL") && !table_level) {
        clause.kind = ClauseKind::null;
        conflict_clause(r);
    } else if (head.is_keyword("UNIQUE")) {
        clause.kind = ClauseKind::unique;
        if (table_level) clause.columns = r.name_list();
        conflict_clause(r);
    } else if (head.is_keyword("CHECK")) {
        clause.kind = ClauseKind::check;
        r.skip_group();
    } else if (head.is_keyword("DEFAULT") && !table_level) {
        clause.kind = ClauseKind::default_value;
        if (r.peek().is_punct('(')) {
            r.skip_group();
        } else {
            if (r.peek().is_punct('-') || r.peek().is_punct('+')) r.take();
            r.take();
        }
    } else if (head.is_keyword("COLLATE") && !table_level) {
        clause.kind = ClauseKind::collate;
        r.take_name();
    } else if (head.is_keyword("REFERENCES") && !table_level) {
        clause.kind = ClauseKind::references;
        references_tail(r, clause);
    } else if ((head.is_keyword("GENERATED") || head.is_keyword("AS")) && !table_level) {
        clause.kind = ClauseKind::generated;
        if (head.is_keyword("GENERATED")) {
            r.expect("ALWAYS");
            r.expect("AS");
        }
        r.skip_group();
        if (!r.accept("STORED")) r.accept("VIRTUAL");
    } else if (head.is_keyword("FOREIGN") && table_level) {
        clause.kind = ClauseKind::foreign_key;
        r.expect("KEY");
        clause.columns = r.name_list();
        r.expect("REFERENCES");
        references_tail(r, clause);
    } else {
        r.fail("unexpected " + head.value);
    }
    clause.text = r.text(first, r.pos());
    return clause;
}

ColumnSql read_column(Reader& r) {
    ColumnSql column;
    const std::size_t name_at = r.pos();
    const auto& name = r.take_name();
    column.name = Reader::unquoted(name);
    column.name_sql = r.text(name_at, name_at + 1);
    const std::size_t type_at = r.pos();
    while (!r.done() && !starts_clause(r.peek())) {
        if (r.peek().is_punct('(')) {
            r.skip_group();
        } else {
            r.take();
        }
    }
    column.type = r.text(type_at, r.pos());
    while (!r.done())
        column.constraints.push_back(read_clause(r, false));
    return column;
}

bool is_table_constraint(const SqlToken& t) {
    for (const char* k : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
        if (t.is_keyword(k)) return true;
    return false;
}

} // namespace fleet::plugins::sqlite::detail
