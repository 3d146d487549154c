-- revision: lint_p20
-- down_revision: lint_p18
-- message: VALIDATE in the revision after the NOT VALID add

-- +upgrade
ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total;
