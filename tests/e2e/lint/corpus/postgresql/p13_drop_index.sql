-- revision: lint_p13
-- down_revision: lint_pg_base
-- message: an index dropped under ACCESS EXCLUSIVE on its table

-- +upgrade
DROP INDEX ix_orders_created_at;
