-- revision: lint_s10
-- down_revision: lint_sqlite_base
-- message: the same drop, waived with a reason

-- +upgrade
-- fleet:allow drop-column nothing has read logs.level since release 4.2
ALTER TABLE logs DROP COLUMN level;
