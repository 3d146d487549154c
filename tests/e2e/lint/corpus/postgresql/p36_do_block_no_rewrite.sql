-- revision: lint_p36
-- down_revision: lint_pg_base
-- message: a DO block whose change rewrites nothing

-- +upgrade
DO $$
BEGIN
    EXECUTE 'ALTER TABLE orders ALTER COLUMN note TYPE varchar(200)';
END
$$;
