-- revision: lint_p27
-- down_revision: lint_pg_base
-- message: a rename breaks the code still running

-- +upgrade
ALTER TABLE users RENAME COLUMN name TO full_name;
