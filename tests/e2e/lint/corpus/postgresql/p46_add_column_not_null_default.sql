-- revision: lint_p46
-- down_revision: lint_pg_base
-- message: the same column with a constant default, which every row takes

-- +upgrade
ALTER TABLE users ADD COLUMN tier integer NOT NULL DEFAULT 0;
