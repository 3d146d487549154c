-- revision: lint_p02
-- down_revision: lint_pg_base
-- message: a column with a constant default (stored once from PostgreSQL 11)

-- +upgrade
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
