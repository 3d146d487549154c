-- revision: lint_s07
-- down_revision: lint_sqlite_base
-- message: every row updated in one write transaction

-- +upgrade
UPDATE accounts SET note = '';
