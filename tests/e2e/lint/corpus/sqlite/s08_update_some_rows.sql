-- revision: lint_s08
-- down_revision: lint_sqlite_base
-- message: rows updated a batch at a time

-- +upgrade
UPDATE accounts SET note = '' WHERE note IS NULL AND id <= 1000;
