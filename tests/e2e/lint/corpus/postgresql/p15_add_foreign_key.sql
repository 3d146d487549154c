-- revision: lint_p15
-- down_revision: lint_pg_base
-- message: a validated foreign key with no index on its column

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);
