-- revision: lint_p21
-- down_revision: lint_pg_base
-- message: SET NOT NULL reads every row under ACCESS EXCLUSIVE

-- +upgrade
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
