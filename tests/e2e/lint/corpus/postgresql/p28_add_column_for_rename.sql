-- revision: lint_p28
-- down_revision: lint_pg_base
-- message: the new column added beside the old one (expand first)

-- +upgrade
ALTER TABLE users ADD COLUMN full_name text;
