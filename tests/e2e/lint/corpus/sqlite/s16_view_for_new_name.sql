-- revision: lint_s16
-- down_revision: lint_sqlite_base
-- message: the new name as a view while the code moves

-- +upgrade
CREATE VIEW log_entries AS SELECT id, msg, level FROM logs;
