-- revision: lint_s06
-- down_revision: lint_sqlite_base
-- message: a column SQLite adds in place

-- +upgrade
ALTER TABLE logs ADD COLUMN host TEXT;
