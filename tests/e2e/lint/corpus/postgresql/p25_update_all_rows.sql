-- revision: lint_p25
-- down_revision: lint_pg_base
-- message: every row updated in one transaction

-- +upgrade
UPDATE users SET plan = 'free';
