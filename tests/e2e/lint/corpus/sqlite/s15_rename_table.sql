-- revision: lint_s15
-- down_revision: lint_sqlite_base
-- message: a table renamed under the running code

-- +upgrade
ALTER TABLE logs RENAME TO log_entries;
