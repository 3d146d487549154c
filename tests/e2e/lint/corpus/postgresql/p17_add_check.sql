-- revision: lint_p17
-- down_revision: lint_pg_base
-- message: a CHECK that reads every row under ACCESS EXCLUSIVE

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0);
