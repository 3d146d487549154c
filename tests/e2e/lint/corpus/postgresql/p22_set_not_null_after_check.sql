-- revision: lint_p22
-- down_revision: lint_pg_email_check
-- message: SET NOT NULL where a valid CHECK already proves the column (PostgreSQL 12+)

-- +upgrade
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
