-- revision: lint_p08
-- down_revision: lint_pg_base
-- message: an index built without blocking writes
-- transactional: false

-- +upgrade
CREATE INDEX CONCURRENTLY ix_orders_user_id ON orders (user_id);
