-- revision: lint_p03
-- down_revision: lint_pg_base
-- message: integer to bigint rewrites the table

-- +upgrade
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
