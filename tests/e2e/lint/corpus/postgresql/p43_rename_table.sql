-- revision: lint_p43
-- down_revision: lint_pg_base
-- message: a table renamed under the running code

-- +upgrade
ALTER TABLE events RENAME TO activity;
