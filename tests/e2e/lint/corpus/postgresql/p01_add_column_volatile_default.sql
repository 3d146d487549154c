-- revision: lint_p01
-- down_revision: lint_pg_base
-- message: a uuid column filled per row by its default

-- +upgrade
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
