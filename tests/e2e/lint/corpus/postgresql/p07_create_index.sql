-- revision: lint_p07
-- down_revision: lint_pg_base
-- message: an index built while writes wait

-- +upgrade
CREATE INDEX ix_orders_user_id ON orders (user_id);
