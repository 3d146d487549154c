-- revision: lint_p45
-- down_revision: lint_pg_base
-- message: a NOT NULL column with no default, which a table with rows refuses

-- +upgrade
ALTER TABLE users ADD COLUMN tier integer NOT NULL;
