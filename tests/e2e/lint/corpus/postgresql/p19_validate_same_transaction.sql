-- revision: lint_p19
-- down_revision: lint_pg_base
-- message: NOT VALID and VALIDATE in one transaction

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total;
