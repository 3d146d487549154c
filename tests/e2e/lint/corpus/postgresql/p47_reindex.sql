-- revision: lint_p47
-- down_revision: lint_pg_base
-- message: an index rebuilt while writes to its table wait

-- +upgrade
REINDEX INDEX ix_orders_created_at;
