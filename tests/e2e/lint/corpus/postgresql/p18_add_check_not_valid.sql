-- revision: lint_p18
-- down_revision: lint_pg_base
-- message: a CHECK added NOT VALID: new rows checked, old ones later

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID;
