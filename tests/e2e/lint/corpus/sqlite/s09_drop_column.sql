-- revision: lint_s09
-- down_revision: lint_sqlite_base
-- message: a column and its data dropped

-- +upgrade
ALTER TABLE logs DROP COLUMN level;
