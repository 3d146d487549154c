-- revision: lint_p35
-- down_revision: lint_pg_base
-- message: a rewrite the parser cannot see, hidden in a DO block

-- +upgrade
DO $$
BEGIN
    EXECUTE 'ALTER TABLE orders ALTER COLUMN total TYPE bigint';
END
$$;
