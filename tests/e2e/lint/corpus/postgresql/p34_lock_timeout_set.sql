-- revision: lint_p34
-- down_revision: lint_pg_base
-- message: a table lock taken with a lock_timeout of its own

-- +upgrade
SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN nickname text;
