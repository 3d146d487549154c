-- revision: lint_p29
-- down_revision: lint_pg_base
-- message: a table and its data dropped

-- +upgrade
DROP TABLE audit_log;
