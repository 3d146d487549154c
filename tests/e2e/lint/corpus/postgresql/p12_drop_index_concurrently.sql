-- revision: lint_p12
-- down_revision: lint_pg_base
-- message: an index dropped without locking its table
-- transactional: false

-- +upgrade
DROP INDEX CONCURRENTLY ix_orders_created_at;
