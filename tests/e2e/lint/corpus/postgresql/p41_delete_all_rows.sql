-- revision: lint_p41
-- down_revision: lint_pg_base
-- message: every row deleted in one transaction

-- +upgrade
DELETE FROM events;
