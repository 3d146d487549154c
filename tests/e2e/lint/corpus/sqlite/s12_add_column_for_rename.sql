-- revision: lint_s12
-- down_revision: lint_sqlite_base
-- message: the new column added beside the old one

-- +upgrade
ALTER TABLE accounts ADD COLUMN notes TEXT;
