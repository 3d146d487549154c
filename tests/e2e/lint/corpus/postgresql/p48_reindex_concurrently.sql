-- revision: lint_p48
-- down_revision: lint_pg_base
-- message: an index rebuilt beside the writes
-- transactional: false

-- +upgrade
REINDEX INDEX CONCURRENTLY ix_orders_created_at;
