-- revision: lint_p33
-- down_revision: lint_pg_base
-- message: a table lock taken with lock_timeout turned off

-- +upgrade
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN nickname text;
