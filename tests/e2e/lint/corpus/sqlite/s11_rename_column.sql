-- revision: lint_s11
-- down_revision: lint_sqlite_base
-- message: a rename breaks the code still running

-- +upgrade
ALTER TABLE accounts RENAME COLUMN note TO notes;
