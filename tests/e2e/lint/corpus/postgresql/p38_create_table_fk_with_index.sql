-- revision: lint_p38
-- down_revision: lint_pg_base
-- message: the same foreign key with its index

-- +upgrade
CREATE TABLE payments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    amount integer NOT NULL
);
CREATE INDEX ix_payments_order_id ON payments (order_id);
