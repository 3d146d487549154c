-- revision: lint_p16
-- down_revision: lint_pg_base
-- message: the index first, then the foreign key NOT VALID
-- transactional: false

-- +upgrade
CREATE INDEX CONCURRENTLY ix_orders_user_id ON orders (user_id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
